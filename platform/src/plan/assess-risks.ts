import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import { quoteIdent } from '../storage/quote.js';
import type { ModelChange } from './model-change.js';
import type { DataRisk, RiskRecord } from './plan.js';
import { conversionCheck } from './conversion-check.js';
import { liveFieldOf } from './field-counterparts.js';

/** Runs one counting query against the live database. */
export type CountRows = (sql: string) => Promise<number>;
/** Runs one query against the live database and answers its rows. */
export type QueryRows = (sql: string) => Promise<Record<string, unknown>[]>;

/** Records listed per risk; the rest are found with the risk's `find`. */
export const RISK_RECORDS_LISTED = 20;

/** What one change puts at risk, before it is counted: which rows (a condition on the live table) and which values. */
interface RiskCandidate extends Omit<DataRisk, 'rows' | 'message' | 'records' | 'find'> {
  readonly table: string;
  /** SQL condition true for each row at risk. */
  readonly where: string;
  /** The value at risk: the live column and the field's name. */
  readonly value?: { readonly column: string; readonly name: string };
  /** The record API filter that finds the same rows, when it can say it. */
  readonly filter?: Record<string, unknown>;
  message(rows: number): string;
  /** Rows counted another way (duplicate groups, a join table's pairs), when they differ from the rows listed. */
  readonly countSql?: string;
  /** The query that finds them, when it is not the table's rows under `where` (a join table's pairs: no records to list). */
  readonly findSql?: string;
}

/**
 * Looks at the live data each change touches and reports what would be lost
 * or would fail: dropped data with row counts, values a type change cannot
 * convert or would truncate, required or unique constraints the data breaks.
 * Each risk names its first records (id, title, the values at risk) and how
 * to find the rest. Queries only what a change needs; an added optional
 * column costs nothing.
 */
export async function assessRisks(changes: readonly ModelChange[], live: CompiledModel | undefined, next: CompiledModel, count: CountRows, query: QueryRows): Promise<DataRisk[]> {
  const risks: DataRisk[] = [];
  for (const change of changes) {
    const entity = live?.entityByKey(change.entity);
    if (!entity) continue;
    const candidate = candidateOf(change, entity, next);
    if (!candidate) continue;
    const { table, where, value, filter, countSql, findSql, message, ...risk } = candidate;
    // A unique index over columns the live table lacks yet has no duplicates to count.
    const rows = await count(countSql ?? `select count(*) from ${quoteIdent(table)} where ${where}`).catch(() => (risk.kind === 'duplicate-values' ? 0 : Promise.reject(new Error(`Counting ${risk.id} failed`))));
    if (rows === 0) continue;
    const find = { sql: findSql ?? `select * from ${quoteIdent(table)} where ${where} order by id`, ...(filter ? { filter } : {}) };
    const records = findSql ? [] : await listRecords(query, entity, table, where, value);
    risks.push({ ...risk, rows, message: message(rows), records, find });
  }
  return risks;
}

