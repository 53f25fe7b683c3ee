import type { CompiledModel } from '@lattice/runtime';
import type { Plan, RiskRecord } from '../plan/plan.js';
import type { RecordAccess } from '../records/record-access.js';

/**
 * A plan as one admin may see it. A plan is made for the whole database
 * (its hash covers every record at risk), but the records it names are read
 * again through the access point as the caller: a record outside their
 * scope is left out, a title or value of a field hidden from them is null.
 * Only this view is filtered, never the plan publish checks.
 */
export async function planAsSeenBy(plan: Plan, access: RecordAccess, live: CompiledModel): Promise<Plan> {
  const risks = await Promise.all(
    plan.risks.map(async (risk) => {
      if (!risk.records?.length) return risk;
      const entity = live.entityByKey(risk.entity);
      const records = entity ? await visibleRecords(risk.records, entity.name, entity.titleField, access) : [];
      return { ...risk, records };
    }),
  );
  return { ...plan, risks };
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
