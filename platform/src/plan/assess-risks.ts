import type { CompiledModel } from '@lattice/runtime';
import { quoteIdent } from '../storage/quote.js';
import type { ModelChange } from './model-change.js';
import type { DataRisk } from './plan.js';
import { conversionCheck } from './conversion-check.js';
import { liveFieldOf } from './field-counterparts.js';

/** Runs one counting query against the live database. */
export type CountRows = (sql: string) => Promise<number>;

/**
 * Looks at the live data each change touches and reports what would be lost
 * or would fail: dropped data with row counts, values a type change cannot
 * convert or would truncate, required or unique constraints the data breaks.
 * Queries only what a change needs; an added optional column costs nothing.
 */
export async function assessRisks(changes: readonly ModelChange[], live: CompiledModel | undefined, next: CompiledModel, count: CountRows): Promise<DataRisk[]> {
  const risks: DataRisk[] = [];
  const tableOf = (entityKey: string) => live?.entityByKey(entityKey)?.table;
  for (const change of changes) {
    const table = tableOf(change.entity);
    if (!table) continue;
    const t = quoteIdent(table);
    switch (change.kind) {
      case 'entity.removed': {
        const rows = await count(`select count(*) from ${t}`);
        if (rows > 0) risks.push({ id: `drop-table:${change.entity}`, kind: 'drop-table', entity: change.entity, rows, message: `Removing entity "${change.name}" drops its table with ${rows} rows`, hint: 'Confirm to drop the data, or keep the entity', blocking: false });
        break;
      }
      case 'field.removed': {
        const sql = change.column
          ? `select count(*) from ${t} where ${quoteIdent(change.column)} is not null`
          : change.joinTable ? `select count(*) from ${quoteIdent(change.joinTable)}` : null;
        const rows = sql ? await count(sql) : 0;
        if (rows > 0) risks.push({ id: `drop-column:${change.entity}.${change.field}`, kind: 'drop-column', entity: change.entity, field: change.field, rows, message: `Removing field "${change.name}" drops ${rows} stored values`, hint: 'Confirm to drop the values, or keep the field', blocking: false });
        break;
      }
      case 'field.storage-changed': {
        const check = conversionCheck(change);
        if (!check) break;
        const rows = await count(`select count(*) from ${t} where ${check.where(quoteIdent(liveColumn(live, next, change) ?? change.column))}`);
        if (rows > 0) risks.push({ id: `${check.kind}:${change.entity}.${change.field}`, kind: check.kind, entity: change.entity, field: change.field, rows, message: `${rows} values of "${change.name}" ${check.message}`, hint: check.hint, blocking: check.kind === 'failed-conversion' });
        break;
      }
      case 'field.required-added': {
        const rows = await count(`select count(*) from ${t} where ${quoteIdent(liveColumn(live, next, change) ?? change.column)} is null`);
        if (rows > 0 && !change.hasDefault) risks.push({ id: `missing-values:${change.entity}.${change.field}`, kind: 'missing-values', entity: change.entity, field: change.field, rows, message: `${rows} rows have no value for "${change.name}", which becomes required`, hint: 'Give the field a default (empty values are filled with it), or fill the values first', blocking: true });
        break;
      }
      case 'field.added': {
        if (!change.required || change.hasDefault || !change.column) break;
        const rows = await count(`select count(*) from ${t}`);
        if (rows > 0) risks.push({ id: `missing-values:${change.entity}.${change.field}`, kind: 'missing-values', entity: change.entity, field: change.field, rows, message: `New required field "${change.name}" has no default, and ${rows} existing rows would have no value`, hint: 'Give the field a default, or add it as optional first', blocking: true });
        break;
      }
      case 'field.unique-added': {
        const c = quoteIdent(liveColumn(live, next, change) ?? change.column);
        const rows = await count(`select count(*) from (select ${c} from ${t} where ${c} is not null group by ${c} having count(*) > 1) d`);
        if (rows > 0) risks.push({ id: `duplicate-values:${change.entity}.${change.field}`, kind: 'duplicate-values', entity: change.entity, field: change.field, rows, message: `${rows} values of "${change.name}" occur more than once, so it cannot become unique`, hint: 'Remove the duplicates first', blocking: true });
        break;
      }
      case 'index.added':
      case 'index.changed': {
        if (!change.unique) break;
        const cols = change.columns.map((c) => quoteIdent(c)).join(', ');
        const rows = await count(`select count(*) from (select ${cols} from ${t} group by ${cols} having count(*) > 1) d`).catch(() => 0);
        if (rows > 0) risks.push({ id: `duplicate-values:${change.entity}.${change.index}`, kind: 'duplicate-values', entity: change.entity, rows, message: `${rows} combinations of (${change.columns.join(', ')}) occur more than once, so unique index "${change.index}" cannot be created`, hint: 'Remove the duplicates first', blocking: true });
        break;
      }
      default:
        break;
    }
  }
  return risks;
}

/** The column's name in the live table (before a rename, or a key change, in the same plan). */
function liveColumn(live: CompiledModel | undefined, next: CompiledModel, change: { entity: string; field: string }): string | undefined {
  const before = live?.entityByKey(change.entity);
  const after = next.entityByKey(change.entity);
  const field = after?.fieldByKey(change.field);
  return (before && after && field ? liveFieldOf(before, after, field)?.column : undefined) ?? undefined;
}
