import type { FactRegistry } from '../rules/fact-registry.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';

/** What compiling a set may use beyond the built-ins. */
export interface CompileOptions {
  /** Rule operators (built-in ones when absent); plugins add theirs. */
  readonly operators?: OperatorRegistry;
  /** Computed facts rules may read. */
  readonly facts?: FactRegistry;
}
