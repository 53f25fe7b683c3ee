import type { MetadataEntity } from '../shell/console-metadata.js';

export interface SortOrder {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A page position: the first page, after a page's last row, or before a page's first row. */
export type PageCursor = { after: string } | { before: string } | null;

/**
 * The record API's list query for an entity's columns, one query per page.
 * The total is counted only when asked (`$count`): on a first page, not
 * again on each page after it (a count over a large table costs more than
 * the page itself).
 */
export function listQueryFor(entity: MetadataEntity, columns: readonly string[]): string {
  const type = entity.name;
  return `query List($filter: ${type}Filter, $orderBy: [${type}OrderBy!], $first: Int, $after: String, $last: Int, $before: String, $count: Boolean!) {
  rows: ${entity.pluralName}(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount @include(if: $count)
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id ${columns.join(' ')} }
  }
}`;
}

/** The paging arguments of a page of `size` rows at a cursor. */
export function pageArgs(size: number, cursor: PageCursor): Record<string, unknown> {
  if (cursor && 'before' in cursor) return { last: size, before: cursor.before };
  return { first: size, ...(cursor ? { after: cursor.after } : {}) };
}

export interface ListPage {
  rows: {
    totalCount?: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: Array<Record<string, unknown> & { id: string }>;
  };
}
