import { Cursor } from '@mikro-orm/core';
import type { CompiledEntity } from '@lattice/runtime';
import { recordCursor } from '../records/record-cursor.js';
import type { RootRead } from './read-plan.js';

/** One row of a compiled page: the record as `nodes` shows it, as `edges { node }` shows it, its cursor values, id and org unit. */
export type PageRow = [nodes: unknown, edgeNode: unknown, cursor: unknown[], id: string, orgUnitId: string | null];

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A compiled page as the connection type answers it: the rows read one past
 * the page (to know whether there is a next one) cut as MikroORM's `Cursor`
 * cuts them, the same page info, and cursors in the list's own format
 * (`record-cursor.ts`) from the sorted fields' values the statement returned.
 */
export function connectionAnswer(
  root: Extract<RootRead, { kind: 'list' }>,
  entity: CompiledEntity,
  orderBy: Record<string, string>,
  options: Record<string, unknown>,
  fetched: PageRow[],
  count: number | null,
): { answer: Record<string, unknown>; rows: PageRow[]; pageInfo: PageInfo } {
  const isLast = !options['first'] && !!options['last'];
  // A backward page is read in reverse order (as `templatedFind` reads it) and shown in the list's order.
  const rows = isLast ? [...fetched].reverse() : fetched;
  const limit = (options['first'] ?? options['last']) as number;
  const more = rows.length > limit;
  if (more) {
    if (isLast) rows.shift();
    else rows.pop();
  }
  const dates = Object.keys(orderBy).map((name) => entity.fieldByName(name)?.storage?.kind === 'date');
  // The driver reads a date as local midnight, and a keyset cursor holds that instant's JSON.
  const values = (row: PageRow) => (dates.includes(true) ? row[2].map((v, i) => (dates[i] && typeof v === 'string' ? localMidnight(v) : v)) : row[2]);
  const cursor = (row: PageRow | undefined) => (row ? recordCursor.wrap(entity, orderBy, Cursor.encode(values(row))) : null);
  const pageInfo: PageInfo = {
    hasNextPage: isLast ? !!options['before'] : more,
    hasPreviousPage: isLast ? more : !!options['after'],
    startCursor: cursor(rows[0]),
    endCursor: cursor(rows[rows.length - 1]),
  };
  const answer: Record<string, unknown> = {};
  for (const item of root.items) {
    if (item.kind === 'typename') answer[item.key] = item.typename;
    else if (item.kind === 'totalCount') answer[item.key] = Number(count ?? 0);
    else if (item.kind === 'nodes') answer[item.key] = rows.map((r) => r[0]);
    else if (item.kind === 'pageInfo') answer[item.key] = Object.fromEntries(item.items.map((i) => [i.key, i.name === '__typename' ? 'PageInfo' : pageInfo[i.name as keyof PageInfo]]));
    else if (item.kind === 'edges') {
      answer[item.key] = rows.map((r) => {
        const edge: Record<string, unknown> = {};
        for (const e of item.items) edge[e.key] = e.name === 'node' ? r[1] : e.name === 'cursor' ? cursor(r) : e.typename;
        return edge;
      });
    }
  }
  return { answer, rows, pageInfo };
}

function localMidnight(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day).toISOString();
}
