import { entityViews, type CompiledEntity, type CompiledModel, type CompiledView } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { RecordFilter } from '../security/filter-to-query.js';

/** The part of a list query a view sets (the access point's `ListArgs` has it). */
export interface ViewedList {
  viewFilter?: { readonly filter: RecordFilter; readonly path: string } | undefined;
  orderByPath?: string | undefined;
  orderBy?: { field: string; direction?: 'ASC' | 'DESC' }[] | null;
  first?: number | null;
  last?: number | null;
  before?: string | null;
}

/** What a list takes from a view: its filter, sort and page size. */
export interface ListViewParts {
  readonly filter?: RecordFilter | null | undefined;
  readonly sort?: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[] | undefined;
  readonly pageSize: number;
}

/**
 * A list query through a view: the view's filter is ANDed with the
 * request's (its problems reported at `<path>.filter`), its sort applies
 * unless the request sorts, its page size unless the request sets one (and
 * never past the API's largest page).
 */
export function withView<A extends ViewedList>(args: A, view: ListViewParts, path: string, maxPageSize: number): A {
  const sorted = !!args.orderBy?.length;
  const sized = args.first != null || args.last != null;
  return {
    ...args,
    ...(view.filter ? { viewFilter: { filter: view.filter, path: `${path}.filter` } } : {}),
    ...(sorted || !view.sort?.length ? {} : { orderBy: view.sort.map((s) => ({ field: s.field, direction: s.direction === 'desc' ? ('DESC' as const) : ('ASC' as const) })), orderByPath: `${path}.sort` }),
    ...(sized ? {} : { [args.before ? 'last' : 'first']: Math.min(view.pageSize, maxPageSize) }),
  };
}

/**
 * A shared view of the entity the user is in the audience of. One they are
 * not is NOT_FOUND exactly as a key no view has: the answer does not tell
 * which views exist for others.
 */
export function sharedView(model: CompiledModel, entity: CompiledEntity, key: string, inAudience: (view: CompiledView) => boolean): CompiledView {
  const view = entityViews(model, entity.key).find((v) => v.key === key);
  if (!view || !inAudience(view)) throw LatticeError.notFound(`View "${key}" of ${entity.pluralName}`);
  return view;
}
