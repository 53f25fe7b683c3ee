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

/** Splits a plan's DDL into what a publish runs now and the drops it defers (same order otherwise). */
export function splitContractFirst(ddl: readonly string[]): ContractFirstDdl {
  const now: string[] = [];
  const deferred: string[] = [];
  for (const statement of ddl) {
    const columns = DROP_COLUMNS.exec(statement.trim());
    if (columns) {
      const [, table, drops] = columns as unknown as [string, string, string];
      const names = [...drops.matchAll(/drop column ("(?:[^"]|"")+")/gi)].map((m) => m[1]);
      now.push(`alter table ${table} ${names.map((name) => `alter column ${name} drop not null`).join(', ')};`);
      deferred.push(statement);
    } else if (DROP_TABLE.test(statement.trim())) deferred.push(statement);
    else now.push(statement);
  }
  return { now, deferred };
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
