import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from './actor.js';
import type { ServedVersion } from '../serve/served-version.js';
import { RecordLoaders } from './record-loaders.js';
import { RecordReader, type ListArgs, type RecordConnection } from './record-reader.js';
export type { ListArgs, OrderBy, RecordConnection } from './record-reader.js';
import { RecordWriter } from './record-writer.js';
import type { AuditQuery, AuditPage } from '../audit/audit-log.js';
import { queryAudit } from '../audit/audit-log.js';

export type { StoredRecord } from './stored-record.js';
import type { StoredRecord } from './stored-record.js';

/**
 * The one access point for records. Resolvers, the CLI, seeds and (later)
 * exports, reports, plugins and jobs read and write records only through
 * it: it is where permission, row-scope and field checks sit (the
 * organisation issue fills them in `authorize`), then validation, then the
 * unit of work and the audit entry in the same transaction.
 * One instance per request: it holds the request's entity manager and
 * batch loaders, bound to the metadata version the request started on.
 */
export class RecordAccess {
  readonly loaders: RecordLoaders;
  readonly #reader: RecordReader;
  readonly #writer: RecordWriter;

  readonly model: CompiledModel;
  private readonly em: EntityManager;

  constructor(
    version: ServedVersion,
    readonly actor: Actor,
    readonly limits: { maxPageSize: number },
  ) {
    this.model = version.model;
    this.em = version.orm.em.fork() as EntityManager;
    this.loaders = new RecordLoaders(version.model, this.em, version.records);
    this.#reader = new RecordReader(version.model, this.em, version.records, limits);
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

  async create(entityName: string, input: Record<string, unknown>): Promise<StoredRecord> {
    const [created] = await this.createMany(entityName, [input]);
    return created as StoredRecord;
  }

  async createMany(entityName: string, inputs: Record<string, unknown>[]): Promise<StoredRecord[]> {
    const entity = this.authorize(entityName, 'create');
    const ids = await this.#writer.createMany(entity, inputs);
    return this.#reader.getMany(entity, ids);
  }

  async update(entityName: string, id: string, version: number, input: Record<string, unknown>): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'update');
    await this.#writer.update(entity, id, version, input);
    return this.#fresh(entity, id);
  }

  async softDelete(entityName: string, id: string, version: number | undefined): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'delete');
    await this.#writer.setDeleted(entity, id, version, true);
    return this.#fresh(entity, id);
  }

  async restore(entityName: string, id: string): Promise<StoredRecord> {
    const entity = this.authorize(entityName, 'delete');
    await this.#writer.setDeleted(entity, id, undefined, false);
    return this.#fresh(entity, id);
  }

  async audit(query: AuditQuery): Promise<AuditPage> {
    if (query.entity) this.authorize(query.entity, 'read');
    return queryAudit(this.em, this.model, query, this.limits.maxPageSize);
  }

  /** Permission and row-scope checks go here (organisation issue); today every actor may do everything. */
  private authorize(entityName: string, _operation: 'read' | 'create' | 'update' | 'delete'): CompiledEntity {
    return this.entity(entityName);
  }

  async #fresh(entity: CompiledEntity, id: string): Promise<StoredRecord> {
    const [record] = await this.#reader.getMany(entity, [id], true);
    if (!record) throw LatticeError.recordNotFound(entity.name, id);
    return record;
  }
}
