import { canonicalJson, type CompiledModel } from '@lattice/runtime';
import { diffDocuments } from './diff-documents.js';
import { diffModels } from './diff-models.js';
import type { ModelChange } from './model-change.js';
import type { DataRisk } from './plan.js';

/** The version a draft (or an exported folder) started from, when versions were published after it. */
export interface StartedFrom {
  readonly version: number;
  readonly model: CompiledModel;
}

type Catalog = (source: CompiledModel['source'] | undefined) => unknown;

/**
 * What a draft started on an older version would undo of the versions
 * published since: a field or entity added since that the draft lacks, a
 * rename or a property change since that the draft has as it was, a price
 * or rule changed since that the draft still has at its old value. Each is
 * a risk to confirm, so a stale draft never silently reverts someone
 * else's published work. Three-way: started-from → live → draft.
 */
export function findReverts(startedFrom: StartedFrom, live: CompiledModel, next: CompiledModel, changes: readonly ModelChange[], catalogOf: Catalog): DataRisk[] {
  const since = diffModels(startedFrom.model, live);
  const at = `since version ${startedFrom.version}, which this draft started from`;
  const risk = (id: string, entity: string, message: string, field?: string): DataRisk => ({
    id: `reverts:${id}`, kind: 'reverts-published', entity, ...(field ? { field } : {}), rows: 0, records: [], message, hint: 'Start the draft again from the live version, or confirm to undo it', blocking: false,
  });
  const risks: DataRisk[] = [];
  const had = (kind: ModelChange['kind'], entity: string, field?: string) => since.some((c) => c.kind === kind && c.entity === entity && (field === undefined || ('field' in c && c.field === field)));
  for (const change of changes) {
    if (change.kind === 'field.removed' && had('field.added', change.entity, change.field)) risks.push(risk(`${change.entity}.${change.field}`, change.entity, `Field "${change.name}" of ${change.entity} was added ${at}; publishing the draft removes it`, change.field));
    if (change.kind === 'entity.removed' && had('entity.added', change.entity)) risks.push(risk(change.entity, change.entity, `Entity "${change.name}" was added ${at}; publishing the draft removes it`));
    if (change.kind === 'entity.added' && had('entity.removed', change.entity)) risks.push(risk(change.entity, change.entity, `Entity "${change.name}" was removed ${at}; publishing the draft brings it back`));
    if (change.kind === 'field.added' && had('field.removed', change.entity, change.field)) risks.push(risk(`${change.entity}.${change.field}`, change.entity, `Field "${change.name}" of ${change.entity} was removed ${at}; publishing the draft brings it back, empty`, change.field));
    if (change.kind === 'field.renamed' && had('field.renamed', change.entity, change.field) && startedFrom.model.entityByKey(change.entity)?.fieldByKey(change.field)?.name === change.to) {
      risks.push(risk(`${change.entity}.${change.field}`, change.entity, `Field "${change.from}" of ${change.entity} was renamed ${at}; publishing the draft renames it back to "${change.to}"`, change.field));
    }
    if (change.kind === 'field.changed') {
      const base = startedFrom.model.entityByKey(change.entity)?.fieldByKey(change.field) as unknown as Record<string, unknown> | undefined;
      const now = next.entityByKey(change.entity)?.fieldByKey(change.field) as unknown as Record<string, unknown> | undefined;
      const undone = change.properties.filter((p) => base && now && p !== 'typeName' && canonicalJson(base[p]) === canonicalJson(now[p]));
      if (undone.length) risks.push(risk(`${change.entity}.${change.field}`, change.entity, `The ${undone.join(', ')} of field "${change.name}" (${change.entity}) changed ${at}; publishing the draft sets it back`, change.field));
    }
  }
  const changedSince = new Map(diffDocuments(catalogOf(startedFrom.model.source), catalogOf(live.source)).map((c) => [c.path, c]));
  for (const c of diffDocuments(catalogOf(live.source), catalogOf(next.source))) {
    const before = changedSince.get(c.path);
    if (before && canonicalJson(before.before) === canonicalJson(c.after)) risks.push(risk(c.path, c.path.split(/[.[]/)[0] ?? '', `${c.path} changed ${at} (${JSON.stringify(before.before)} → ${JSON.stringify(before.after)}); publishing the draft sets it back`));
  }
  return risks;
}
