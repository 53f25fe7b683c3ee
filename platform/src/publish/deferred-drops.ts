import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Contract first: a publish that removes a field or an entity makes the new
 * version current everywhere while its column or table stays, and drops it
 * only once every node has moved on. Nodes still serving the previous
 * version (a late notification, requests in flight) select every column of
 * that version: dropping at publish made those requests fail.
 *
 * At publish, a column to drop loses its NOT NULL at once (the new version
 * no longer writes it) and its drop is deferred; a table's drop is deferred.
 * A deferred drop runs when every live node has served a version at or past
 * the one that deferred it for the grace period (`runDueDrops`, from each
 * node's periodic check), and at the latest at the start of the next
 * publish, before its own DDL, which was planned against a database without
 * them (so a rollback that brings the field back re-creates it).
 */
export interface ContractFirstDdl {
  /** Run in the publish transaction. */
  readonly now: string[];
  /** Recorded, and run once no node serves a version that reads them. */
  readonly deferred: string[];
}

const DROP_COLUMNS = /^alter table ("(?:[^"]|"")+") ((?:drop column "(?:[^"]|"")+"(?:, )?)+);?$/i;
const DROP_TABLE = /^drop table /i;

/**
 * Splits a plan's DDL into what a publish runs now and the drops it defers
 * (same order otherwise). A column or table the same plan creates again
 * under its name (a field whose key changed without `renamedFrom`: the old
 * one dropped, a new one added) is dropped now: the new version needs the
 * name, and what old readers would find there is the plan's to decide.
 * `recreated`: the names the whole plan creates (`namesCreatedIn(plan)`),
 * when `ddl` is a part of it: found once for a plan, not once per part.
 */
export function splitContractFirst(ddl: readonly string[], recreated: CreatedNames = namesCreatedIn(ddl)): ContractFirstDdl {
  const now: string[] = [];
  const deferred: string[] = [];
  for (const statement of ddl) {
    const columns = DROP_COLUMNS.exec(statement.trim());
    if (columns) {
      const [, table, drops] = columns as unknown as [string, string, string];
      const names = [...drops.matchAll(/drop column ("(?:[^"]|"")+")/gi)].map((m) => m[1] as string);
      const later = names.filter((name) => !recreated.columns.has(`${table}.${name}`));
      const atOnce = names.filter((name) => recreated.columns.has(`${table}.${name}`));
      if (atOnce.length) now.push(`alter table ${table} ${atOnce.map((name) => `drop column ${name}`).join(', ')};`);
      if (later.length) {
        now.push(`alter table ${table} ${later.map((name) => `alter column ${name} drop not null`).join(', ')};`);
        deferred.push(atOnce.length ? `alter table ${table} ${later.map((name) => `drop column ${name}`).join(', ')};` : statement);
      }
    } else if (DROP_TABLE.test(statement.trim()) && !recreated.tables.has(DROP_TABLE_NAME.exec(statement.trim())?.[1] ?? '')) deferred.push(statement);
    else now.push(statement);
  }
  return { now, deferred };
}

const DROP_TABLE_NAME = /^drop table (?:if exists )?("(?:[^"]|"")+")/i;

/** Tables a plan creates and columns it adds (`"table"."column"`, quoted as in the DDL). */
export interface CreatedNames {
  readonly tables: ReadonlySet<string>;
  readonly columns: ReadonlySet<string>;
}

/** The tables and columns a plan's DDL creates: one pass over it. */
export function namesCreatedIn(ddl: readonly string[]): CreatedNames {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const statement of ddl) {
    const created = /^create table (?:if not exists )?("(?:[^"]|"")+")/i.exec(statement.trim());
    if (created) tables.add(created[1] as string);
    const altered = /^alter table ("(?:[^"]|"")+") /i.exec(statement.trim());
    if (altered) for (const added of statement.matchAll(/\badd (?:column )?("(?:[^"]|"")+")/gi)) columns.add(`${altered[1]}.${added[1]}`);
  }
  return { tables, columns };
}

export async function recordDeferredDrops(em: EntityManager, version: number, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await em.execute('insert into lattice_deferred_drop (version, statement, deferred_at) values (?, ?, now())', [version, statement]);
}

export interface DropsDue {
  /** How long every live node must have served the deferring version or a later one (ms). */
  readonly graceMs: number;
  /** Nodes not seen for this long are ignored (ms). */
  readonly nodeTimeoutMs: number;
}

/**
 * Runs deferred drops in the order they were deferred, in the caller's
 * transaction: all of them (at publish), or those every node has moved past
 * (`due`). Returns the statements run.
 */
export async function runDeferredDrops(em: EntityManager, due?: DropsDue, run: (statement: string) => Promise<unknown> = (statement) => em.execute(statement)): Promise<string[]> {
  const rows = due
    ? await em.execute<{ id: string; statement: string }[]>(
        `select d.id, d.statement from lattice_deferred_drop d
         where d.deferred_at <= now() - ? * interval '1 millisecond'
           and not exists (select 1 from lattice_node n where n.seen_at > now() - ? * interval '1 millisecond'
                           and (n.version < d.version or n.serving_since > now() - ? * interval '1 millisecond'))
         order by d.id`,
        [due.graceMs, due.nodeTimeoutMs, due.graceMs],
      )
    : await em.execute<{ id: string; statement: string }[]>('select id, statement from lattice_deferred_drop order by id');
  for (const row of rows) {
    await run(row.statement);
    await em.execute('delete from lattice_deferred_drop where id = ?', [row.id]);
  }
  return rows.map((r) => r.statement);
}
