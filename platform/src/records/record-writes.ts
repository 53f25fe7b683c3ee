import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledEntity, WriteVerb } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { runWritePipeline } from '../pipeline/write-pipeline.js';
import type { WriteIntent, WriteItem, WriteServices } from '../pipeline/write-context.js';
import type { ServedVersion } from '../serve/served-version.js';
import type { AccessParts } from './access-parts.js';
import type { RequestTransaction } from './request-transaction.js';
import type { StoredRecord } from './stored-record.js';
import { gatherWriteFacts, type WriteFactSource } from './write-facts.js';

/**
 * The access point whose write is running, in the code that write calls: a
 * write started inside it (a hook's) is part of it. One for the process:
 * every enabled store costs each promise made, so none is made per request.
 */
const runningWrite = new AsyncLocalStorage<RecordWrites>();

/**
 * The write verbs of the access point: each builds the write context and
 * runs the one write pipeline (`pipeline/`), then answers with the record
 * as the write left it.
 */
export class RecordWrites {
  readonly #services: WriteServices;
  /** The end of the last write started here: the access point's one entity manager holds one transaction at a time. */
  #lastWrite: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly parts: AccessParts,
    version: ServedVersion,
    records: WriteServices['records'],
    private readonly requestTransaction: RequestTransaction | undefined,
  ) {
    const { guard, reader, actor, options } = parts;
    this.#services = {
      model: version.model,
      schemas: version.records,
      guard,
      actor,
      metadataVersion: version.version,
      maxBatchInputs: options.maxBatchInputs,
      unitKeys: (unitId) => options.directory.pathKeysOfId(unitId),
      visibleIds: (entity, ids) => reader.visibleIds(entity, ids),
      factsOf: (entity, record, id) => gatherWriteFacts(parts.model, entity, record, id, this.#writeFactSource()),
      fieldReadable: (entity, name) => guard.fieldNameReadable(entity, name),
      hooks: options.hooks,
      hookTimeoutMs: options.hookTimeoutMs,
      logHookFailure: options.logHookFailure,
      records,
    };
  }

  async createMany(entity: CompiledEntity, inputs: Record<string, unknown>[]): Promise<StoredRecord[]> {
    const { items } = await this.#write('create', entity, inputs.map((patch, index) => newItem(index, patch, null))).catch((error: unknown) => this.parts.revealed.refused(entity, error));
    const created = await this.parts.reader.getMany(entity, items.map((item) => item.id as string));
    await this.parts.revealed.records(entity, created, undefined, 'create');
    return created;
  }

  /** `intent` says why, when a module's steps act on it (a workflow transition). */
  async update(entity: CompiledEntity, id: string, version: number, input: Record<string, unknown>, intent?: WriteIntent): Promise<StoredRecord> {
    const { guard, revealed } = this.parts;
    await this.#inScope(entity, id, 'update', () => this.#write('update', entity, [newItem(0, input, id, version)], guard.filter(entity, 'update'), intent).catch((error: unknown) => revealed.refused(entity, error)));
    return this.#fresh(entity, id, 'update');
  }

  async softDelete(entity: CompiledEntity, id: string, version: number | undefined): Promise<StoredRecord> {
    await this.#inScope(entity, id, 'delete', () => this.#write('softDelete', entity, [newItem(0, {}, id, version)], this.parts.guard.filter(entity, 'delete')));
    return this.#fresh(entity, id, 'delete');
  }

  async restore(entity: CompiledEntity, id: string): Promise<StoredRecord> {
    await this.#inScope(entity, id, 'delete', () => this.#write('restore', entity, [newItem(0, {}, id)], this.parts.guard.filter(entity, 'delete')));
    return this.#fresh(entity, id, 'restore');
  }

  /**
   * One write through the pipeline: the context it passes along, then its
   * steps in one transaction. Writes started side by side on this access
   * point (parallel calls of a script, a plugin or a job) run one after
   * another, since they share its entity manager; a write a hook starts
   * inside another runs at once, as a savepoint of it.
   */
  #write(verb: WriteVerb, entity: CompiledEntity, items: WriteItem[], scope?: Record<string, unknown> | null, intent?: WriteIntent) {
    const context = { verb, entity, items, services: this.#services, now: new Date(), ...(scope === undefined ? {} : { scope }), ...(intent ? { intent } : {}) };
    const run = () => runWritePipeline(context, this.parts.em, this.requestTransaction, this.parts.options.writeSteps);
    if (runningWrite.getStore() === this) return run();
    const write = this.#lastWrite.then(() => runningWrite.run(this, run));
    this.#lastWrite = write.catch(() => undefined);
    return write;
  }

  /**
   * A write outside the actor's scope finds no row. Whether that is "not
   * found" or "forbidden" depends on whether they may read it: a record they
   * cannot see must look exactly like one that does not exist.
   */
  async #inScope(entity: CompiledEntity, id: string, operation: 'update' | 'delete', write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof LatticeError && error.code === 'NOT_FOUND' && !this.parts.guard.unrestricted && (await this.parts.reader.get(entity, id, true, ['id']))) {
        throw LatticeError.recordReadOnly(entity.name, id, operation === 'update' ? 'change' : 'delete or restore');
      }
      throw error;
    }
  }

  /** The record as the write left it: the answer shows its fields, so it is logged as a read of them. */
  async #fresh(entity: CompiledEntity, id: string, verb: 'update' | 'delete' | 'restore'): Promise<StoredRecord> {
    const [record] = await this.parts.reader.getMany(entity, [id], true);
    if (!record) throw LatticeError.recordNotFound(entity.name, id);
    await this.parts.revealed.records(entity, [record], undefined, verb);
    return record;
  }

  /**
   * The writer as form conditions see them: every role they hold, the unit
   * path (group first) of their primary position (the one a write is made
   * from, as `effectiveMetadata` defaults to it), the configured channel.
   * The platform itself (seeds, local commands) is no user: no form applies.
   */
  #writeFactSource(): WriteFactSource {
    const { actor, options, guard, loaders, reader, position } = this.parts;
    const unit = position.primaryUnitKey();
    const user = actor.id && unit ? { roles: position.roles(), unitPath: options.directory.pathKeys(unit) ?? [], channel: options.writeChannel } : undefined;
    return {
      ...(user ? { user } : {}),
      reference: async (target, id) => (guard.mayRead(target) ? ((await loaders.byId(target, guard.readableFields(target)).load(id)) ?? null) : null),
      count: async (target, filter) => (guard.mayRead(target) ? ((await reader.list(target, { filter, first: 1, includeCount: true, fields: ['id'] }, 1)).totalCount ?? 0) : 0),
    };
  }
}

function newItem(index: number, patch: Record<string, unknown>, id: string | null, expectedVersion?: number): WriteItem {
  return { index, patch, id, stored: null, values: {}, changes: {}, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
}
