import { foldLayers, provenanceOf, type EntityDocument, type LayerDocument, type MetadataSet } from '@lattice/runtime';
import { copyDocument, fieldTypes } from '../draft-set.js';

/** The properties of a field a layer may set freely (unless a layer above locked them). */
export const LAYER_PROPERTIES = ['label.en', 'label.zh-CN', 'default', 'hidden'] as const;
export type LayerProperty = (typeof LAYER_PROPERTIES)[number];

/** One property of one field as the layer being edited sees it. */
export interface LayerCell {
  /** What the layers above give (the base set's value when none set it). */
  above: unknown;
  /** The layer above that set it (`core`: the base set). */
  from: string;
  /** The layer above that locked it, if one did: this layer may not change it. */
  lockedBy?: string;
  /** What this layer sets, if it does. */
  here?: unknown;
}

const valueIn = (field: Record<string, unknown>, property: LayerProperty): unknown => {
  if (property.startsWith('label.')) {
    const label = field['label'];
    const language = property.slice('label.'.length);
    return label && typeof label === 'object' ? ((label as Record<string, unknown>)[language] ?? null) : language === 'en' ? (label ?? null) : null;
  }
  return field[property] ?? null;
};

/**
 * What one layer sees of an entity's fields: per property, the value the
 * layers above it give, the layer that gave it (the runtime's provenance),
 * the layer that locked it (the runtime's fold of the layers above, the same
 * fold the server checks edits with), and what this layer sets.
 */
export function layerCells(set: MetadataSet, layerKey: string, path: readonly string[], entityKey: string): Map<string, Record<LayerProperty, LayerCell>> {
  const layers = (set.layers ?? []) as LayerDocument[];
  const above = path.slice(0, path.indexOf(layerKey)).flatMap((key) => layers.filter((l) => l.key === key));
  const effective = foldLayers({ entities: set.entities }, above, fieldTypes);
  const own = (layers.find((l) => l.key === layerKey)?.entities ?? []).find((e) => e.key === entityKey);
  const entity = effective.set.entities.find((e) => e.key === entityKey) as EntityDocument | undefined;
  const cells = new Map<string, Record<LayerProperty, LayerCell>>();
  const entityLock = effective.locks[`entities[${entityKey}]`]?.['*'];
  for (const field of entity?.fields ?? []) {
    const provenance = provenanceOf(effective, entityKey, field.key) ?? {};
    const locks = effective.locks[`entities[${entityKey}].fields[${field.key}]`] ?? {};
    const overlay = own?.fields?.find((f) => f.key === field.key);
    const row = {} as Record<LayerProperty, LayerCell>;
    for (const property of LAYER_PROPERTIES) {
      const lockedBy = entityLock ?? locks['*'] ?? locks[property] ?? (property.startsWith('label.') ? locks['label'] : undefined);
      const here = overlay?.set?.[property];
      row[property] = { above: valueIn(field as Record<string, unknown>, property), from: provenance[property] ?? provenance[property.split('.')[0]!] ?? 'core', ...(lockedBy ? { lockedBy } : {}), ...(here ? { here: here.value } : {}) };
    }
    cells.set(field.key, row);
  }
  return cells;
}

/** The layer with one property of one field set (or, with `undefined`, no longer set), keeping what it saw above as `base`. */
export function withProperty(layer: LayerDocument, entityKey: string, fieldKey: string, property: LayerProperty, value: unknown, above: unknown): LayerDocument {
  const next = copyDocument(layer);
  next.entities ??= [];
  let entity = next.entities.find((e) => e.key === entityKey);
  if (!entity) next.entities.push((entity = { key: entityKey }));
  entity.fields ??= [];
  let field = entity.fields.find((f) => f.key === fieldKey);
  if (!field) entity.fields.push((field = { key: fieldKey }));
  const set = { ...field.set };
  if (value === undefined || value === '') delete set[property];
  else set[property] = { value: value as never, base: (above ?? null) as never };
  if (Object.keys(set).length) field.set = set;
  else delete field.set;
  return next;
}
