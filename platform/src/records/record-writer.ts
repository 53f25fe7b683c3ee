import { randomUUID } from 'node:crypto';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { checkRecordWrite, type CheckedWrite, type CompiledEntity, type CompiledModel, type Problem, type WriteFacts } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import { fieldsChangedSince, recordAudit, type FieldChanges } from '../audit/audit-log.js';
import type { Actor } from './actor.js';
import { nextAutonumbers } from './autonumber-counter.js';
import { toPlainRecord } from './plain-record.js';
import { assertId } from './record-id.js';
import { withScope } from '../security/row-scope.js';
import type { RequestTransaction } from './request-transaction.js';

type Scope = Record<string, unknown> | null;

/** The facts of one write (the writer, the records its forms read): `recordId` on update. */
export type WriteFactsOf = (entity: CompiledEntity, record: Readonly<Record<string, unknown>>, recordId?: string) => Promise<WriteFacts>;

/**
 * Writes records: every input goes through the runtime's `checkRecordWrite`
 * first (field types, the writer's form, rule sets, required fields, the
 * layers' validations: the browser runs the same), and nothing is written
 * when any is bad; then one transaction holding the rows, their autonumbers
 * and their audit entries, so a failure anywhere leaves the database as it
 * was. An update is checked against the row it locked.
 */
export class RecordWriter {
  constructor(
    private readonly model: CompiledModel,
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly actor: Actor,
    private readonly metadataVersion: number,
    /** Keys of a unit and its ancestors: whose layers' validations a record meets. */
    private readonly unitKeys: (orgUnitId: string) => readonly string[],
    /** Whether the writer may read a field: a conflict names only the changed fields they can see. */
    private readonly fieldReadable: (entity: CompiledEntity, fieldName: string) => boolean,
    /** What each write's form conditions read besides the record. */
    private readonly factsOf: WriteFactsOf,
    /** The request's own transaction, when it holds several mutations: each write joins it. */
    private readonly requestTransaction?: RequestTransaction,
  ) {}

  /** `placement`: the owner and org unit every new record gets (the access point decides them). */
  async createMany(entity: CompiledEntity, inputs: Record<string, unknown>[], placement: { ownerId: string | null; orgUnitId: string | null }): Promise<string[]> {
    const placed = { orgUnitId: placement.orgUnitId, unitKeys: this.unitKeys };
    const checked: CheckedWrite[] = [];
    const problems: Problem[] = [];
    for (const [i, input] of inputs.entries()) {
      const result = checkRecordWrite(this.model, placed, { entity, mode: 'create' }, input, await this.factsOf(entity, input));
      if (result.ok) checked.push(result.value);
      else problems.push(...result.problems.map((p) => ({ ...p, path: inputs.length > 1 ? `[${i}].${p.path}` : p.path })));
    }
    if (problems.length) throw LatticeError.invalidRecord(entity.name, problems);
    const now = new Date();
    return this.transaction(entity, async (em) => {
      const ids: string[] = [];
      for (const r of checked) {
        const id = randomUUID();
        const values = { ...r.values, ...(await nextAutonumbers(em, entity, now)) };
        // A routing rule may place the record elsewhere than its creator's unit.
        const ownerId = r.ownerId ?? placement.ownerId;
        const orgUnitId = r.orgUnitId ?? placement.orgUnitId;
        em.create(this.schemas.of(entity), { ...values, id, createdAt: now, updatedAt: now, createdBy: this.actor.id, updatedBy: this.actor.id, ownerId, orgUnitId, version: 1 });
        recordAudit(em, { actor: this.actor.name, action: 'create', entity: entity.key, recordId: id, recordVersion: 1, metadataVersion: this.metadataVersion, changes: changesFrom({}, values) });
        ids.push(id);
      }
      return ids;
    }).catch((error: unknown) => {
      throw inputs.length > 1 && error instanceof LatticeError ? locateInBatch(error, entity, checked.map((r) => r.values)) : error;
    });
  }

  /** `scope`: the rows the actor may change; a row outside it is not found. */
  async update(entity: CompiledEntity, id: string, version: number, input: Record<string, unknown>, scope: Scope): Promise<void> {
    assertId(id, 'id');
    const facts = await this.updateFacts(entity, id, input, scope);
    await this.transaction(entity, async (em) => {
      const row = await this.lockLive(em, entity, id, version, scope);
      const stored = toPlainRecord(entity, row) as Record<string, unknown>;
      const result = checkRecordWrite(this.model, { orgUnitId: null, unitKeys: this.unitKeys }, { entity, mode: 'update', stored }, input, facts);
      if (!result.ok) throw LatticeError.invalidRecord(entity.name, result.problems);
      // What the write stores: the patch, and the fields its form now hides (cleared).
      const values = result.value.values;
      const before = await this.currentValues(entity, row, Object.keys(values));
      const changes = changesFrom(before, values);
      if (Object.keys(changes).length === 0) return;
      em.assign(row, { ...values, updatedAt: new Date(), updatedBy: this.actor.id } as never);
      recordAudit(em, { actor: this.actor.name, action: 'update', entity: entity.key, recordId: id, recordVersion: version + 1, metadataVersion: this.metadataVersion, changes });
    });
  }

