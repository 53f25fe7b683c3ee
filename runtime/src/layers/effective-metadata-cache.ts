import type { MetadataSet } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import type { EffectiveMetadata } from './effective-metadata.js';
import { foldLayers, type FoldOptions } from './fold-layers.js';
import type { LayerDocument } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/** A published version as layers see it: the same hash always means the same base set and layers. */
export interface LayeredVersion {
  readonly hash: string;
  readonly base: MetadataSet;
  /** Every layer of the version, by key. */
  readonly layers: ReadonlyMap<string, LayerDocument>;
}

export interface EffectiveMetadataCacheOptions extends FoldOptions {
  /** Entries kept, least recently used dropped first. Default 1000. */
  readonly maxEntries?: number;
}

/**
 * Effective metadata per (version hash, layer path), folded once and then
 * shared: every user of every unit under the same layers gets the same
 * frozen object until the version changes. A value the caller builds and
 * holds (one per platform node), never a module global. Keyed by the path of
 * layer keys rather than of org units, so units that own no layer share
 * their nearest layered ancestor's entry.
 */
export class EffectiveMetadataCache {
  readonly #entries = new Map<string, EffectiveMetadata>();
  readonly #maxEntries: number;
  #hits = 0;
  #misses = 0;

  constructor(
    private readonly registry: FieldTypeRegistry,
    private readonly options: EffectiveMetadataCacheOptions = {},
  ) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 1000);
  }

  /** The effective metadata under `layerPath` (layer keys, top-down) in `version`. */
  effectiveFor(version: LayeredVersion, layerPath: readonly string[]): EffectiveMetadata {
    const key = `${version.hash}|${layerPath.join('/')}`;
    const cached = this.#entries.get(key);
    if (cached) {
      this.#hits++;
      this.#entries.delete(key); // re-inserted below: Map order is recency order
      this.#entries.set(key, cached);
      return cached;
    }
    this.#misses++;
    const effective = freezeDeep(this.#fold(version, layerPath));
    this.#entries.set(key, effective);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return effective;
  }

  get stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.#hits, misses: this.#misses, entries: this.#entries.size };
  }

  #fold(version: LayeredVersion, layerPath: readonly string[]): EffectiveMetadata {
    const layers: LayerDocument[] = [];
    const missing = [];
    for (const key of layerPath) {
      const layer = version.layers.get(key);
      if (layer) layers.push(layer);
      else missing.push(layerProblems.unknownLayer(layerPaths.layer(key), key));
    }
    const effective = foldLayers(version.base, layers, this.registry, this.options);
    return missing.length ? { ...effective, problems: [...missing, ...effective.problems] } : effective;
  }
}

/** Shared across requests, so nobody may change it in place. Children first, then the object. */
function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (const child of value) freezeDeep(child);
  else for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
