import type { FactReader, FactRegistry } from './fact-registry.js';
import { followPath, parseFactPath } from './fact-path.js';

export class UndefinedFactError extends Error {
  constructor(readonly fact: string) {
    super(`Undefined fact: ${fact}`);
  }
}

export interface FactAccessOptions {
  readonly registry: FactRegistry | undefined;
  readonly allowUndefinedFacts: boolean;
}

export type FactAccess = (state: RunState) => unknown;

/**
 * A closure that reads one fact the way json-rules-engine's almanac does:
 * a fact given to the run wins (even when its value is `undefined`; the
 * run's own facts before its base facts), then a computed fact (cached per
 * run and params), then `undefined` or an UndefinedFactError as
 * `allowUndefinedFacts` says. `path` applies only to a non-null object;
 * any other value is returned as it is.
 */
export function compileFactAccess(fact: string, params: Record<string, unknown> | undefined, path: string | undefined, options: FactAccessOptions): FactAccess {
  const computed = options.registry?.get(fact);
  const given = params ?? {};
  const cacheKey = computed ? `${fact}\u0000${JSON.stringify(given)}` : '';
  const allowUndefined = options.allowUndefinedFacts;
  const compute = (state: RunState): unknown => {
    if (!computed) {
      if (allowUndefined) return undefined;
      throw new UndefinedFactError(fact);
    }
    const cache = (state.cache ??= new Map());
    if (cache.has(cacheKey)) return cache.get(cacheKey);
    const value = computed.compute(given, state);
    cache.set(cacheKey, value);
    return value;
  };
  // Facts are plain objects (records, JSON). A property read is the fast test; `in` only tells a
  // fact given as undefined from a missing one, and stands for `Object.hasOwn` (V8 caches it per
  // object shape). Names Object.prototype has (toString…) would be found on every object, so
  // they are looked up with `hasOwn` alone.
  const read: FactAccess =
    fact in Object.prototype
      ? (state) => {
          if (Object.hasOwn(state.facts, fact)) return state.facts[fact];
          if (state.base !== undefined && Object.hasOwn(state.base, fact)) return state.base[fact];
          return compute(state);
        }
      : (state) => {
          const own = state.facts[fact];
          if (own !== undefined || fact in state.facts) return own;
          const base = state.base;
          if (base !== undefined) {
            const value = base[fact];
            if (value !== undefined || fact in base) return value;
          }
          return compute(state);
        };
  if (path === undefined) return read;
  const parsed = parseFactPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  const steps = parsed.steps;
  return (state) => {
    const value = read(state);
    return value != null && typeof value === 'object' ? followPath(value, steps) : value;
  };
}

/**
 * One run's state: the facts given (a run's own facts, then `base`: the
 * two read as one object with the run's own winning, so a quote line need
 * not copy the customer's fields), the computed facts' values so far, and
 * the reader computed facts use to read other facts. A class, so that a
 * run allocates one object and no closures.
 */
export class RunState implements FactReader {
  cache: Map<string, unknown> | undefined = undefined;
  private accessors: Map<string, FactAccess> | undefined = undefined;

  constructor(
    readonly facts: Readonly<Record<string, unknown>>,
    readonly base: Readonly<Record<string, unknown>> | undefined,
    readonly options: FactAccessOptions,
  ) {}

  value(fact: string, params?: Record<string, unknown>, path?: string): unknown {
    const key = `${fact}\u0000${JSON.stringify(params ?? {})}\u0000${path ?? ''}`;
    this.accessors ??= new Map();
    let access = this.accessors.get(key);
    if (!access) this.accessors.set(key, (access = compileFactAccess(fact, params, path, this.options)));
    return access(this);
  }
}

export function createRunState(facts: Readonly<Record<string, unknown>>, options: FactAccessOptions, base?: Readonly<Record<string, unknown>>): RunState {
  return new RunState(facts, base, options);
}
