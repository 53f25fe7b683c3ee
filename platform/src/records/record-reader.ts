import type { RecordSchemas } from '../storage/entity-schemas.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CursorError } from '@mikro-orm/core';
import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { filterToQuery, type RecordFilter } from './filter-to-query.js';
import { toPlainRecord } from './plain-record.js';
import type { StoredRecord } from './record-access.js';
import { assertId } from './record-id.js';

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
}

export interface RecordConnection {
  nodes: StoredRecord[];
  edges: { cursor: string; node: StoredRecord }[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const DEFAULT_PAGE = 50;

export class RecordReader {
  constructor(
    private readonly model: CompiledModel,
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly limits: { maxPageSize: number },
  ) {}

  async get(entity: CompiledEntity, id: string, includeDeleted: boolean): Promise<StoredRecord | null> {
    assertId(id, 'id');
    const row = await this.em.findOne(this.schemas.of(entity), { id, ...(includeDeleted ? {} : { deletedAt: null }) }, { disableIdentityMap: true });
    return row ? toPlainRecord(entity, row as Record<string, unknown>) : null;
  }

  async getMany(entity: CompiledEntity, ids: readonly string[], includeDeleted = false): Promise<StoredRecord[]> {
    const rows = await this.em.find(this.schemas.of(entity), { id: { $in: [...ids] }, ...(includeDeleted ? {} : { deletedAt: null }) }, { disableIdentityMap: true });
    const byId = new Map(rows.map((r) => [(r as { id: string }).id, toPlainRecord(entity, r as Record<string, unknown>)]));
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
      const cursor = await this.em.findByCursor(this.schemas.of(entity), {
        where,
        orderBy,
        includeCount: true,
        disableIdentityMap: true,
        ...(args.last ? { last: pageSize, ...(args.before ? { before: args.before } : {}) } : { first: pageSize, ...(args.after ? { after: args.after } : {}) }),
      } as never);
      const nodes = cursor.items.map((row) => toPlainRecord(entity, row as Record<string, unknown>));
      return {
        nodes,
        edges: cursor.items.map((row, i) => ({ cursor: cursor.from(row), node: nodes[i] as StoredRecord })),
        totalCount: cursor.totalCount ?? 0,
        pageInfo: { hasNextPage: cursor.hasNextPage, hasPreviousPage: cursor.hasPrevPage, startCursor: cursor.startCursor, endCursor: cursor.endCursor },
      };
    } catch (error) {
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
