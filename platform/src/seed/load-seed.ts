import { randomUUID } from 'node:crypto';
import { validateRecordInput, type CompiledEntity, type CompiledModel } from '@lattice/runtime';
import type pg from 'pg';
import { LatticeError } from '../errors/lattice-error.js';
import { quoteIdent } from '../storage/quote.js';

export interface SeedBatch {
  /** Entity key. */
  entity: string;
  records: Array<Record<string, unknown>>;
}

export interface SeedResult {
  rows: Record<string, number>;
  milliseconds: number;
}

/**
 * Bulk-loads generated records straight into the record tables, one
 * multi-row INSERT per batch. Every record is first validated by the
 * runtime exactly as a create would be (computed values such as
 * autonumbers are taken as generated); audit entries are not written for
 * seed data. Meant for examples and benchmarks, not for user imports.
 */
export interface SeedOptions {
  /**
   * Loads everything in one transaction and runs this in it before the
   * commit (e.g. to mark the load done): a load cut short leaves nothing.
   * Without it each batch commits on its own.
   */
  readonly beforeCommit?: (client: pg.PoolClient) => Promise<void>;
}

export async function loadSeed(pool: pg.Pool, model: CompiledModel, batches: Iterable<SeedBatch> | AsyncIterable<SeedBatch>, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const rows: Record<string, number> = {};
  const placement = await placementLookup(pool);
  const statementsOf = (batch: SeedBatch) => {
    const entity = model.entityByKey(batch.entity);
    if (!entity) throw new Error(`Seed data names entity "${batch.entity}", which the published metadata does not have`);
    const statements = insertStatements(entity, batch.records.map((record, i) => placement(entity, record, i)));
    rows[entity.name] = (rows[entity.name] ?? 0) + batch.records.length;
    return statements;
  };
  const { beforeCommit } = options;
  if (beforeCommit) {
    await inTransaction(pool, async (client) => {
      for await (const batch of batches) await runAll(client, statementsOf(batch));
      await beforeCommit(client);
    });
  } else {
    for await (const batch of batches) {
      const statements = statementsOf(batch);
      await inTransaction(pool, (client) => runAll(client, statements));
    }
  }
  return { rows, milliseconds: performance.now() - started };
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await work(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function runAll(client: pg.PoolClient, statements: ReadonlyArray<{ text: string; values: unknown[] }>): Promise<void> {
  for (const statement of statements) await client.query(statement.text, statement.values);
}

function insertStatements(entity: CompiledEntity, records: Array<Record<string, unknown>>): Array<{ text: string; values: unknown[] }> {
  const now = new Date().toISOString();
  const stored = entity.fields.filter((f) => f.column && !f.formula && f.name !== 'version');
  const lists = entity.fields.filter((f) => f.relation?.kind === 'manyToMany');
  const values: unknown[] = [];
  const tuples: string[] = [];
  const joins: { table: string; columns: [string, string]; pairs: [string, string][] }[] = lists.map((f) => ({ table: f.relation?.joinTable ?? '', columns: [f.relation?.joinColumn ?? '', f.relation?.inverseJoinColumn ?? ''], pairs: [] }));
  for (const [index, record] of records.entries()) {
    checkRecord(entity, record, index);
    const id = (record['id'] as string | undefined) ?? randomUUID();
    const row = stored.map((field) => {
      if (field.name === 'id') return id;
      if (field.name === 'createdAt' || field.name === 'updatedAt') return record['createdAt'] ?? now;
      const value = record[field.name] ?? field.default ?? null;
      return field.storage?.kind === 'json' && value !== null ? JSON.stringify(value) : value;
    });
    tuples.push(`(${row.map((value) => `$${values.push(value)}`).join(', ')}, 1)`);
    lists.forEach((field, i) => {
      for (const target of (record[field.name] as string[] | undefined) ?? []) joins[i]?.pairs.push([id, target]);
    });
  }
  const columns = [...stored.map((f) => quoteIdent(f.column as string)), quoteIdent('version')].join(', ');
  const statements = [{ text: `insert into ${quoteIdent(entity.table)} (${columns}) values ${tuples.join(', ')}`, values }];
  for (const join of joins) {
    if (!join.pairs.length) continue;
    const joinValues: unknown[] = [];
    const joinTuples = join.pairs.map(([a, b]) => `($${joinValues.push(a)}, $${joinValues.push(b)})`);
    statements.push({ text: `insert into ${quoteIdent(join.table)} (${join.columns.map(quoteIdent).join(', ')}) values ${joinTuples.join(', ')}`, values: joinValues });
  }
  return statements;
}

/**
 * Seed records name their place in the org tree by unit key (`$orgUnit`) and
 * owner login (`$owner`), as an org file does; they become the record's
 * org unit and owner ids. An unknown key or login stops the load.
 */
async function placementLookup(pool: pg.Pool): Promise<(entity: CompiledEntity, record: Record<string, unknown>, index: number) => Record<string, unknown>> {
  const units = new Map((await pool.query<{ key: string; id: string }>('select key, id from lattice_org_unit')).rows.map((r) => [r.key, r.id]));
  const users = new Map((await pool.query<{ login: string; id: string }>('select login, id from lattice_user')).rows.map((r) => [r.login, r.id]));
  return (entity, record, index) => {
    const { $orgUnit, $owner, ...rest } = record;
    if ($orgUnit === undefined && $owner === undefined) return record;
    const orgUnitId = $orgUnit === undefined ? undefined : units.get(String($orgUnit));
    const ownerId = $owner === undefined ? undefined : users.get(String($owner));
    if ($orgUnit !== undefined && !orgUnitId) throw LatticeError.invalidInput(`${entity.name}[${index}].$orgUnit`, `Seed record names org unit "${String($orgUnit)}", which does not exist`, 'Import the example\'s organisation first');
    if ($owner !== undefined && !ownerId) throw LatticeError.invalidInput(`${entity.name}[${index}].$owner`, `Seed record names owner "${String($owner)}", who is not a user`);
    return { ...rest, ...(orgUnitId ? { orgUnitId } : {}), ...(ownerId ? { ownerId } : {}) };
  };
}

/** The same checks a create runs, on everything a user could have written. */
function checkRecord(entity: CompiledEntity, record: Record<string, unknown>, index: number): void {
  const writable: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const field = entity.fieldByName(name);
    if (field && !field.readOnly) writable[name] = value;
    else if (!field) throw LatticeError.invalidInput(`${entity.name}[${index}].${name}`, `Seed record has unknown field "${name}"`);
  }
  const result = validateRecordInput(entity, writable, 'create');
  if (!result.ok) throw LatticeError.invalidRecord(`${entity.name} (seed record ${index})`, result.problems);
}
