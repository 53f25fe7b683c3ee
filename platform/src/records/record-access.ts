import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledField, CompiledModel, EffectiveMetadataCache, FilterUser, Quote, ViewDocument } from '@lattice/runtime';
import { priceWithCatalog, todayIn, type QuoteArgs } from './quote-request.js';
import type { QuoteSeal } from './quote-seal.js';
import { effectiveMetadataFor, type EffectiveMetadataView } from '../security/effective-metadata-view.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from './actor.js';
import type { ServedVersion } from '../serve/served-version.js';
import { RecordLoaders } from './record-loaders.js';
import { RecordQueries } from './record-queries.js';
import { RecordReader, type ListArgs, type RecordConnection } from './record-reader.js';
export type { ListArgs, OrderBy, RecordConnection } from './record-reader.js';
import { runWritePipeline } from '../pipeline/write-pipeline.js';
import type { WriteItem, WriteServices } from '../pipeline/write-context.js';
import type { RecordHookRegistry } from '../pipeline/record-hook-registry.js';
import type { HookFailureLog } from '../pipeline/run-hook.js';
import type { WriteVerb } from '@lattice/runtime';
import type { FilterLimits } from './filter-limits.js';
import type { RequestTransaction } from './request-transaction.js';
import type { AuditQuery, AuditPage } from '../audit/audit-log.js';
import { queryAudit } from '../audit/audit-log.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { RecordGuard } from '../security/record-guard.js';
import type { RecordOperation } from '../security/permission-document.js';
import { serveAnywhere, type ServeGrant } from '../security/serve-anywhere.js';
import { readAccessLog, type AccessLogEntryView, type AccessLogWriter } from '../security/access-log.js';
import { revokeShare, shareRecord, sharesOf, type ShareRequest, type ShareView } from '../security/record-sharing.js';
import { RecordShareEntity } from '../security/sharing-entities.js';
import { RevealedPersonalData } from '../security/revealed-personal-data.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { withScope } from '../security/row-scope.js';
import { gatherWriteFacts, type WriteFactSource } from './write-facts.js';
import { formsForUser, viewsForUser, type ServedForm } from './unit-screens.js';
import { filterToQuery } from './filter-to-query.js';
import { assertFilterWithinLimits } from './filter-limits.js';
import { sharedView, withView } from '../views/list-view.js';
import { SavedViews, type SavedView, type SavedViewCheck, type SavedViewInput } from '../views/saved-views.js';

export type { StoredRecord } from './stored-record.js';
export type { SavedView, SavedViewInput } from '../views/saved-views.js';

/** A list query, optionally through a shared view (by key) or one of the caller's saved views (by id). */
export interface ViewListArgs extends ListArgs {
  view?: string | null;
  savedView?: string | null;
}
import type { StoredRecord } from './stored-record.js';

/** An owner id no record has (an actor who is no one owns nothing). */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** Records per page of a scan. */
const SCAN_PAGE_SIZE = 2000;

export interface RecordAccessOptions {
  readonly maxPageSize: number;
  /** The page a list gets when it asks for none. */
  readonly defaultPageSize: number;
  readonly filterLimits: FilterLimits;
  /** Most inputs of one batch create. */
  readonly maxBatchInputs: number;
  /** The org tree as it was when the request started: row scopes expand subtrees with it. */
  readonly directory: OrgDirectory;
  /** Effective metadata per version and layer path, shared by every request of the node. */
  readonly layerCache: EffectiveMetadataCache;
  /** Where personal-data reads are logged (in batches). */
  readonly accessLog: AccessLogWriter;
  /** The business time zone: "today" for quotes. */
  readonly timeZone: string;
  /** Seals issued quotes and checks the ones an order keeps. */
  readonly quoteSeal: QuoteSeal;
  /** The channel form conditions see a write come through (`$user.channel`). */
  readonly writeChannel: string;
  /** Called when records were shared with a user (null: with a unit, so possibly anyone), whose cached grants must be reloaded. */
  readonly sharesChanged: (userId: string | null) => Promise<void>;
  /** The record hooks of first-party modules and plugins, run by every write. */
  readonly hooks: RecordHookRegistry;
  /** A hook's time limit when it sets none (ms). */
  readonly hookTimeoutMs: number;
  /** Where a failed hook's stack is logged. */
  readonly logHookFailure: HookFailureLog;
}

