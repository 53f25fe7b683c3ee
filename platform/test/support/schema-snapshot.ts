import type { TestPlatform } from './test-platform.js';

/** Columns of the record tables as Postgres describes them, one line each: `table.column type(length) null|not null`. */
export async function recordColumns(lattice: TestPlatform): Promise<string[]> {
  const rows = await lattice.sql<{ line: string }>(`
    select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || case when is_nullable = 'YES' then ' null' else ' not null' end as line
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'lattice%' and table_name not like 'mikro_orm%'
    order by table_name, column_name`);
  return rows.map((r) => r.line);
}

/** Index definitions of a table, as `pg_indexes` prints them. */
export async function indexesOf(lattice: TestPlatform, table: string): Promise<string[]> {
  const rows = await lattice.sql<{ indexdef: string }>(`select indexdef from pg_indexes where schemaname = 'public' and tablename = $1 order by indexname`, [table]);
  return rows.map((r) => r.indexdef);
}

/**
 * What MikroORM would change to make the live database match the served
 * version's ORM metadata (its own introspection and comparator): empty when
 * the two agree. A stored generated column (formula) is always reported as
 * drop-and-add, because Postgres prints the expression back in its own
 * normalised form; those two statements are left out, by column name.
 */
export async function ormDrift(lattice: TestPlatform, generatedColumns: string[] = ['annual_spend']): Promise<string[]> {
  const generator = lattice.live.current.orm.schema as unknown as { getUpdateSchemaSQL(o: object): Promise<string> };
  const sql = await generator.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false });
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !generatedColumns.some((c) => s.includes(`"${c}"`)))
    // Platform tables (`lattice_*`) belong to their hand-written migrations, whose foreign keys,
    // partial indexes and triggers the entity schemas do not repeat; the drift that matters here is the record tables'.
    .filter((s) => !/^(alter table|drop index|create index) "lattice_|^drop trigger if exists "lattice_\w+" on "lattice_|^drop function if exists "lattice_/.test(s));
}
