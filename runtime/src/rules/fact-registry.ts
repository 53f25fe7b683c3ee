import type { z } from 'zod';
import type { ValueShape } from './value-shape.js';

/** Reads other facts of the same run from inside a computed fact (json-rules-engine's `almanac.factValue`, synchronous). */
export interface FactReader {
  value(fact: string, params?: Record<string, unknown>, path?: string): unknown;
}

/**
 * A fact computed from the record and its context (a customer's line count,
 * the manager of a district). Declared with its type so that rules using it
 * are checked at plan time; `compute` must be synchronous and pure for one
 * run: its value is cached per run and params, as json-rules-engine caches.
 */
export interface ComputedFact {
  readonly name: string;
  readonly type: ValueShape;
  /** Condition priority of conditions on this fact that set none (json-rules-engine fact `priority`). */
  readonly priority?: number;
  /** Entity keys whose rules may use the fact; all when absent. */
  readonly entities?: readonly string[];
  readonly description?: string;
  /** The params it takes, checked at plan time (`{ fact: 'managerOf', params: { role: 'customer_manager' } }`). */
  readonly params?: z.ZodType;
  compute(params: Record<string, unknown>, facts: FactReader): unknown;
}

/** Computed facts by name: a value passed in, extended by plugins, never a module global. */
export class FactRegistry {
  readonly #facts = new Map<string, ComputedFact>();

  constructor(facts: Iterable<ComputedFact> = []) {
    for (const fact of facts) this.register(fact);
  }

  register(fact: ComputedFact): this {
    if (this.#facts.has(fact.name)) throw new Error(`Fact "${fact.name}" is already registered`);
    this.#facts.set(fact.name, fact);
    return this;
  }

  get(name: string): ComputedFact | undefined {
    return this.#facts.get(name);
  }

  all(): ComputedFact[] {
    return [...this.#facts.values()];
  }
}
