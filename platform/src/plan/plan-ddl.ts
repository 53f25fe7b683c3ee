import type { DatabaseTable, MikroORM } from '@mikro-orm/postgresql';
import { DatabaseSchema as Schema } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import { recordTablesOf } from '../storage/version-orm.js';
import { compareWithoutGuessedRenames } from './lattice-schema-comparator.js';
import { SchemaComparator } from '@mikro-orm/postgresql';
import { quoteIdent } from '../storage/quote.js';

export interface ModelWithOrm {
  readonly model: CompiledModel;
  readonly orm: MikroORM;
}

/**
 * DDL in dependency order: first Lattice's own renames (tables, columns, join
 * tables, and the indexes and constraints named after them), then MikroORM's
 * data steps (fills), then MikroORM's schema diff from "live with the
 * renames applied" to "next".
 */
export function planDdl(live: ModelWithOrm | undefined, renamed: ModelWithOrm | undefined, next: ModelWithOrm, dataSteps: readonly string[] = [], recreated: readonly ReusedColumn[] = []): string[] {
  const renames = live && renamed ? renameStatements(live, renamed) : [];
  const nextSchema = recordTablesOf(next.orm);
  const fromSchema = renamed ? recordTablesOf(renamed.orm) : new Schema(next.orm.em.getPlatform(), 'public');
  const drops = dropReusedColumns(fromSchema, recreated);
  const diff = compareWithoutGuessedRenames(new SchemaComparator(next.orm.em.getPlatform()), fromSchema, nextSchema);
  const sql: string = (next.orm.schema as unknown as { diffToSQL(d: unknown, o: unknown): string }).diffToSQL(diff, { wrap: false, safe: false, dropTables: true, schema: 'public' });
  return [...renames, ...drops, ...dataSteps, ...splitStatements(sql)];
}

/** A column a removed field held and an added field of the same entity takes (a key changed without `renamedFrom`). */
export interface ReusedColumn {
  /** The table's name after this plan's renames. */
  readonly table: string;
  readonly column: string;
}

/**
 * The removed field's column is dropped, and the schema diff then adds the
 * new field's column: its values really go, as the plan says, instead of
 * the new field silently taking the old one's data (same column name, so
 * the schema diff alone would see no change at all).
 */
function dropReusedColumns(from: InstanceType<typeof Schema>, reused: readonly ReusedColumn[]): string[] {
  return reused.map(({ table, column }) => {
    const t = from.getTable(table);
    if (t) {
      // The drop takes the column's indexes and foreign keys with it: the diff must not drop them again.
      t.removeColumn(column);
      (t as unknown as { setIndexes(i: unknown[]): void }).setIndexes(t.getIndexes().filter((i) => !i.columnNames.includes(column)));
      const fks = t.getForeignKeys();
      for (const [name, fk] of Object.entries(fks)) if (fk.columnNames.includes(column)) delete fks[name];
    }
    return `alter table ${quoteIdent(table)} drop column ${quoteIdent(column)};`;
  });
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s !== '' && !/^set names/i.test(s))
    .map((s) => `${s};`);
}

/** Live table name → renamed table name, and per table, live column → renamed column. */
function nameMaps(live: CompiledModel, renamed: CompiledModel) {
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  for (const entity of live.entities) {
    const after = renamed.entityByKey(entity.key);
    if (!after) continue;
    tables.set(entity.table, after.table);
    const cols = new Map<string, string>();
    for (const field of entity.fields) {
      const f = after.fieldByKey(field.key);
      if (!f) continue;
      if (field.column && f.column) cols.set(field.column, f.column);
      const from = field.relation, to = f.relation;
      if (from?.joinTable && to?.joinTable) {
        tables.set(from.joinTable, to.joinTable);
        columns.set(from.joinTable, new Map([[from.joinColumn ?? '', to.joinColumn ?? ''], [from.inverseJoinColumn ?? '', to.inverseJoinColumn ?? '']]));
      }
    }
    columns.set(entity.table, cols);
  }
  return { tables, columns };
}

function renameStatements(live: ModelWithOrm, renamed: ModelWithOrm): string[] {
  const { tables, columns } = nameMaps(live.model, renamed.model);
  const liveSchema = recordTablesOf(live.orm);
  const renamedSchema = recordTablesOf(renamed.orm);
  const statements: string[] = [];
  for (const [from, to] of tables) if (from !== to) statements.push(`alter table ${quoteIdent(from)} rename to ${quoteIdent(to)};`);
  for (const [table, cols] of columns) {
    const target = tables.get(table) ?? table;
    for (const [from, to] of cols) if (from !== to) statements.push(`alter table ${quoteIdent(target)} rename column ${quoteIdent(from)} to ${quoteIdent(to)};`);
  }
  for (const [from, to] of tables) {
    const columnsRenamed = [...(columns.get(from) ?? new Map()).entries()].some(([a, b]) => a !== b);
    if (from === to && !columnsRenamed) continue;
    const before = liveSchema.getTable(from);
    const after = renamedSchema.getTable(to);
    if (before && after) statements.push(...renameNamedObjects(before, after, columns.get(from) ?? new Map()));
  }
  return statements;
}

/** Indexes, unique constraints and foreign keys whose generated names follow a renamed table or column. */
function renameNamedObjects(before: DatabaseTable, after: DatabaseTable, cols: Map<string, string>): string[] {
  const statements: string[] = [];
  const mapCols = (names: string[]) => names.map((n) => cols.get(n) ?? n).join(',');
  const afterIndexes = after.getIndexes();
  for (const index of before.getIndexes()) {
    if (index.primary || afterIndexes.some((i) => i.keyName === index.keyName)) continue;
    const matches = afterIndexes.filter((i) => !i.primary && i.unique === index.unique && i.columnNames.join(',') === mapCols(index.columnNames));
    const match = matches.length === 1 ? matches[0] : undefined;
    if (!match) continue;
    statements.push(
      index.constraint
        ? `alter table ${quoteIdent(after.name)} rename constraint ${quoteIdent(index.keyName)} to ${quoteIdent(match.keyName)};`
        : `alter index ${quoteIdent(index.keyName)} rename to ${quoteIdent(match.keyName)};`,
    );
  }
  const afterFks = Object.values(after.getForeignKeys());
  for (const fk of Object.values(before.getForeignKeys())) {
    const match = afterFks.find((f) => f.columnNames.join(',') === mapCols(fk.columnNames));
    if (match && match.constraintName !== fk.constraintName && !afterFks.some((f) => f.constraintName === fk.constraintName)) {
      statements.push(`alter table ${quoteIdent(after.name)} rename constraint ${quoteIdent(fk.constraintName)} to ${quoteIdent(match.constraintName)};`);
    }
  }
  return statements;
}

