import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledField, CompiledModel, ViewDocument } from '@lattice/runtime';
import { effectiveMetadataFor, type EffectiveMetadataView } from '../security/effective-metadata-view.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from '../security/actor.js';
import type { ServedVersion } from '../serve/served-version.js';
import { RecordLoaders } from './record-loaders.js';
import { RecordQueries } from './record-queries.js';
import { RecordReader, type ListArgs, type RecordConnection } from './record-reader.js';
import type { RequestTransaction } from '../pipeline/request-transaction.js';
import { RecordGuard } from '../security/record-guard.js';
import type { RecordOperation } from '../security/permission-document.js';
import { formsForUser, type ServedForm } from './unit-screens.js';
import type { SavedView, SavedViewInput } from '../views/saved-views.js';
import type { AccessParts } from './access-parts.js';
import type { AccessPart } from './access-part.js';
import type { ReadLog } from './read-log.js';
import { ActorPosition } from './actor-position.js';
import type { RecordAccessOptions } from './record-access-options.js';
import { RecordViews, type ViewListArgs } from './record-views.js';
import { RecordWrites } from './record-writes.js';
import type { StoredRecord } from '../storage/stored-record.js';
import type { WriteIntent } from '../pipeline/write-context.js';

export type { ListArgs, OrderBy, RecordConnection } from './record-reader.js';
export type { StoredRecord } from '../storage/stored-record.js';
export type { SavedView, SavedViewInput } from '../views/saved-views.js';
export type { RecordAccessOptions } from './record-access-options.js';
export type { ViewListArgs } from './record-views.js';
export { accessPart, AccessPartRegistry, type AccessPart } from './access-part.js';

/** Records per page of a scan. */
const SCAN_PAGE_SIZE = 2000;

/**
 * The one access point for records. Resolvers, the CLI, seeds and (later)
 * exports, reports, plugins and jobs read and write records only through
 * it. Reads go through the permission, row-scope and field checks
 * (`RecordGuard`); every write runs the one write pipeline
 * (`pipeline/`), which this only builds the context of. One instance per
 * request: it holds the request's entity
 * manager and batch loaders, bound to the metadata version the request
 * started on. The verbs beyond plain reads are delegated, each group to its
 * own module sharing this request's parts (`AccessParts`): writes and list
 * views here; shares and serve-anywhere, quotes and the audit log are the
 * modules' parts, registered by the composition root and reached by their
 * typed names (`part(SHARING)`), so this knows none of them. What a
 * request reveals is told to the registered read log.
 */
export class RecordAccess {
  readonly #loaders: RecordLoaders;
  readonly #reader: RecordReader;
  readonly #guard: RecordGuard;
  /** What this request revealed, told to the registered log. */
  readonly #revealed: ReadLog;
  readonly #position: ActorPosition;
  readonly #parts: AccessParts;
  readonly #writes: RecordWrites;
  readonly #views: RecordViews;
  readonly #made = new Map<AccessPart<unknown>, unknown>();

  readonly model: CompiledModel;
  private readonly em: EntityManager;

