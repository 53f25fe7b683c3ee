import { randomUUID } from 'node:crypto';
import { checkRecordWrite, type CompiledEntity, type CompiledModel } from '@lattice/runtime';
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
 * multi-row INSERT per batch. Every record is first checked by the
 * runtime's `checkRecordWrite`, the write pipeline's check, as a create by
 * the platform itself would be (field types, rule sets with their defaults,
 * required fields, the layers' validations along the record's unit; no
 * form applies to a write that is no user's); computed values such as
 * autonumbers are taken as generated, and audit entries are not written
 * for seed data. The load is one transaction: a record that fails stops it
 * naming its row (`customer[12].idNumber`) and the field, and nothing of it
 * stays, batches before the row included. Meant for examples and
 * benchmarks, not for user imports.
 */
export interface SeedOptions {
  /** Runs in the load's transaction before the commit (the first start marks the example loaded): a load cut short leaves nothing. */
  readonly beforeCommit?: (client: pg.PoolClient) => Promise<void>;
}

export async function loadSeed(pool: pg.Pool, model: CompiledModel, batches: Iterable<SeedBatch> | AsyncIterable<SeedBatch>, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const rows: Record<string, number> = {};
  const { placement, unitKeys } = await placementLookup(pool);
  const statementsOf = (batch: SeedBatch) => {
    const entity = model.entityByKey(batch.entity);
    if (!entity) throw new Error(`Seed data names entity "${batch.entity}", which the published metadata does not have`);
    const first = rows[entity.name] ?? 0;
    const checked = batch.records.map((record, i) => checkRecord(model, entity, placement(entity, record, first + i), first + i, unitKeys));
    const statements = insertStatements(entity, checked);
    rows[entity.name] = first + batch.records.length;
    return statements;
  };
  // One transaction for the whole load: measured within the spread of a commit per batch (platform/README.md, "CLI").
  await inTransaction(pool, async (client) => {
    for await (const batch of batches) await runAll(client, statementsOf(batch));
    await options.beforeCommit?.(client);
  });
  return { rows, milliseconds: performance.now() - started };
}

/** `work` on one pooled connection in one transaction: committed when it ends, rolled back when it throws. */
export async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
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
  for (const record of records) {
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
async function placementLookup(pool: pg.Pool): Promise<{ placement: (entity: CompiledEntity, record: Record<string, unknown>, index: number) => Record<string, unknown>; unitKeys: (orgUnitId: string) => string[] }> {
  const tree = (await pool.query<{ key: string; id: string; parent_id: string | null }>('select key, id, parent_id from lattice_org_unit')).rows;
  const units = new Map(tree.map((r) => [r.key, r.id]));
  const byId = new Map(tree.map((r) => [r.id, r]));
  // A unit's key and its ancestors', group first: whose layers' validations a record placed there meets.
  const unitKeys = (orgUnitId: string): string[] => {
    const keys: string[] = [];
    for (let unit = byId.get(orgUnitId); unit && keys.length <= byId.size; unit = unit.parent_id ? byId.get(unit.parent_id) : undefined) keys.unshift(unit.key);
    return keys;
  };
  const users = new Map((await pool.query<{ login: string; id: string }>('select login, id from lattice_user')).rows.map((r) => [r.login, r.id]));
  const placement = (entity: CompiledEntity, record: Record<string, unknown>, index: number): Record<string, unknown> => {
    const { $orgUnit, $owner, ...rest } = record;
    if ($orgUnit === undefined && $owner === undefined) return record;
    const orgUnitId = $orgUnit === undefined ? undefined : units.get(String($orgUnit));
    const ownerId = $owner === undefined ? undefined : users.get(String($owner));
    if ($orgUnit !== undefined && !orgUnitId) throw LatticeError.invalidInput(`${entity.name}[${index}].$orgUnit`, `Seed record names org unit "${String($orgUnit)}", which does not exist`, 'Import the example\'s organisation first');
    if ($owner !== undefined && !ownerId) throw LatticeError.invalidInput(`${entity.name}[${index}].$owner`, `Seed record names owner "${String($owner)}", who is not a user`);
    return { ...rest, ...(orgUnitId ? { orgUnitId } : {}), ...(ownerId ? { ownerId } : {}) };
  };
  return { placement, unitKeys };
}

/**
 * The checks a create runs, on everything a user could have written; the
 * record as stored then has the checked values (defaults and rule-filled
 * fields included) over what was generated.
 */
function checkRecord(model: CompiledModel, entity: CompiledEntity, record: Record<string, unknown>, row: number, unitKeys: (orgUnitId: string) => string[]): Record<string, unknown> {
  const writable: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const field = entity.fieldByName(name);
    if (field && !field.readOnly) writable[name] = value;
    else if (!field) throw LatticeError.invalidInput(`${entity.name}[${row}].${name}`, `Seed record has unknown field "${name}"`);
  }
  const orgUnitId = typeof record['orgUnitId'] === 'string' ? record['orgUnitId'] : null;
  const result = checkRecordWrite(model, { orgUnitId, unitKeys }, { entity, mode: 'create' }, writable);
  if (!result.ok) throw LatticeError.invalidRecord(`${entity.name} (seed row ${row})`, result.problems.map((p) => ({ ...p, path: `${entity.name}[${row}].${p.path}` })));
  return { ...record, ...result.value.values };
}
