import type { RecordSchemas } from '../storage/entity-schemas.js';
import { RecordQueries } from './record-queries.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Cursor, CursorError } from '@mikro-orm/core';
import type { CompiledEntity, CompiledModel, FilterUser } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { filterToQuery, type RecordFilter } from '../security/filter-to-query.js';
import { assertFilterWithinLimits, type FilterLimits } from './filter-limits.js';
import { toPlainRecord } from '../storage/plain-record.js';
import type { StoredRecord } from '../storage/stored-record.js';
import { assertId } from '../storage/record-id.js';
import { recordCursor } from './record-cursor.js';
import type { RecordGuard } from '../security/record-guard.js';
import { withScope } from '../security/row-scope.js';

export interface OrderBy {
  field: string;
  direction?: 'ASC' | 'DESC';
}

export interface ListArgs {
  filter?: RecordFilter | null;
  /** A view's filter, ANDed with `filter`; its problems are reported at `path` (`view(arrears).filter`). */
  viewFilter?: { readonly filter: RecordFilter; readonly path: string } | undefined;
  /** Where problems of `orderBy` are reported: a view's sort is reported as the view's. */
  orderByPath?: string | undefined;
  orderBy?: OrderBy[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  includeDeleted?: boolean | null;
  onlyDeleted?: boolean | null;
  /** Count the matching records (an extra query): only when the caller reads totalCount. */
  includeCount?: boolean;
  /** Fields to read (id is always read); all stored fields when absent. */
  fields?: readonly string[];
}

export interface RecordConnection {
  nodes: StoredRecord[];
  edges: { cursor: string; node: StoredRecord }[];
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export class RecordReader {
  readonly #queries: RecordQueries;

  constructor(
    private readonly model: CompiledModel,
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly limits: { maxPageSize: number; defaultPageSize: number; filterLimits: FilterLimits },
    private readonly guard: RecordGuard,
    /** Who `{ $user: … }` operands stand for; none for the platform itself. */
    private readonly user?: FilterUser,
  ) {
    this.#queries = new RecordQueries(em, schemas);
  }

  /** A record within the actor's read scope, or null: one outside it is as absent as one that never existed. */
  async get(entity: CompiledEntity, id: string, includeDeleted: boolean, fields?: readonly string[]): Promise<StoredRecord | null> {
    const { where, options, read } = this.getQuery(entity, id, includeDeleted, fields);
    const [row] = await this.#queries.find(entity, where, options);
    return row ? toPlainRecord(entity, row, read) : null;
  }

  /** The query `get` runs, after its checks: for the compiled reads (`sql-reads/`), which put it into one statement. */
  getQuery(entity: CompiledEntity, id: string, includeDeleted: boolean, fields?: readonly string[]): { where: Record<string, unknown>; options: Record<string, unknown>; read: readonly string[] | undefined } {
    assertId(id, 'id');
    const read = this.#fieldsToRead(entity, fields);
    const where = withScope({ id, ...(includeDeleted ? {} : { deletedAt: null }) }, this.guard.filter(entity, 'read'));
    return { where, options: { limit: 1, ...(read ? { fields: read } : {}) }, read };
  }

  /** Which of these ids are live records within the actor's scope for an operation (read by default). */
  async visibleIds(entity: CompiledEntity, ids: readonly string[], operation: 'read' | 'update' = 'read'): Promise<string[]> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return [];
    const rows = await this.#queries.find(entity, withScope({ id: { $in: valid }, deletedAt: null }, this.guard.filter(entity, operation)), { fields: ['id'] });
    return rows.map((r) => r['id'] as string);
  }

