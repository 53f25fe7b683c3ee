import type { RecordSchemas } from '../storage/entity-schemas.js';
import { RecordQueries } from './record-queries.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Cursor, CursorError } from '@mikro-orm/core';
import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { filterToQuery, type RecordFilter } from './filter-to-query.js';
import { toPlainRecord } from './plain-record.js';
import type { StoredRecord } from './stored-record.js';
import { assertId } from './record-id.js';
import { recordCursor } from './record-cursor.js';

export interface OrderBy {
  field: string;
  direction?: 'ASC' | 'DESC';
}

export interface ListArgs {
  filter?: RecordFilter | null;
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

const DEFAULT_PAGE = 50;

export class RecordReader {
  readonly #queries: RecordQueries;

  constructor(
    private readonly model: CompiledModel,
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly limits: { maxPageSize: number },
  ) {
    this.#queries = new RecordQueries(em, schemas);
  }

  async get(entity: CompiledEntity, id: string, includeDeleted: boolean, fields?: readonly string[]): Promise<StoredRecord | null> {
    assertId(id, 'id');
    const [row] = await this.#queries.find(entity, { id, ...(includeDeleted ? {} : { deletedAt: null }) }, { limit: 1, ...(fields ? { fields } : {}) });
    return row ? toPlainRecord(entity, row, fields) : null;
  }

  async getMany(entity: CompiledEntity, ids: readonly string[], includeDeleted = false): Promise<StoredRecord[]> {
    const rows = await this.#queries.find(entity, { id: { $in: [...ids] }, ...(includeDeleted ? {} : { deletedAt: null }) });
    const byId = new Map(rows.map((r) => [r['id'] as string, toPlainRecord(entity, r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(entity: CompiledEntity, args: ListArgs): Promise<RecordConnection> {
    const pageSize = this.pageSize(args);
    const where = {
      ...filterToQuery(this.model, entity, args.filter),
      ...(args.onlyDeleted ? { deletedAt: { $ne: null } } : args.includeDeleted ? {} : { deletedAt: null }),
    };
    const orderBy = this.orderBy(entity, args.orderBy);
    try {
      // The cursor is made of the sorted fields' values: read them too.
      const fields = args.fields ? [...new Set([...args.fields, ...Object.keys(orderBy)])] : undefined;
      const options = {
        orderBy,
        overfetch: true,
        ...(fields ? { fields } : {}),
        ...(args.last
          ? { last: pageSize, ...(args.before ? { before: recordCursor.unwrap(entity, orderBy, args.before, 'before') } : {}) }
          : { first: pageSize, ...(args.after ? { after: recordCursor.unwrap(entity, orderBy, args.after, 'after') } : {}) }),
      };
      const [rows, count] = await Promise.all([
        this.#queries.find(entity, where, options),
        args.includeCount === false ? Promise.resolve(undefined) : this.#queries.count(entity, where),
      ]);
      const cursor = new Cursor(rows, count as never, options as never, this.#queries.metadataOf(entity));
      const nodes = cursor.items.map((row) => toPlainRecord(entity, row as Record<string, unknown>, fields));
      return {
        nodes,
        edges: cursor.items.map((row, i) => ({ cursor: recordCursor.wrap(orderBy, cursor.from(row)) as string, node: nodes[i] as StoredRecord })),
        totalCount: args.includeCount === false ? null : (cursor.totalCount ?? 0),
        pageInfo: { hasNextPage: cursor.hasNextPage, hasPreviousPage: cursor.hasPrevPage, startCursor: recordCursor.wrap(orderBy, cursor.startCursor), endCursor: recordCursor.wrap(orderBy, cursor.endCursor) },
      };
    } catch (error) {
      if (error instanceof LatticeError) throw error;
      if (error instanceof CursorError || (error instanceof Error && /cursor/i.test(error.message))) {
        throw LatticeError.invalidInput(args.before ? 'before' : 'after', 'The cursor is not valid for this list', 'Use a cursor returned by the same list query with the same orderBy');
      }
      throw error;
    }
  }

  private pageSize(args: ListArgs): number {
    const size = args.last ?? args.first ?? DEFAULT_PAGE;
    if (size < 0) throw LatticeError.invalidInput(args.last ? 'last' : 'first', 'Page size cannot be negative');
    if (size > this.limits.maxPageSize) throw LatticeError.limitExceeded('Page size', this.limits.maxPageSize, size);
    return size;
  }

  /** The requested sort, then id, so every order is total and cursors are stable. */
  private orderBy(entity: CompiledEntity, orderBy: OrderBy[] | null | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [i, item] of (orderBy ?? []).entries()) {
      const field = entity.fieldByName(item.field);
      if (!field || !field.column || !field.type.sortable) {
        throw LatticeError.invalidInput(`orderBy[${i}].field`, `${entity.name} cannot be sorted by "${item.field}"`);
      }
      out[item.field] = item.direction === 'DESC' ? 'desc' : 'asc';
    }
    if (!('id' in out)) out['id'] = 'asc';
    return out;
  }
}
