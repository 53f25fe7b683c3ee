import type { CompiledModel, EffectiveMetadataCache, LayerDocument } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { UnitTree } from './unit-tree.js';
import type { RecordGuard } from './record-guard.js';

export interface EffectiveMetadataView {
  /** The unit whose layers were folded (null: the base metadata, for the platform itself). */
  unit: string | null;
  layers: readonly string[];
  /** Entities as this unit sees them, with only the fields the actor may read. */
  entities: unknown[];
  hiddenFields: Readonly<Record<string, readonly string[]>>;
  validations: unknown;
  provenance: unknown;
}

/**
 * The metadata a user works with: the layers on their unit's path folded
 * over the base (cached per version and layer path), then cut to the fields
 * their roles let them read. Screens are generated from it.
 */
export function effectiveMetadataFor(model: CompiledModel, cache: EffectiveMetadataCache, directory: UnitTree, guard: RecordGuard, unitKey: string | null): EffectiveMetadataView {
  const path = unitKey ? directory.pathKeys(unitKey) : [];
  if (!path) throw LatticeError.notFound(`Org unit ${unitKey}`);
  const layerPath = path.filter((key) => model.layerByKey(key));
  const layers = new Map(model.layers.map((l): [string, LayerDocument] => [l.key, l]));
  const effective = cache.effectiveFor({ hash: model.hash, base: model.base, layers }, layerPath);
  const entities = effective.set.entities.flatMap((doc) => {
    const entity = model.entityByKey(doc.key);
    if (!entity || !guard.mayRead(entity)) return [];
    // The served plural (the list query's name) whether or not the document spells it.
    return [{ ...doc, pluralName: entity.pluralName, fields: doc.fields.filter((f) => {
      const field = entity.fieldByKey(f.key);
      return !!field && guard.fieldReadable(entity, field);
    }) }];
  });
  return { unit: unitKey, layers: effective.layers, entities, hiddenFields: effective.hiddenFields, validations: effective.validations, provenance: effective.provenance };
}