  constructor(
    version: ServedVersion,
    readonly actor: Actor,
    readonly options: RecordAccessOptions,
    requestTransaction?: RequestTransaction,
  ) {
    this.model = version.model;
    this.em = version.orm.em.fork() as EntityManager;
    const queries = new RecordQueries(this.em, version.records);
    this.#position = new ActorPosition(actor, options.directory);
    this.#guard = new RecordGuard(version.model, actor.grants, options.directory, actor.id, (entity, where, field) => queries.idsQuery(entity, where, field));
    this.#loaders = new RecordLoaders(version.model, this.em, version.records, this.#guard);
    this.#reader = new RecordReader(version.model, this.em, version.records, options, this.#guard, this.#position.filterUser());
    this.#revealed = options.readLog({ model: version.model, actor, guard: this.#guard, reader: this.#reader });
    this.#parts = {
      model: version.model,
      em: this.em,
      schemas: version.records,
      actor,
      options,
      guard: this.#guard,
      reader: this.#reader,
      loaders: this.#loaders,
      revealed: this.#revealed,
      position: this.#position,
      authorize: (entityName, operation) => this.authorize(entityName, operation),
      get: (entityName, id) => this.get(entityName, id),
      listArgs: (entityName, args) => this.#views.listArgs(entityName, args),
    };
    this.#writes = new RecordWrites(this.#parts, version, this, requestTransaction);
    this.#views = new RecordViews(this.#parts);
  }

  entity(name: string): CompiledEntity {
    const entity = this.model.entityByName(name);
    if (!entity) throw LatticeError.notFound(`Entity ${name}`);
    return entity;
  }

  async get(entityName: string, id: string, options: { includeDeleted?: boolean; fields?: readonly string[] } = {}): Promise<StoredRecord | null> {
    const entity = this.authorize(entityName, 'read');
    const record = await this.#reader.get(entity, id, options.includeDeleted === true, this.#revealed.withUnit(entity, options.fields));
    if (record) await this.#revealed.records(entity, [record], options.fields, 'read');
    return record;
  }

  /**
   * Whether the actor may change this live record at all: the entity's
   * update right and its row scope. What a screen offers (a workflow's
   * transitions); the write pipeline still decides each write.
   */
  async mayUpdate(entityName: string, id: string): Promise<boolean> {
    const entity = this.entity(entityName);
    if (this.#guard.unrestricted) return true;
    if (this.actor.grants.scopes(entity.key, 'update').length === 0) return false;
    return (await this.#reader.visibleIds(entity, [id], 'update')).length > 0;
  }

  async list(entityName: string, args: ViewListArgs): Promise<RecordConnection> {
    return this.#list(entityName, await this.#views.listArgs(entityName, args), this.options.maxPageSize);
  }

  async #list(entityName: string, args: ListArgs, maxPageSize: number): Promise<RecordConnection> {
    const entity = this.authorize(entityName, 'read');
    // What a view's filter confirms is logged as the request's own filter would be.
    const { viewFilter, ...own } = args;
    const asLogged = viewFilter ? { ...own, filter: own.filter ? { and: [viewFilter.filter, own.filter] } : viewFilter.filter } : args;
    const page = await this.#reader.list(entity, { ...args, ...(args.fields ? { fields: this.#revealed.listFields(entity, asLogged) } : {}) }, maxPageSize);
    await this.#revealed.records(entity, page.nodes, args.fields, 'read');
    await this.#revealed.listed(entity, asLogged, page);
    return page;
  }

  /**
   * Every record of a list, page after page (`SCAN_PAGE_SIZE` at a time), in
   * id order: for bulk readers (simulations, exports) that must see what the
   * actor may read and nothing more, without holding it all.
   */
  async *scan(entityName: string, args: { filter?: ListArgs['filter']; fields?: readonly string[] }, pageSize = SCAN_PAGE_SIZE): AsyncGenerator<StoredRecord[]> {
    // Pages larger than the API's: a bulk reader holds one page at a time, and fewer round trips matter more.
    const size = Math.max(1, pageSize);
    let after: string | null = null;
    for (;;) {
      const page: RecordConnection = await this.#list(entityName, { ...args, orderBy: [{ field: 'id' }], first: size, after, includeCount: false }, size);
      if (page.nodes.length) yield page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }

  /**
   * A module's verbs on this access point (`part(SHARING).share(...)`),
   * made once per access point from its parts; NOT_FOUND when the
   * deployment registered no such module.
   */
  part<T>(part: AccessPart<T>): T {
    if (!this.#made.has(part)) this.#made.set(part, this.options.parts.make(part, this.#parts));
    return this.#made.get(part) as T;
  }

  /**
   * The metadata the actor works with: their unit's layers folded over the
   * base, with only the fields they may read. `unit` defaults to the unit of
   * their primary position; another must be one of their positions' units.
   */
  effectiveMetadata(unitKey?: string | null): EffectiveMetadataView {
    if (unitKey) this.#position.assertHoldsPosition(unitKey, 'unit');
    const unit = unitKey ?? this.#position.primaryUnitKey();
    return effectiveMetadataFor(this.model, this.options.layerCache, this.options.directory, this.#guard, unit);
  }

  /**
   * The entity's forms as the actor's unit gets them (`unit` as for
   * `effectiveMetadata`): the layout writes are checked against.
   */
  forms(entityName: string, unitKey?: string | null): ServedForm[] {
    const entity = this.authorize(entityName, 'read');
    if (unitKey) this.#position.assertHoldsPosition(unitKey, 'unit');
    const unit = unitKey ?? this.#position.primaryUnitKey();
    return formsForUser(this.model, entity, unit ? (this.options.directory.pathKeys(unit) ?? []) : [], (name) => this.#guard.fieldNameReadable(entity, name));
  }

  /** The entity's shared list views the actor may use (`record-views.ts`). */
  views(entityName: string): ViewDocument[] {
    return this.#views.views(entityName);
  }

  /** The caller's own saved views of the entity, each with what a publish since broke in it. */
  async savedViews(entityName: string): Promise<SavedView[]> {
    return this.#views.savedViews(entityName);
  }

  async saveView(entityName: string, input: SavedViewInput): Promise<SavedView> {
    return this.#views.saveView(entityName, input);
  }

  async renameSavedView(entityName: string, id: string, name: string): Promise<SavedView> {
    return this.#views.renameSavedView(entityName, id, name);
  }

  async deleteSavedView(entityName: string, id: string): Promise<boolean> {
    return this.#views.deleteSavedView(entityName, id);
  }

  /** The record a reference points to, batched per request; null when it is outside the actor's read scope. */
  async reference(target: CompiledEntity, id: string, fields?: readonly string[]): Promise<StoredRecord | null> {
    if (!this.#guard.mayRead(target)) return null;
    this.#guard.assertReadable(target, fields ?? []);
    const record = await this.#loaders.byId(target, this.#revealed.withUnit(target, fields) ?? this.#guard.readableFields(target)).load(id);
    if (record) await this.#revealed.records(target, [record], fields, 'read');
    return record;
  }

  /** The records of an inverse or many-to-many list, batched per request; only those within the actor's read scope. */
  async related(owner: CompiledEntity, field: CompiledField, ownerId: string, fields?: readonly string[]): Promise<StoredRecord[]> {
    const target = field.relation ? this.model.entityByKey(field.relation.target) : undefined;
    if (!target || !this.#guard.mayRead(target)) return [];
    this.#guard.assertReadable(owner, [field.name]);
    this.#guard.assertReadable(target, fields ?? []);
    const records = await this.#loaders.list(owner, field, this.#revealed.withUnit(target, fields) ?? this.#guard.readableFields(target)).load(ownerId);
    await this.#revealed.records(target, records, fields, 'read');
    return records;
  }

  async create(entityName: string, input: Record<string, unknown>): Promise<StoredRecord> {
    const [created] = await this.createMany(entityName, [input]);
    return created as StoredRecord;
  }

  /** Writes run the one write pipeline (`record-writes.ts`). */
  async createMany(entityName: string, inputs: Record<string, unknown>[]): Promise<StoredRecord[]> {
    return this.#writes.createMany(this.entity(entityName), inputs);
  }

  /** `intent` says why, when a module's write steps act on it (a workflow transition: `workflows/`). */
  async update(entityName: string, id: string, version: number, input: Record<string, unknown>, intent?: WriteIntent): Promise<StoredRecord> {
    return this.#writes.update(this.entity(entityName), id, version, input, intent);
  }

  async softDelete(entityName: string, id: string, version: number | undefined): Promise<StoredRecord> {
    return this.#writes.softDelete(this.entity(entityName), id, version);
  }

  async restore(entityName: string, id: string): Promise<StoredRecord> {
    return this.#writes.restore(this.entity(entityName), id);
  }

  private authorize(entityName: string, operation: RecordOperation): CompiledEntity {
    const entity = this.entity(entityName);
    this.#guard.require(entity, operation);
    return entity;
  }
}
