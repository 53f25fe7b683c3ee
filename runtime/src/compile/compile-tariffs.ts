import type { CompiledModel } from './compiled-model.js';
import type { CompileRegistries } from './compile-options.js';
import { failed, ok, type Checked } from '../problems/problem.js';
import type { LayerDocument } from '../layers/layer.document.js';
import { checkTariffCatalog } from '../tariffs/check-tariff-catalog.js';
import { compileTariffCatalog } from '../tariffs/compile-tariff-catalog.js';
import type { PlacedOverride } from '../tariffs/check-overrides.js';
import { checkSimulationSource, type TariffSimulationSource } from '../tariffs/simulation-source.js';
import { checkGroupTariffSource, type GroupTariffSource } from '../tariffs/group-tariff-source.js';
import type { CompiledTariffs } from '../tariffs/tariffs-section.js';

export type { CompiledTariffs } from '../tariffs/tariffs-section.js';

/** The tariff catalog, checked against the customer entity quotes read, then compiled: problems at `tariffs…`. */
export function compileTariffs(model: CompiledModel, input: { customerEntity: string } & Record<string, unknown>, layerOverrides: readonly PlacedOverride[], registries: CompileRegistries): Checked<CompiledTariffs> {
  const { customerEntity, acceptedQuotes, simulation: simulationInput, groupTariffs: groupTariffsInput, ...catalog } = input;
  if (!model.entityByKey(customerEntity)) return failed([{ code: 'tariff.unknown-customer-entity', path: 'tariffs.customerEntity', message: `No entity with key "${customerEntity}"` }]);
  const keeper = acceptedQuotes as { entity?: unknown; field?: unknown } | undefined;
  if (keeper !== undefined) {
    const field = typeof keeper.entity === 'string' && typeof keeper.field === 'string' ? model.entityByKey(keeper.entity)?.fieldByKey(keeper.field) : undefined;
    if (!field || field.typeName !== 'json') return failed([{ code: 'tariff.bad-accepted-quotes', path: 'tariffs.acceptedQuotes', message: 'acceptedQuotes names the entity and the json field (by keys) where accepted quotes are kept' }]);
  }
  let simulation: TariffSimulationSource | undefined;
  if (simulationInput !== undefined) {
    const checkedSource = checkSimulationSource(simulationInput, model, customerEntity);
    if (!checkedSource.ok) return failed(checkedSource.problems.map((p) => ({ ...p, path: `tariffs.${p.path}` })));
    simulation = checkedSource.value;
  }
  let groupTariffs: GroupTariffSource | undefined;
  if (groupTariffsInput !== undefined) {
    const checkedSource = checkGroupTariffSource(groupTariffsInput, model, customerEntity);
    if (!checkedSource.ok) return failed(checkedSource.problems.map((p) => ({ ...p, path: `tariffs.${p.path}` })));
    groupTariffs = checkedSource.value;
  }
  const context = { model, customerEntity, ...registries, layerOverrides };
  const checked = checkTariffCatalog(catalog, context);
  // A layer's override is reported in its layer; everything else in the catalog.
  const pathOf = (path: string) => (path.startsWith('layers[') ? path : path ? `tariffs.${path}` : 'tariffs');
  if (!checked.ok) return failed(checked.problems.map((p) => ({ ...p, path: pathOf(p.path) })));
  return ok({ catalog: compileTariffCatalog(checked.value, context), customerEntity, ...(simulation ? { simulation } : {}), ...(groupTariffs ? { groupTariffs } : {}) });
}

/** Each layer's tariff overrides, as overrides of the layer's unit. */
export function layerTariffOverrides(layers: readonly LayerDocument[]): PlacedOverride[] {
  return layers.flatMap((layer) =>
    (layer.tariffOverrides ?? []).map((override) => ({ override: { ...override, kind: 'tariffOverride' as const, orgUnit: layer.key }, path: `layers[${layer.key}].tariffOverrides[${override.key}]` })),
  );
}

