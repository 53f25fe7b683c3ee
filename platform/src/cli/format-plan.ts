import type { Plan } from '../plan/plan.js';
import type { DocumentChange } from '../plan/diff-documents.js';

/** A plan as an admin reads it in a terminal: every section of the plan, so nothing it does goes unseen. */
export function formatPlan(plan: Plan): string {
  const started = plan.startedFrom === null ? '' : ` (the metadata was started from version ${plan.startedFrom}: see "reverts" below)`;
  const lines: string[] = [`Plan ${plan.hash.slice(0, 12)}: version ${plan.fromVersion} → ${plan.fromVersion + 1}${started}`];
  const layerLines = plan.layerProblems.map((p) => `  [BLOCKING] ${p.path}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`);
  const documentChanges = [...plan.catalogChanges, ...plan.ruleSetChanges, ...plan.formChanges];
  if (plan.changes.length === 0 && plan.ddl.length === 0 && documentChanges.length === 0) {
    return [lines[0], layerLines.length ? ['Layers:', ...layerLines].join('\n') : 'No changes.'].join('\n');
  }
  if (plan.changes.length) lines.push('', 'Changes:', ...plan.changes.map((c) => `  ${describeChange(c as unknown as Record<string, unknown>)}`));
  if (plan.catalogChanges.length) lines.push('', 'Tariff catalog:', ...plan.catalogChanges.map(describeDocumentChange));
  if (plan.ruleSetChanges.length) lines.push('', 'Rule sets:', ...plan.ruleSetChanges.map(describeDocumentChange));
  if (plan.formChanges.length) lines.push('', 'Forms, views and facts:', ...plan.formChanges.map((c) => `  ${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${c.path}`));
  if (plan.ddl.length) lines.push('', 'Database statements:', ...plan.ddl.map((s) => `  ${s}`));
  const api = plan.apiChanges.filter((c) => c.breaking || c.kind !== 'FIELD_ADDED' || plan.apiChanges.length < 40);
  if (api.length) lines.push('', 'API changes:', ...api.map((c) => `  ${c.breaking ? 'BREAKING ' : ''}${c.description}`));
  if (plan.whereUsed.length) lines.push('', 'Where used:', ...plan.whereUsed.map((u) => `  ${u.breaks ? '[BREAKS] ' : ''}${u.usedBy} ${u.owner} (${u.path}): ${u.message}`));
  if (plan.risks.length) {
    lines.push('', 'Data at risk:');
    for (const r of plan.risks) {
      lines.push(`  [${r.blocking ? 'BLOCKING' : `confirm ${r.id}`}] ${r.message}${r.hint ? ` — ${r.hint}` : ''}`);
      for (const record of r.records ?? []) lines.push(`      ${record.id}  ${record.title ?? ''}  ${Object.entries(record.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`.trimEnd());
      if ((r.records?.length ?? 0) < r.rows && r.find) lines.push(`      … ${r.rows - (r.records?.length ?? 0)} more: ${r.find.sql}`);
    }
  }
  if (layerLines.length) lines.push('', 'Layers:', ...layerLines);
  return lines.join('\n');
}

function describeDocumentChange(c: DocumentChange): string {
  if (c.change === 'added') return `  + ${c.path}`;
  if (c.change === 'removed') return `  - ${c.path}`;
  return `  ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`;
}

function describeChange(change: Record<string, unknown>): string {
  const { kind, entity, ...rest } = change;
  const detail = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `${String(kind)} ${String(entity)} ${detail}`.trim();
}