/**
 * The one access point for records. Resolvers, the CLI, seeds and (later)
 * exports, reports, plugins and jobs read and write records only through
 * it. Reads go through the permission, row-scope and field checks
 * (`RecordGuard`); every write runs the one write pipeline
 * (`pipeline/`), which this only builds the context of. One instance per
 * request: it holds the request's entity
 * manager and batch loaders, bound to the metadata version the request
 * started on.
 */
export class RecordAccess {
  readonly #loaders: RecordLoaders;
  readonly #reader: RecordReader;
  readonly #writes: WriteServices;
  readonly #requestTransaction: RequestTransaction | undefined;
  readonly #guard: RecordGuard;
  /** What this request revealed of personal data, for the access log. */
  readonly #revealed: RevealedPersonalData;

  readonly model: CompiledModel;
  private readonly em: EntityManager;
  readonly #schemas: RecordSchemas;

  constructor(
    version: ServedVersion,
    readonly actor: Actor,
    readonly options: RecordAccessOptions,
    requestTransaction?: RequestTransaction,
  ) {
    this.model = version.model;
    this.em = version.orm.em.fork() as EntityManager;
    this.#schemas = version.records;
    const queries = new RecordQueries(this.em, version.records);
    this.#guard = new RecordGuard(version.model, actor.grants, options.directory, actor.id, (entity, where, field) => queries.idsQuery(entity, where, field));
    this.#loaders = new RecordLoaders(version.model, this.em, version.records, this.#guard);
    this.#reader = new RecordReader(version.model, this.em, version.records, options, this.#guard, this.#filterUser());
    this.#requestTransaction = requestTransaction;
    this.#writes = {
      model: version.model,
      schemas: version.records,
      guard: this.#guard,
      actor,
      metadataVersion: version.version,
      maxBatchInputs: options.maxBatchInputs,
      unitKeys: (unitId) => options.directory.pathKeysOfId(unitId),
      visibleIds: (entity, ids) => this.#reader.visibleIds(entity, ids),
      factsOf: (entity, record, id) => gatherWriteFacts(this.model, entity, record, id, this.#writeFactSource()),
      fieldReadable: (entity, name) => this.#guard.fieldNameReadable(entity, name),
      hooks: options.hooks,
      hookTimeoutMs: options.hookTimeoutMs,
      logHookFailure: options.logHookFailure,
      records: this,
    };
    this.#revealed = new RevealedPersonalData(version.model, actor, this.#guard, options.accessLog, this.#reader);
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

  async list(entityName: string, args: ViewListArgs): Promise<RecordConnection> {
    const { view, savedView, ...rest } = args;
    if (!view && !savedView) return this.#list(entityName, rest, this.options.maxPageSize);
    if (view && savedView) throw LatticeError.invalidInput('savedView', 'Name a shared view or one of your saved views, not both');
    const entity = this.authorize(entityName, 'read');
    const parts = view ? sharedView(this.model, entity, view, (v) => this.#guard.unrestricted || v.isSharedWith(this.#audience())) : await this.#savedViews().get(entity, savedView as string);
    return this.#list(entityName, withView(rest, parts, view ? 'view' : 'savedView', this.options.maxPageSize), this.options.maxPageSize);
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
   * Serves a record from outside the actor's scope, identified by an exact
   * combination of identifiers their role allows, for the reason they give:
   * a time-limited share, logged for the owning unit (`security/serve-anywhere.ts`).
   */
  async serveAnywhere(entityName: string, match: Record<string, unknown>, reason: string): Promise<ServeGrant> {
    const entity = this.entity(entityName);
    for (const name of Object.keys(match)) {
      if (!entity.fieldByName(name)?.column) throw LatticeError.invalidInput(`match.${name}`, `${entity.name} has no stored field "${name}"`);
    }
    const grant = await serveAnywhere(this.em, this.#schemas, entity, this.actor, match, reason);
    if (this.actor.id) await this.options.sharesChanged(this.actor.id);
    return grant;
  }

  /**
   * The metadata the actor works with: their unit's layers folded over the
   * base, with only the fields they may read. `unit` defaults to the unit of
   * their primary position; another must be one of their positions' units.
   */
  effectiveMetadata(unitKey?: string | null): EffectiveMetadataView {
    if (unitKey) this.#assertHoldsPosition(unitKey, 'unit');
    const unit = unitKey ?? this.#primaryUnitKey();
    return effectiveMetadataFor(this.model, this.options.layerCache, this.options.directory, this.#guard, unit);
  }

  /**
   * The entity's forms as the actor's unit gets them (`unit` as for
   * `effectiveMetadata`): the layout writes are checked against.
   */
  forms(entityName: string, unitKey?: string | null): ServedForm[] {
    const entity = this.authorize(entityName, 'read');
    if (unitKey) this.#assertHoldsPosition(unitKey, 'unit');
    const unit = unitKey ?? this.#primaryUnitKey();
    return formsForUser(this.model, entity, unit ? (this.options.directory.pathKeys(unit) ?? []) : [], (name) => this.#guard.fieldNameReadable(entity, name));
  }

  /**
   * The entity's shared list views the actor is in the audience of and may
   * use: a view whose filter or sort needs a field their roles hide is left
   * out, and columns they cannot read are cut.
   */
  views(entityName: string): ViewDocument[] {
    const entity = this.authorize(entityName, 'read');
    const readable = (name: string) => this.#guard.fieldNameReadable(entity, name);
    return viewsForUser(this.model, entity, this.#audience(), this.#guard.unrestricted, readable, (view) => this.#usable(entity, view, 'view'));
  }

  /** The caller's own saved views of the entity, each with what a publish since broke in it. */
  async savedViews(entityName: string): Promise<SavedView[]> {
    const entity = this.authorize(entityName, 'read');
    return this.actor.id ? this.#savedViews().list(entity) : [];
  }

  async saveView(entityName: string, input: SavedViewInput): Promise<SavedView> {
    const entity = this.authorize(entityName, 'read');
    return this.#savedViews().save(entity, input, this.#savedViewCheck);
  }

  async renameSavedView(entityName: string, id: string, name: string): Promise<SavedView> {
    return this.#savedViews().rename(this.authorize(entityName, 'read'), id, name);
  }

  async deleteSavedView(entityName: string, id: string): Promise<boolean> {
    return this.#savedViews().remove(this.authorize(entityName, 'read'), id);
  }

  #savedViews(): SavedViews {
    if (!this.actor.id) throw LatticeError.invalidInput('savedView', 'Only a signed-in user has saved views');
    return new SavedViews(this.em, this.model, this.actor.id, this.options);
  }

  /** A view saved must be one its owner can use: within the filter limits, on fields they may read. */
  readonly #savedViewCheck: SavedViewCheck = (entity, view) => {
    assertFilterWithinLimits(view.filter, this.options.filterLimits, 'input.filter');
    this.#guard.assertReadable(entity, view.columns, 'input.columns');
    this.#usable(entity, view, 'input', true);
  };

  /** Whether the actor may filter and sort as the view does; with `orThrow`, the refusal itself. */
  #usable(entity: CompiledEntity, view: { filter?: Record<string, unknown> | null | undefined; sort?: readonly { field: string }[] | undefined }, path: string, orThrow = false): boolean {
    if (this.#guard.unrestricted) return true;
    try {
      this.#guard.assertReadable(entity, (view.sort ?? []).map((s) => s.field), `${path}.sort`);
      filterToQuery(this.model, entity, view.filter, `${path}.filter`, { guard: this.#guard });
      return true;
    } catch (error) {
      if (orThrow || !(error instanceof LatticeError) || error.code !== 'FORBIDDEN') throw error;
      return false;
    }
  }

  /** Whom shared views are shared with: the actor's roles and the unit path (keys, group first) of their primary position. */
  #audience(): { roles: string[]; unitPath: string[] } {
    const unit = this.#primaryUnitKey();
    return { roles: this.#roles(), unitPath: unit ? (this.options.directory.pathKeys(unit) ?? []) : [] };
  }

  /**
   * What `{ $user: … }` operands of filters stand for: the user's id, the
   * unit of their primary position and its path (ids, group first, as
   * records hold units), their roles. The platform itself is no user.
   */
  #filterUser(): FilterUser | undefined {
    if (!this.actor.id) return undefined;
    const position = this.actor.grants.positions.find((p) => p.isPrimary) ?? this.actor.grants.positions[0];
    const unitId = position?.unitId ?? null;
    return { id: this.actor.id, unitId, unitPath: unitId ? this.options.directory.ancestry(unitId).map((u) => u.id).reverse() : [], roles: this.#roles() };
  }

  /**
   * A quote for a customer (read with the actor's permissions) or a
   * prospective one, in a unit the actor holds a position in (their primary
   * one by default): its branch prices apply.
   */
  async quote(args: QuoteArgs): Promise<Quote & { seal: string }> {
    const catalog = this.model.tariffs;
    const customerEntity = this.model.tariffCustomerEntity ? this.model.entityByKey(this.model.tariffCustomerEntity) : undefined;
    if (!customerEntity || !catalog) throw LatticeError.notFound('A published tariff catalog');
    let customer = args.customer ?? {};
    if (args.customerId) {
      const record = await this.get(customerEntity.name, args.customerId);
      if (!record) throw LatticeError.recordNotFound(customerEntity.name, args.customerId);
      customer = record;
    }
    const unit = args.orgUnit ?? this.#primaryUnitKey();
    if (!unit) throw LatticeError.invalidInput('orgUnit', 'Say in which org unit the quote is made');
    if (args.orgUnit) this.#assertHoldsPosition(args.orgUnit, 'orgUnit');
    const path = this.options.directory.pathKeys(unit);
    if (!path) throw LatticeError.invalidInput('orgUnit', `No org unit "${unit}"`);
    return this.options.quoteSeal.seal(priceWithCatalog(catalog, customer, path, args.date ?? todayIn(this.options.timeZone), args));
  }

  /** Acting "in" a unit (its layers, its branch prices) needs a position there. */
  #assertHoldsPosition(unitKey: string, path: string): void {
    if (this.actor.grants.isUnrestricted) return;
    if (!this.actor.grants.positions.some((p) => this.options.directory.byId(p.unitId)?.key === unitKey)) throw LatticeError.outsideScope('organisation', path, `You hold no position in "${unitKey}"`);
  }

  /**
   * The writer as form conditions see them: every role they hold, the unit
   * path (group first) of their primary position (the one a write is made
   * from, as `effectiveMetadata` defaults to it), the configured channel.
   * The platform itself (seeds, local commands) is no user: no form applies.
   */
  #writeFactSource(): WriteFactSource {
    const unit = this.#primaryUnitKey();
    const user = this.actor.id && unit ? { roles: this.#roles(), unitPath: this.options.directory.pathKeys(unit) ?? [], channel: this.options.writeChannel } : undefined;
    return {
      ...(user ? { user } : {}),
      reference: async (target, id) => (this.#guard.mayRead(target) ? ((await this.#loaders.byId(target, this.#guard.readableFields(target)).load(id)) ?? null) : null),
      count: async (target, filter) => (this.#guard.mayRead(target) ? ((await this.#reader.list(target, { filter, first: 1, includeCount: true, fields: ['id'] }, 1)).totalCount ?? 0) : 0),
    };
  }

  #roles(): string[] {
    return [...new Set(this.actor.grants.positions.map((p) => p.roleKey))];
  }

  #primaryUnitKey(): string | null {
    const position = this.actor.grants.positions.find((p) => p.isPrimary) ?? this.actor.grants.positions[0];
    return position ? (this.options.directory.byId(position.unitId)?.key ?? null) : null;
  }

  /**
   * Shares one record with a user or a unit: whoever may change the record
   * by their own rights may share it; a record reached through a share (a
   * serve-anywhere grant is one) is not passed on.
   */
  async share(entityName: string, id: string, request: ShareRequest): Promise<ShareView> {
    const entity = this.authorize(entityName, 'update');
    const record = await this.#ownRecord(entity, id);
    const { share, userId } = await shareRecord(this.em.fork() as EntityManager, this.options.directory, entity, record, request, this.actor);
    await this.options.sharesChanged(userId);
    return share;
  }

  async revokeShare(entityName: string, shareId: string): Promise<boolean> {
    const entity = this.authorize(entityName, 'update');
    const em = this.em.fork() as EntityManager;
    const share = await em.findOne(RecordShareEntity, { id: shareId, entityKey: entity.key, revokedAt: null });
    if (!share) throw LatticeError.notFound(`Share ${shareId}`);
    const record = await this.#ownRecord(entity, share.recordId);
    const { userId } = await revokeShare(em, shareId, record.orgUnitId, this.actor);
    await this.options.sharesChanged(userId);
    return true;
  }

  /** The live shares of a record, to whoever may share it (not to those it is shared with: who else holds it is not theirs to see). */
  async shares(entityName: string, id: string): Promise<ShareView[]> {
    const entity = this.authorize(entityName, 'update');
    await this.#ownRecord(entity, id);
    return sharesOf(this.em.fork() as EntityManager, this.options.directory, entity, id);
  }

  /**
   * A record within the actor's own update scope (their roles and sharing
   * rules, not a share they were given), with its unit; else FORBIDDEN when
   * they can see it, and NOT_FOUND when they cannot, as for a write.
   */
  async #ownRecord(entity: CompiledEntity, id: string): Promise<{ id: string; orgUnitId: string | null }> {
    if (/^[0-9a-f-]{36}$/i.test(id)) {
      const own = withScope({ id, deletedAt: null }, this.#guard.filter(entity, 'update', false));
      const [row] = (await this.em.find(this.#schemas.of(entity), own as never, { fields: ['id', 'orgUnitId'] as never, disableIdentityMap: true })) as { id: string; orgUnitId: string | null }[];
      if (row) return { id: row.id, orgUnitId: row.orgUnitId ?? null };
      if ((await this.#reader.visibleIds(entity, [id], 'update')).length) throw LatticeError.reshareForbidden(entity.name, id);
      if (await this.#reader.get(entity, id, true, ['id'])) throw LatticeError.recordReadOnly(entity.name, id, 'share');
    }
    throw LatticeError.recordNotFound(entity.name, id);
  }

  /** The serve-anywhere and personal-data access log of the units the actor audits. */
  async accessLog(query: { first?: number | null; after?: string | null; kind?: string | null }): Promise<{ entries: AccessLogEntryView[]; hasNextPage: boolean }> {
    await this.options.accessLog.flush();
    return readAccessLog(this.em, this.actor.grants, this.options.directory, query, this.options.maxPageSize);
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

  async createMany(entityName: string, inputs: Record<string, unknown>[]): Promise<StoredRecord[]> {
    const entity = this.entity(entityName);
    const { items } = await this.#write('create', entity, inputs.map((patch, index) => newItem(index, patch, null))).catch((error: unknown) => this.#revealed.refused(entity, error));
    const created = await this.#reader.getMany(entity, items.map((item) => item.id as string));
    await this.#revealed.records(entity, created, undefined, 'create');
    return created;
  }

  async update(entityName: string, id: string, version: number, input: Record<string, unknown>): Promise<StoredRecord> {
    const entity = this.entity(entityName);
    await this.#inScope(entity, id, 'update', () => this.#write('update', entity, [newItem(0, input, id, version)], this.#guard.filter(entity, 'update')).catch((error: unknown) => this.#revealed.refused(entity, error)));
    return this.#fresh(entity, id, 'update');
  }

  async softDelete(entityName: string, id: string, version: number | undefined): Promise<StoredRecord> {
    const entity = this.entity(entityName);
    await this.#inScope(entity, id, 'delete', () => this.#write('softDelete', entity, [newItem(0, {}, id, version)], this.#guard.filter(entity, 'delete')));
    return this.#fresh(entity, id, 'delete');
  }

  async restore(entityName: string, id: string): Promise<StoredRecord> {
    const entity = this.entity(entityName);
    await this.#inScope(entity, id, 'delete', () => this.#write('restore', entity, [newItem(0, {}, id)], this.#guard.filter(entity, 'delete')));
    return this.#fresh(entity, id, 'restore');
  }

  /** One write through the pipeline: the context it passes along, then its steps in one transaction. */
  #write(verb: WriteVerb, entity: CompiledEntity, items: WriteItem[], scope?: Record<string, unknown> | null) {
    return runWritePipeline({ verb, entity, items, services: this.#writes, now: new Date(), ...(scope === undefined ? {} : { scope }) }, this.em, this.#requestTransaction);
  }

  /**
   * The audit log: entries of the records the actor may read with
   * `audit.read`; without it, only of the records they own (and may read).
   * Entries are cut to the fields the actor may read; the personal data they show is logged.
   */
  async audit(query: AuditQuery): Promise<AuditPage> {
    const page = await this.#auditPage(query);
    await this.#revealed.auditEntries(page.entries);
    return page;
  }

  async #auditPage(query: AuditQuery): Promise<AuditPage> {
    if (this.#guard.unrestricted) return queryAudit(this.em, this.model, query, this.options.maxPageSize);
    if (!query.entity) throw LatticeError.invalidInput('entity', 'Name the entity whose audit entries you want', 'Your roles see the audit entries of the records they may read');
    const entity = this.authorize(query.entity, 'read');
    const auditor = this.actor.grants.has('audit.read');
    return queryAudit(this.em, this.model, query, this.options.maxPageSize, {
      scope: this.#guard.scope(entity, 'read'),
      ...(auditor ? {} : { ownedBy: this.actor.id ?? NO_ONE }),
      readable: (name) => this.#guard.fieldNameReadable(entity, name),
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
  async #inScope(entity: CompiledEntity, id: string, operation: 'update' | 'delete', write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof LatticeError && error.code === 'NOT_FOUND' && !this.#guard.unrestricted && (await this.#reader.get(entity, id, true, ['id']))) {
        throw LatticeError.recordReadOnly(entity.name, id, operation === 'update' ? 'change' : 'delete or restore');
      }
      throw error;
    }
  }

  /** The record as the write left it: the answer shows its fields, so it is logged as a read of them. */
  async #fresh(entity: CompiledEntity, id: string, verb: 'update' | 'delete' | 'restore'): Promise<StoredRecord> {
    const [record] = await this.#reader.getMany(entity, [id], true);
    if (!record) throw LatticeError.recordNotFound(entity.name, id);
    await this.#revealed.records(entity, [record], undefined, verb);
    return record;
  }
}

function newItem(index: number, patch: Record<string, unknown>, id: string | null, expectedVersion?: number): WriteItem {
  return { index, patch, id, stored: null, values: {}, changes: {}, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
}