  async setDeleted(entity: CompiledEntity, id: string, version: number | undefined, deleted: boolean, scope: Scope): Promise<void> {
    assertId(id, 'id');
    await this.transaction(entity, async (em) => {
      const row = (await em.findOne(this.schemas.of(entity), withScope({ id }, scope), { lockMode: LockMode.PESSIMISTIC_WRITE })) as Record<string, unknown> | null;
      if (!row) throw LatticeError.recordNotFound(entity.name, id);
      const current = Number(row['version']);
      if (version !== undefined && current !== version) {
        throw LatticeError.staleVersion(entity.name, id, version, current, await fieldsChangedSince(em, entity.key, id, version, (name) => this.fieldReadable(entity, name)));
      }
      const wasDeletedAt = (row['deletedAt'] as Date | null | undefined) ?? null;
      if ((wasDeletedAt !== null) === deleted) return;
      const deletedAt = deleted ? new Date() : null;
      em.assign(row, { deletedAt, updatedAt: new Date(), updatedBy: this.actor.id } as never);
      recordAudit(em, { actor: this.actor.name, action: deleted ? 'delete' : 'restore', entity: entity.key, recordId: id, recordVersion: current + 1, metadataVersion: this.metadataVersion, changes: { deletedAt: { before: wasDeletedAt?.toISOString() ?? null, after: deletedAt?.toISOString() ?? null } } });
    });
  }

  /**
   * The facts of an update, read before its row is locked: on a database of
   * one session (PGlite) a read outside the write's transaction would wait
   * for it. They are the row's as locked: the version check under the lock
   * refuses the write if the row changed since.
   */
  private async updateFacts(entity: CompiledEntity, id: string, input: Record<string, unknown>, scope: Scope): Promise<WriteFacts> {
    await this.requestTransaction?.join(this.em);
    const row = (await this.em.findOne(this.schemas.of(entity), withScope({ id }, scope), { disableIdentityMap: true })) as Record<string, unknown> | null;
    return this.factsOf(entity, { ...(row ? toPlainRecord(entity, row) : {}), ...input }, id);
  }

  private async lockLive(em: EntityManager, entity: CompiledEntity, id: string, version: number, scope: Scope): Promise<Record<string, unknown>> {
    const row = (await em.findOne(this.schemas.of(entity), withScope({ id }, scope), { lockMode: LockMode.PESSIMISTIC_WRITE })) as Record<string, unknown> | null;
    if (!row || row['deletedAt']) {
      throw row ? LatticeError.conflict(`${entity.name} ${id} is deleted; restore it before changing it`, { entity: entity.name, id }) : LatticeError.recordNotFound(entity.name, id);
    }
    const current = Number(row['version']);
    if (current !== version) throw LatticeError.staleVersion(entity.name, id, version, current, await fieldsChangedSince(em, entity.key, id, version, (name) => this.fieldReadable(entity, name)));
    return row;
  }

  /** Current values of the given fields, many-to-many lists as sorted ids. */
  private async currentValues(entity: CompiledEntity, row: Record<string, unknown>, names: string[]): Promise<Record<string, unknown>> {
    const plain = toPlainRecord(entity, row) as Record<string, unknown>;
    for (const name of names) {
      const field = entity.fieldByName(name);
      if (field?.relation?.kind !== 'manyToMany') continue;
      const collection = row[name] as { init(): Promise<unknown>; getItems(): { id: string }[] };
      await collection.init();
      plain[name] = collection.getItems().map((item) => item.id).sort();
    }
    return plain;
  }

  private async transaction<T>(entity: CompiledEntity, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      await this.requestTransaction?.join(this.em);
      return await this.em.transactional((em) => work(em as EntityManager));
    } catch (error) {
      if (error instanceof LatticeError) throw error;
      if ((error as { name?: string }).name === 'OptimisticLockError') throw LatticeError.conflict(`${entity.name} was changed by someone else meanwhile; reload it and try again`);
      throw translateDatabaseError(error, entity) ?? error;
    }
  }
}

/**
 * A duplicate found by the database names the input that holds it
 * (`[3].code`), as validation problems do: the second holder when the batch
 * repeats a value, else the one input that collides with a stored record.
 */
function locateInBatch(error: LatticeError, entity: CompiledEntity, values: Record<string, unknown>[]): LatticeError {
  const duplicate = error.details['duplicate'] as { fields: string[]; values: string[] } | undefined;
  if (!duplicate?.values.length) return error;
  const holders = values.flatMap((record, i) => (duplicate.fields.every((name, k) => String(record[name]) === duplicate.values[k]) ? [i] : []));
  const position = holders.length > 1 ? holders[1] : holders[0];
  if (position === undefined) return error;
  return LatticeError.invalidRecord(entity.name, (error.details.problems ?? []).map((p) => ({ ...p, path: `[${position}].${p.path}` })), { duplicate });
}

function changesFrom(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [name, value] of Object.entries(after)) {
    const old = before[name] ?? null;
    const next = Array.isArray(value) ? [...value].sort() : value ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[name] = { before: old, after: next };
  }
  return changes;
}