  /** Records just written by the actor (any scope they could write them in), with the fields they may read. */
  async getMany(entity: CompiledEntity, ids: readonly string[], includeDeleted = false): Promise<StoredRecord[]> {
    const read = this.guard.readableFields(entity);
    const rows = await this.#queries.find(entity, { id: { $in: [...ids] }, ...(includeDeleted ? {} : { deletedAt: null }) }, read ? { fields: read } : {});
    const byId = new Map(rows.map((r) => [r['id'] as string, toPlainRecord(entity, r, read)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** `maxPageSize`: the API's limit unless an internal bulk reader (a scan) asks for larger pages. */
  async list(entity: CompiledEntity, args: ListArgs, maxPageSize = this.limits.maxPageSize): Promise<RecordConnection> {
    try {
      const { where, orderBy, fields, options } = this.listQuery(entity, args, maxPageSize);
      const [rows, count] = await Promise.all([
        this.#queries.find(entity, where, options),
        args.includeCount === false ? Promise.resolve(undefined) : this.#queries.count(entity, where),
      ]);
      const cursor = new Cursor(rows, count as never, options as never, this.#queries.metadataOf(entity));
      const nodes = cursor.items.map((row) => toPlainRecord(entity, row as Record<string, unknown>, fields));
      let edges: RecordConnection['edges'] | undefined;
      return {
        nodes,
        // A cursor per record costs two JSON and base64 rounds; most screens read only `nodes` and `pageInfo`.
        get edges() {
          return (edges ??= cursor.items.map((row, i) => ({ cursor: recordCursor.wrap(entity, orderBy, cursor.from(row)) as string, node: nodes[i] as StoredRecord })));
        },
        totalCount: args.includeCount === false ? null : (cursor.totalCount ?? 0),
        pageInfo: { hasNextPage: cursor.hasNextPage, hasPreviousPage: cursor.hasPrevPage, startCursor: recordCursor.wrap(entity, orderBy, cursor.startCursor), endCursor: recordCursor.wrap(entity, orderBy, cursor.endCursor) },
      };
    } catch (error) {
      if (error instanceof LatticeError) throw error;
      if (error instanceof CursorError || (error instanceof Error && /cursor/i.test(error.message))) {
        throw LatticeError.invalidInput(args.before ? 'before' : 'after', 'The cursor is not valid for this list', 'Use a cursor returned by the same list query with the same orderBy');
      }
      throw error;
    }
  }

  /**
   * The query `list` runs, after its checks (page size, filter limits and
   * fields, sort, cursor): for `list` and for the compiled reads
   * (`sql-reads/`), which put it into one statement, so both read the same rows.
   */
  listQuery(entity: CompiledEntity, args: ListArgs, maxPageSize = this.limits.maxPageSize): { where: Record<string, unknown>; orderBy: Record<string, string>; fields: string[] | undefined; options: Record<string, unknown> } {
    const pageSize = this.pageSize(args, maxPageSize);
    assertFilterWithinLimits(args.filter, this.limits.filterLimits);
    const where = this.#where(entity, args);
    const orderBy = this.orderBy(entity, args.orderBy, args.orderByPath ?? 'orderBy');
    // The cursor is made of the sorted fields' values: read them too.
    const requested = this.#fieldsToRead(entity, args.fields);
    const fields = requested ? [...new Set([...requested, ...Object.keys(orderBy)])] : undefined;
    const options = {
      orderBy,
      overfetch: true,
      ...(fields ? { fields } : {}),
      ...(args.last
        ? { last: pageSize, ...(args.before ? { before: recordCursor.unwrap(entity, orderBy, args.before, 'before') } : {}) }
        : { first: pageSize, ...(args.after ? { after: recordCursor.unwrap(entity, orderBy, args.after, 'after') } : {}) }),
    };
    return { where, orderBy, fields, options };
  }

  /**
   * Ids and units of the first `limit` records (in id order) a list's filter
   * matches within the actor's read scope, whatever page was asked: what a
   * filter on personal data confirmed, for the access log.
   */
  async matching(entity: CompiledEntity, args: Pick<ListArgs, 'filter' | 'viewFilter' | 'includeDeleted' | 'onlyDeleted'>, limit: number): Promise<StoredRecord[]> {
    const fields = ['id', 'orgUnitId'];
    const rows = await this.#queries.find(entity, this.#where(entity, args), { fields, orderBy: { id: 'asc' }, limit });
    return rows.map((row) => toPlainRecord(entity, row, fields));
  }

  /** Units of records already read (any scope, deleted or not): whose records an audit page showed. */
  async unitsOf(entity: CompiledEntity, ids: readonly string[]): Promise<StoredRecord[]> {
    const fields = ['id', 'orgUnitId'];
    const rows = await this.#queries.find(entity, { id: { $in: [...ids] } }, { fields });
    return rows.map((row) => toPlainRecord(entity, row, fields));
  }

  /**
   * Ids and units of the records holding these values, in any scope and
   * deleted or not (a unique index spans them all): whose values a duplicate
   * refused to a writer was.
   */
  async holdersOf(entity: CompiledEntity, values: Record<string, unknown>): Promise<StoredRecord[]> {
    const fields = ['id', 'orgUnitId'];
    const rows = await this.#queries.find(entity, values, { fields, limit: 20 });
    return rows.map((row) => toPlainRecord(entity, row, fields));
  }

  /** A list's filter (and its view's), its deleted flags and the actor's read scope, as one MikroORM filter. */
  #where(entity: CompiledEntity, args: Pick<ListArgs, 'filter' | 'viewFilter' | 'includeDeleted' | 'onlyDeleted'>): Record<string, unknown> {
    const rendering = { guard: this.guard.unrestricted ? undefined : this.guard, user: this.user };
    const own = filterToQuery(this.model, entity, args.filter, 'filter', rendering);
    const view = args.viewFilter ? filterToQuery(this.model, entity, args.viewFilter.filter, args.viewFilter.path, rendering) : {};
    const filters = [view, own].filter((c) => Object.keys(c).length);
    const deleted = args.onlyDeleted ? { deletedAt: { $ne: null } } : args.includeDeleted ? {} : { deletedAt: null };
    return withScope({ ...(filters.length > 1 ? { $and: filters } : filters[0]), ...deleted }, this.guard.filter(entity, 'read'));
  }

  /** The asked fields, refused when one is hidden; every readable field when none are asked. */
  #fieldsToRead(entity: CompiledEntity, fields: readonly string[] | undefined): readonly string[] | undefined {
    if (!fields) return this.guard.readableFields(entity);
    this.guard.assertReadable(entity, fields);
    return fields;
  }

  private pageSize(args: ListArgs, maxPageSize: number): number {
    const size = args.last ?? args.first ?? this.limits.defaultPageSize;
    if (size < 0) throw LatticeError.invalidInput(args.last ? 'last' : 'first', 'Page size cannot be negative');
    if (size > maxPageSize) throw LatticeError.limitExceeded('Page size', maxPageSize, size);
    return size;
  }

  /** The requested sort, then id, so every order is total and cursors are stable. */
  private orderBy(entity: CompiledEntity, orderBy: OrderBy[] | null | undefined, path: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [i, item] of (orderBy ?? []).entries()) {
      const field = entity.fieldByName(item.field);
      if (!field || !field.column || !field.type.sortable) {
        throw LatticeError.invalidInput(`${path}[${i}].field`, `${entity.name} cannot be sorted by "${item.field}"`);
      }
      if (!this.guard.fieldReadable(entity, field)) throw LatticeError.fieldHidden(entity.name, field.name, `${path}[${i}].field`, 'sort by');
      out[item.field] = item.direction === 'DESC' ? 'desc' : 'asc';
    }
    if (!('id' in out)) out['id'] = 'asc';
    return out;
  }
}
