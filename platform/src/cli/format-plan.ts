import type { Plan } from '../plan/plan.js';

/** A plan as an admin reads it in a terminal. */
export function formatPlan(plan: Plan): string {
  const lines: string[] = [`Plan ${plan.hash.slice(0, 12)}: version ${plan.fromVersion} → ${plan.fromVersion + 1}`];
  const layerLines = plan.layerProblems.map((p) => `  [BLOCKING] ${p.path}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`);
  if (plan.changes.length === 0 && plan.ddl.length === 0) {
    return [lines[0], layerLines.length ? ['Layers:', ...layerLines].join('\n') : 'No changes to tables or the API.'].join('\n');
  }
  lines.push('', 'Changes:', ...plan.changes.map((c) => `  ${describeChange(c as unknown as Record<string, unknown>)}`));
  lines.push('', 'Database statements:', ...plan.ddl.map((s) => `  ${s}`));
  const api = plan.apiChanges.filter((c) => c.breaking || c.kind !== 'FIELD_ADDED' || plan.apiChanges.length < 40);
  lines.push('', 'API changes:', ...api.map((c) => `  ${c.breaking ? 'BREAKING ' : ''}${c.description}`));
  if (plan.risks.length) {
    lines.push('', 'Data at risk:', ...plan.risks.map((r) => `  [${r.blocking ? 'BLOCKING' : `confirm ${r.id}`}] ${r.message}${r.hint ? ` — ${r.hint}` : ''}`));
  }
  if (layerLines.length) lines.push('', 'Layers:', ...layerLines);
  return lines.join('\n');
}

function describeChange(change: Record<string, unknown>): string {
  const { kind, entity, ...rest } = change;
  const detail = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `${String(kind)} ${String(entity)} ${detail}`.trim();
}
