import { canonicalJson, type CompiledModel, type MetadataSet } from '@lattice/runtime';
import type { Plan, RiskRecord } from '../plan/plan.js';
import type { RecordAccess } from '../records/record-access.js';

/**
 * A workflow the plan changes, by state and transition key. Records in
 * flight keep the definition they started on (their instance pins its
 * hash); only records created after publishing follow the new one.
 */
export interface WorkflowChange {
  readonly workflow: string;
  readonly entity: string;
  readonly change: 'added' | 'changed' | 'removed';
  readonly states: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  readonly transitions: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  readonly inFlight: 'keep-version';
}

/**
 * A plan as one admin may see it. A plan is made for the whole database
 * (its hash covers every record at risk), but the records it names are read
 * again through the access point as the caller: a record outside their
 * scope is left out, a title or value of a field hidden from them is null.
 * Only this view is filtered, never the plan publish checks.
 */
export async function planAsSeenBy(plan: Plan, access: RecordAccess, live: CompiledModel, next?: MetadataSet): Promise<Plan & { workflowChanges: WorkflowChange[] }> {
  const risks = await Promise.all(
    plan.risks.map(async (risk) => {
      if (!risk.records?.length) return risk;
      const entity = live.entityByKey(risk.entity);
      const records = entity ? await visibleRecords(risk.records, entity.name, entity.titleField, access) : [];
      return { ...risk, records };
    }),
  );
  return { ...plan, risks, workflowChanges: next ? workflowChanges(live.source, next) : [] };
}

type Keyed = { key: string };
type WorkflowShape = Keyed & { entity: string; states?: Keyed[]; transitions?: Keyed[] };

/** The workflows that differ between the live set and the planned one (the plan's hash does not cover this view: it is read from the same sources). */
export function workflowChanges(live: MetadataSet | undefined, next: MetadataSet): WorkflowChange[] {
  const before = new Map(((live?.workflows ?? []) as WorkflowShape[]).map((w) => [w.key, w]));
  const after = (next.workflows ?? []) as WorkflowShape[];
  const changes: WorkflowChange[] = [];
  for (const workflow of after) {
    const was = before.get(workflow.key);
    if (was && canonicalJson(was) === canonicalJson(workflow)) continue;
    changes.push({ workflow: workflow.key, entity: workflow.entity, change: was ? 'changed' : 'added', states: keyedDiff(was?.states, workflow.states), transitions: keyedDiff(was?.transitions, workflow.transitions), inFlight: 'keep-version' });
  }
  const kept = new Set(after.map((w) => w.key));
  for (const [key, was] of before) if (!kept.has(key)) changes.push({ workflow: key, entity: was.entity, change: 'removed', states: keyedDiff(was.states, []), transitions: keyedDiff(was.transitions, []), inFlight: 'keep-version' });
  return changes;
}

function keyedDiff(before: readonly Keyed[] = [], after: readonly Keyed[] = []) {
  const old = new Map(before.map((d) => [d.key, canonicalJson(d)]));
  const kept = new Set(after.map((d) => d.key));
  return {
    added: after.filter((d) => !old.has(d.key)).map((d) => d.key),
    removed: before.filter((d) => !kept.has(d.key)).map((d) => d.key),
    changed: after.filter((d) => old.has(d.key) && old.get(d.key) !== canonicalJson(d)).map((d) => d.key),
  };
}

async function visibleRecords(records: readonly RiskRecord[], entityName: string, titleField: string, access: RecordAccess): Promise<RiskRecord[]> {
  const visible: RiskRecord[] = [];
  for (const record of records) {
    const stored = (await access.get(entityName, record.id).catch(() => null)) as Record<string, unknown> | null;
    if (!stored) continue;
    const values = Object.fromEntries(Object.entries(record.values).map(([name, value]) => [name, name in stored ? value : null]));
    visible.push({ id: record.id, title: titleField in stored ? record.title : null, values });
  }
  return visible;
}
