import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledField, CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from './actor.js';
import type { ServedVersion } from '../serve/served-version.js';
import { RecordLoaders } from './record-loaders.js';
import { RecordReader, type ListArgs, type RecordConnection } from './record-reader.js';
export type { ListArgs, OrderBy, RecordConnection } from './record-reader.js';
import { RecordWriter } from './record-writer.js';
import type { AuditQuery, AuditPage } from '../audit/audit-log.js';
import { queryAudit } from '../audit/audit-log.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { RecordGuard } from '../security/record-guard.js';
import type { RecordOperation } from '../security/permission-document.js';

export type { StoredRecord } from './stored-record.js';
import type { StoredRecord } from './stored-record.js';

export interface RecordAccessOptions {
  readonly maxPageSize: number;
  /** The org tree as it was when the request started: row scopes expand subtrees with it. */
  readonly directory: OrgDirectory;
}

/**
 * The one access point for records. Resolvers, the CLI, seeds and (later)
 * exports, reports, plugins and jobs read and write records only through
 * it: permission, row-scope and field checks (`RecordGuard`), then
 * validation, then the unit of work and the audit entry in the same
 * transaction. One instance per request: it holds the request's entity
 * manager and batch loaders, bound to the metadata version the request
 * started on.
 */
export class RecordAccess {
  readonly #loaders: RecordLoaders;
  readonly #reader: RecordReader;
  readonly #writer: RecordWriter;
  readonly #guard: RecordGuard;

  readonly model: CompiledModel;
  private readonly em: EntityManager;

  constructor(
    version: ServedVersion,
    readonly actor: Actor,
    readonly options: RecordAccessOptions,
  ) {
    this.model = version.model;
    this.em = version.orm.em.fork() as EntityManager;
    this.#guard = new RecordGuard(actor.grants, options.directory, actor.id);
    this.#loaders = new RecordLoaders(version.model, this.em, version.records, this.#guard);
    this.#reader = new RecordReader(version.model, this.em, version.records, options, this.#guard);
    this.#writer = new RecordWriter(version.model, this.em, version.records, actor, version.version);
  }

  entity(name: string): CompiledEntity {
    const entity = this.model.entityByName(name);
    if (!entity) throw LatticeError.notFound(`Entity ${name}`);
    return entity;
  }

  async get(entityName: string, id: string, options: { includeDeleted?: boolean; fields?: readonly string[] } = {}): Promise<StoredRecord | null> {
    const entity = this.authorize(entityName, 'read');
    return this.#reader.get(entity, id, options.includeDeleted === true, options.fields);
  }

  async list(entityName: string, args: ListArgs): Promise<RecordConnection> {
    return this.#reader.list(this.authorize(entityName, 'read'), args);
  }

  /** The record a reference points to, batched per request; null when it is outside the actor's read scope. */
  async reference(target: CompiledEntity, id: string, fields?: readonly string[]): Promise<StoredRecord | null> {
    if (!this.#guard.mayRead(target)) return null;
    this.#guard.assertReadable(target, fields ?? []);
    return this.#loaders.byId(target, fields ?? this.#guard.readableFields(target)).load(id);
  }

  /** The records of an inverse or many-to-many list, batched per request; only those within the actor's read scope. */
  async related(owner: CompiledEntity, field: CompiledField, ownerId: string, fields?: readonly string[]): Promise<StoredRecord[]> {
    const target = field.relation ? this.model.entityByKey(field.relation.target) : undefined;
    if (!target || !this.#guard.mayRead(target)) return [];
    this.#guard.assertReadable(owner, [field.name]);
    this.#guard.assertReadable(target, fields ?? []);
    return this.#loaders.list(owner, field, fields ?? this.#guard.readableFields(target)).load(ownerId);
  }

  async create(entityName: string, input: Record<string, unknown>): Promise<StoredRecord> {
    const [created] = await this.createMany(entityName, [input]);
    return created as StoredRecord;
  }

  async createMany(entityName: string, inputs: Record<string, unknown>[]): Promise<StoredRecord[]> {
    const entity = this.authorize(entityName, 'create');
    inputs.forEach((input, i) => this.#guard.assertWritable(entity, input, inputs.length > 1 ? `[${i}]` : ''));
    const ids = await this.#writer.createMany(entity, inputs, this.#guard.placement(entity));
    return this.#reader.getMany(entity, ids);
  }

  async update(entityName: string, id: string, version: number, input: Record<string, unknown>): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'update');
    this.#guard.assertWritable(entity, input);
    await this.#inScope(entity, id, 'update', () => this.#writer.update(entity, id, version, input, this.#guard.filter(entity, 'update')));
    return this.#fresh(entity, id);
  }

  async softDelete(entityName: string, id: string, version: number | undefined): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'delete');
    await this.#inScope(entity, id, 'delete', () => this.#writer.setDeleted(entity, id, version, true, this.#guard.filter(entity, 'delete')));
    return this.#fresh(entity, id);
  }

  async restore(entityName: string, id: string): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'delete');
    await this.#inScope(entity, id, 'delete', () => this.#writer.setDeleted(entity, id, undefined, false, this.#guard.filter(entity, 'delete')));
    return this.#fresh(entity, id);
  }

  async audit(query: AuditQuery): Promise<AuditPage> {
    if (this.#guard.unrestricted) return queryAudit(this.em, this.model, query, this.options.maxPageSize);
    if (!query.entity) throw LatticeError.invalidInput('entity', 'Name the entity whose audit entries you want', 'Your roles see the audit entries of the records they may read');
    const entity = this.authorize(query.entity, 'read');
    return queryAudit(this.em, this.model, query, this.options.maxPageSize, {
      scope: this.#guard.scope(entity, 'read'),
      readable: (name) => {
        const field = entity.fieldByName(name);
        return !!field && this.#guard.fieldReadable(entity, field);
      },
    });
  }

  private authorize(entityName: string, operation: RecordOperation): CompiledEntity {
    const entity = this.entity(entityName);
    this.#guard.require(entity, operation);
    return entity;
  }

  /**
   * A write outside the actor's scope finds no row. Whether that is "not
   * found" or "forbidden" depends on whether they may read it: a record they
   * cannot see must look exactly like one that does not exist.
   */
  async #inScope(entity: CompiledEntity, id: string, operation: 'update' | 'delete', write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof LatticeError && error.code === 'NOT_FOUND' && !this.#guard.unrestricted && (await this.#reader.get(entity, id, true, ['id']))) {
        throw LatticeError.recordReadOnly(entity.name, id, operation === 'update' ? 'change' : 'delete or restore');
      }
      throw error;
    }
  }

  async #fresh(entity: CompiledEntity, id: string): Promise<StoredRecord> {
    const [record] = await this.#reader.getMany(entity, [id], true);
    if (!record) throw LatticeError.recordNotFound(entity.name, id);
    return record;
  }
}