function candidateOf(change: ModelChange, entity: CompiledEntity, next: CompiledModel): RiskCandidate | undefined {
  const table = entity.table;
  const base = { entity: change.entity, table };
  switch (change.kind) {
    case 'entity.removed':
      return { ...base, id: `drop-table:${change.entity}`, kind: 'drop-table', where: 'true', filter: {}, message: (n) => `Removing entity "${change.name}" drops its table with ${n} rows`, hint: 'Confirm to drop the data, or keep the entity', blocking: false };
    case 'field.removed': {
      const common = { ...base, id: `drop-column:${change.entity}.${change.field}`, kind: 'drop-column' as const, field: change.field, hint: 'Confirm to drop the values, or keep the field', blocking: false, message: (n: number) => `Removing field "${change.name}" drops ${n} stored values` };
      if (change.column) return { ...common, where: `${quoteIdent(change.column)} is not null`, value: { column: change.column, name: change.name }, filter: { [change.name]: { isNull: false } } };
      if (change.joinTable) return { ...common, where: 'true', countSql: `select count(*) from ${quoteIdent(change.joinTable)}`, findSql: `select * from ${quoteIdent(change.joinTable)}` };
      return undefined;
    }
    case 'field.storage-changed': {
      const check = conversionCheck(change);
      if (!check) return undefined;
      const column = liveColumn(entity, next, change) ?? change.column;
      return { ...base, id: `${check.kind}:${change.entity}.${change.field}`, kind: check.kind, field: change.field, where: check.where(quoteIdent(column)), value: { column, name: change.name }, message: (n) => `${n} values of "${change.name}" ${check.message}`, hint: check.hint, blocking: check.kind === 'failed-conversion' };
    }
    case 'field.required-added': {
      if (change.hasDefault) return undefined;
      const column = liveColumn(entity, next, change) ?? change.column;
      return { ...base, id: `missing-values:${change.entity}.${change.field}`, kind: 'missing-values', field: change.field, where: `${quoteIdent(column)} is null`, filter: { [change.name]: { isNull: true } }, message: (n) => `${n} rows have no value for "${change.name}", which becomes required`, hint: 'Give the field a default (empty values are filled with it), or fill the values first', blocking: true };
    }
    case 'field.added':
      if (!change.required || change.hasDefault || !change.column) return undefined;
      return { ...base, id: `missing-values:${change.entity}.${change.field}`, kind: 'missing-values', field: change.field, where: 'true', filter: {}, message: (n) => `New required field "${change.name}" has no default, and ${n} existing rows would have no value`, hint: 'Give the field a default, or add it as optional first', blocking: true };
    case 'field.unique-added': {
      const column = liveColumn(entity, next, change) ?? change.column;
      const c = quoteIdent(column);
      const t = quoteIdent(table);
      return {
        ...base, id: `duplicate-values:${change.entity}.${change.field}`, kind: 'duplicate-values', field: change.field, value: { column, name: change.name },
        where: `${c} in (select ${c} from ${t} where ${c} is not null group by ${c} having count(*) > 1)`,
        countSql: `select count(*) from (select ${c} from ${t} where ${c} is not null group by ${c} having count(*) > 1) d`,
        message: (n) => `${n} values of "${change.name}" occur more than once, so it cannot become unique`, hint: 'Remove the duplicates first', blocking: true,
      };
    }
    case 'index.added':
    case 'index.changed': {
      if (!change.unique) return undefined;
      const cols = change.columns.map((c) => quoteIdent(c)).join(', ');
      const t = quoteIdent(table);
      return {
        ...base, id: `duplicate-values:${change.entity}.${change.index}`, kind: 'duplicate-values',
        where: `(${cols}) in (select ${cols} from ${t} group by ${cols} having count(*) > 1)`,
        countSql: `select count(*) from (select ${cols} from ${t} group by ${cols} having count(*) > 1) d`,
        message: (n) => `${n} combinations of (${change.columns.join(', ')}) occur more than once, so unique index "${change.index}" cannot be created`, hint: 'Remove the duplicates first', blocking: true,
      };
    }
    default:
      return undefined;
  }
}

/** The first records at risk, by id: their title (the entity's title field) and the value at risk. */
async function listRecords(query: QueryRows, entity: CompiledEntity, table: string, where: string, value: RiskCandidate['value']): Promise<RiskRecord[]> {
  const titleColumn = entity.fieldByName(entity.titleField)?.column ?? 'id';
  const valueSql = value ? `, ${quoteIdent(value.column)}::text as value` : '';
  const sql = `select id::text as id, ${quoteIdent(titleColumn)}::text as title${valueSql} from ${quoteIdent(table)} where ${where} order by id limit ${RISK_RECORDS_LISTED}`;
  const rows = await query(sql).catch(() => []);
  return rows.map((r) => ({ id: String(r['id']), title: r['title'] === null || r['title'] === undefined ? null : String(r['title']), values: value ? { [value.name]: r['value'] ?? null } : {} }));
}

/** The column's name in the live table (before a rename, or a key change, in the same plan). */
function liveColumn(before: CompiledEntity, next: CompiledModel, change: { entity: string; field: string }): string | undefined {
  const after = next.entityByKey(change.entity);
  const field = after?.fieldByKey(change.field);
  return (after && field ? liveFieldOf(before, after, field)?.column : undefined) ?? undefined;
}
