import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTariffCatalog } from './compiled-tariff-catalog.js';
import type { TariffSimulationSource } from './simulation-source.js';
import type { GroupTariffSource } from './group-tariff-source.js';

/** The metadata set's key, and the compiled model's section, of the tariff catalog. */
export const TARIFFS_SECTION = 'tariffs';

/** A version's compiled tariff catalog with what quotes and simulations read. */
export interface CompiledTariffs {
  readonly catalog: CompiledTariffCatalog;
  /** Key of the entity quotes read the customer from. */
  readonly customerEntity: string;
  /** Where tariff simulations read the live subscriptions and their usage. */
  readonly simulation?: TariffSimulationSource;
  /** Where group tariffs are kept as records, and which of them are approved. */
  readonly groupTariffs?: GroupTariffSource;
}

/** The tariff catalog of the version, when its set has one. */
export function tariffsOf(model: CompiledModel): CompiledTariffs | undefined {
  return model.section<CompiledTariffs>(TARIFFS_SECTION);
}
