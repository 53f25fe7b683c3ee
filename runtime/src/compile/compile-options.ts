import { createBuiltinOperators } from '../rules/builtin-operators.js';
import { FactRegistry } from '../rules/fact-registry.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import type { DocumentKindRegistry } from '../kinds/document-kind.js';

/** What compiling a set may use beyond the built-ins. */
export interface CompileOptions {
  /** Rule operators (built-in ones when absent); plugins add theirs. */
  readonly operators?: OperatorRegistry;
  /** Computed facts rules may read. */
  readonly facts?: FactRegistry;
  /** The document kinds beside entities and layers (`createBuiltinDocumentKinds()` when absent). */
  readonly kinds?: DocumentKindRegistry;
  /** Today as `YYYY-MM-DD` in the deployment's time zone, for facts of time (UTC's date when absent). */
  readonly today?: () => string;
}

/** The registries one compile runs with: every rule set, layer validation and tariff condition shares them. */
export interface CompileRegistries {
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
}

/** The given registries, else the built-in ones, made once per compile. */
export function registriesOf(options: CompileOptions): CompileRegistries {
  return { operators: options.operators ?? createBuiltinOperators(), facts: options.facts ?? new FactRegistry() };
}
