import type { FactReader, FactRegistry } from './fact-registry.js';
import { followPath, parseFactPath } from './fact-path.js';

/** One run's state: the facts given, and the values of computed facts so far. */
export interface RunState {
  readonly facts: Readonly<Record<string, unknown>>;
  cache: Map<string, unknown> | undefined;
  readonly reader: FactReader;
}

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
 * a fact given to the run wins (even when its value is `undefined`), then a
 * computed fact (cached per run and params), then `undefined` or an
 * UndefinedFactError as `allowUndefinedFacts` says. `path` applies only to
 * a non-null object; any other value is returned as it is.
 */
export function compileFactAccess(fact: string, params: Record<string, unknown> | undefined, path: string | undefined, options: FactAccessOptions): FactAccess {
  const computed = options.registry?.get(fact);
  const given = params ?? {};
  const cacheKey = computed ? `${fact}\u0000${JSON.stringify(given)}` : '';
  const allowUndefined = options.allowUndefinedFacts;
  const read: FactAccess = (state) => {
    const facts = state.facts;
    if (Object.hasOwn(facts, fact)) return facts[fact];
    if (!computed) {
      if (allowUndefined) return undefined;
      throw new UndefinedFactError(fact);
    }
    const cache = (state.cache ??= new Map());
    if (cache.has(cacheKey)) return cache.get(cacheKey);
    const value = computed.compute(given, state.reader);
    cache.set(cacheKey, value);
    return value;
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

/** A reader for computed facts: the same lookup, by name, for facts that read other facts. */
export function createRunState(facts: Readonly<Record<string, unknown>>, options: FactAccessOptions): RunState {
  const accessors = new Map<string, FactAccess>();
  const state: RunState = {
    facts,
    cache: undefined,
    reader: {
      value: (fact, params, path) => {
        const key = `${fact}\u0000${JSON.stringify(params ?? {})}\u0000${path ?? ''}`;
        let access = accessors.get(key);
        if (!access) accessors.set(key, (access = compileFactAccess(fact, params, path, options)));
        return access(state);
      },
    },
  };
  return state;
}
