import { canonicalJson, checkLayerEdit, parseLayerDocument, type FieldTypeRegistry, type LayerDocument, type MetadataSet, type Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { Actor } from '../security/actor.js';

/**
 * Who may edit which layer: holders of `metadata.publish` edit every layer;
 * holders of `layers.edit` edit the layers of their units and of the units
 * below them, never one above (the group's, another province's), and never
 * anything a layer above locked (`checkLayerEdit`).
 */
export function editableLayerKeys(actor: Actor, directory: OrgDirectory): string[] {
  if (actor.grants.has('metadata.publish')) return [...directory.all()].map((u) => u.key);
  const keys = new Set<string>();
  for (const unitId of actor.grants.unitsWith('layers.edit')) for (const id of directory.subtreeIds(unitId)) keys.add(directory.byId(id)?.key ?? '');
  keys.delete('');
  return [...keys];
}

/** A set with one layer put in (or replaced), the others as they were. */
export function withLayer(source: MetadataSet, layer: LayerDocument): MetadataSet {
  const layers = ((source.layers ?? []) as LayerDocument[]).filter((l) => l.key !== layer.key);
  return { ...source, layers: [...layers, layer].sort((a, b) => a.key.localeCompare(b.key)) };
}

/**
 * The problems of changing `from` into `to` for an editor limited to some
 * layers: the entities must stay as they are, and each layer that changes
 * must be one they may edit, changed only where nothing above is locked.
 */
export function layerChangeProblems(from: MetadataSet, to: MetadataSet, editable: readonly string[], directory: OrgDirectory, registry: FieldTypeRegistry): Problem[] {
  // Everything but the layers (entities, rule sets, whatever the set holds next) is the group's to change.
  const { layers: _fromLayers, ...fromRest } = from;
  const { layers: _toLayers, ...toRest } = to;
  for (const part of new Set([...Object.keys(fromRest), ...Object.keys(toRest)])) {
    if (canonicalJson((fromRest as Record<string, unknown>)[part] ?? null) !== canonicalJson((toRest as Record<string, unknown>)[part] ?? null)) {
      return [{ code: 'layer.edit-forbidden', path: part, message: `You may change layers only: the ${part} are the group's to change`, hint: 'Ask an HQ business admin' }];
    }
  }
  const before = layersOf(from);
  const after = layersOf(to);
  const problems: Problem[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key);
    const now = after.get(key);
    if (canonicalJson(was ?? null) === canonicalJson(now ?? null)) continue;
    const above = (directory.pathKeys(key) ?? []).slice(0, -1).flatMap((k) => after.get(k) ?? []);
    problems.push(...checkLayerEdit({ editable, base: { entities: to.entities }, above, ...(was ? { before: was } : {}), after: now ?? { kind: 'layer', key, entities: [] } }, registry));
  }
  return problems;
}

function layersOf(set: MetadataSet): Map<string, LayerDocument> {
  const out = new Map<string, LayerDocument>();
  for (const input of set.layers ?? []) {
    const parsed = parseLayerDocument(input);
    if (!parsed.ok) throw LatticeError.invalidMetadata(parsed.problems);
    out.set(parsed.value.key, parsed.value);
  }
  return out;
}

/** Edit problems are a refusal (FORBIDDEN) with every problem and its path. */
export function assertLayerEdit(problems: readonly Problem[]): void {
  if (problems.length) throw LatticeError.layerEditForbidden(problems);
}
