import { LRUCache } from 'lru-cache';
import { Cursor, isRaw, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

type Row = Record<string, unknown>;

/** The SQL of one query shape as MikroORM built it, and where in its parameters each value goes. */
interface QueryTemplate {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** For each value taken out of the query, its positions in `params`. */
  readonly slots: readonly (readonly number[])[];
}

interface QueryBuilderSource {
  createQueryBuilderFromOptions(meta: EntityMetadata, where: unknown, options: Row): Promise<{ toQuery(): { sql: string; params: readonly unknown[] } }>;
}

/** A query with its text values taken out: the shape (the cache key) and the values, in the order they were found. */
interface QueryShape {
  readonly key: string;
  readonly where: unknown;
  readonly options: Record<string, unknown>;
  readonly values: readonly string[];
}

/**
 * Shapes kept per version's ORM: the distinct filter, sort, field and
 * page-size combinations the screens ask for (with the row scope's, whose
 * unit lists vary only in length between actors). A client inventing shapes
 * only evicts; the cache goes with the version.
 */
const SHAPES_PER_VERSION = 2000;
type Templates = LRUCache<string, QueryTemplate | 'not-reusable'>;
const byVersion = new WeakMap<object, Templates>();

/** How many shapes were built, reused, or found not reusable since the process started (for tests and diagnostics). */
export const queryTemplateStats = { built: 0, reused: 0, notReusable: 0 };

/** A marker is the name between control characters; JSON shows the characters escaped, so a marker inside a converted value is found by its name. */
const SENTINEL_NAME = 'lattice-value:';
const SENTINEL_MARK = `\u0001${SENTINEL_NAME}`;
const sentinel = (i: number) => `${SENTINEL_MARK}${i}\u0001`;

/**
 * A record query (lists, related lists, references, reads by id) run with the
 * SQL MikroORM built once per shape, with only the values changed: for a
 * page of 50, building the query (criteria, cursor condition, fields) costs
 * the node more CPU than the database spends answering it.
 *
 * The shape is the filter and options with every text value replaced by a
 * marker (numbers, booleans, nulls, dates and raw SQL, such as a sharing
 * rule's subquery, stay part of the shape). The statement built from the
 * markers is kept only when each marker comes out as whole parameters,
 * untouched by any type conversion; otherwise the shape is remembered as not
 * reusable and its queries are built every time. Rows are mapped by
 * MikroORM's own result mapper, so they come out exactly as its `find`
 * returns them.
 */
export async function templatedFind(em: EntityManager, meta: EntityMetadata, where: Row, options: Row): Promise<Row[]> {
  const query = await templatedQuery(em, meta, where, options);
  if (!query) return em.getDriver().find(meta.className as never, where as never, { ctx: em.getTransactionContext(), ...options } as never) as Promise<Row[]>;
  const rows = await em.execute<Row[]>(query.sql, query.params, 'all');
  const mapped = rows.map((row) => em.getDriver().mapResult(row, meta) as Row);
  return options['last'] && !options['first'] ? mapped.reverse() : mapped;
}

/**
 * The SQL of a record query with its parameters (`?` placeholders, raw
 * fragments among the parameters), as `templatedFind` runs it: for the
 * compiled reads (`sql-reads/`), which put record queries into one
 * statement. A shape that is not reusable is built from its values.
 */
export async function recordQuerySql(em: EntityManager, meta: EntityMetadata, where: Row, options: Row): Promise<{ sql: string; params: readonly unknown[] }> {
  const query = await templatedQuery(em, meta, where, options);
  if (query) return query;
  const driver = em.getDriver() as unknown as QueryBuilderSource;
  return (await driver.createQueryBuilderFromOptions(meta, where, { populate: [], orderBy: [], ...options })).toQuery();
}

/** The query's SQL from its shape's template with this query's values, or undefined when its shape has none. */
async function templatedQuery(em: EntityManager, meta: EntityMetadata, where: Row, options: Row): Promise<{ sql: string; params: unknown[] } | undefined> {
  const shape = shapeOf(where, options);
  if (!shape) return undefined;
  const metadata = em.getMetadata();
  let templates = byVersion.get(metadata);
  if (!templates) byVersion.set(metadata, (templates = new LRUCache({ max: SHAPES_PER_VERSION })));
  const key = `${meta.className}|${shape.key}`;
  let template = templates.get(key);
  if (template === undefined) templates.set(key, (template = await buildTemplate(em, meta, shape)));
  else if (template !== 'not-reusable') queryTemplateStats.reused++;
  if (template === 'not-reusable') return undefined;
  const params = [...template.params];
  template.slots.forEach((positions, i) => positions.forEach((at) => (params[at] = shape.values[i])));
  return { sql: template.sql, params };
}

async function buildTemplate(em: EntityManager, meta: EntityMetadata, shape: QueryShape): Promise<QueryTemplate | 'not-reusable'> {
  try {
    // The driver's own builder of `find`'s query (private in its types; the version is pinned and the tests read through both paths).
    const driver = em.getDriver() as unknown as QueryBuilderSource;
    const qb = await driver.createQueryBuilderFromOptions(meta, shape.where, { populate: [], orderBy: [], ...shape.options });
    const { sql, params } = qb.toQuery();
    // One pass over the parameters (not one per value: an `in` of thousands of values would be quadratic).
    const slotOf = new Map(shape.values.map((_, i) => [sentinel(i), i]));
    const slots: number[][] = shape.values.map(() => []);
    params.forEach((p, at) => {
      const i = typeof p === 'string' ? slotOf.get(p) : undefined;
      if (i !== undefined) slots[i]!.push(at);
    });
    const whole = new Set(slots.flat());
    const leaked = sql.includes(SENTINEL_MARK) || params.some((p, at) => !whole.has(at) && JSON.stringify(p ?? null).includes(SENTINEL_NAME));
    if (leaked || slots.some((positions) => positions.length === 0)) {
      queryTemplateStats.notReusable++;
      return 'not-reusable';
    }
    queryTemplateStats.built++;
    return { sql, params, slots };
  } catch {
    queryTemplateStats.notReusable++;
    // A shape the query builder refuses with markers in it is built from the real values every time (and refused there if it must be).
    return 'not-reusable';
  }
}

/** The filter and options with their text values taken out, or undefined when something in them has no shape (an object the walk does not know). */
function shapeOf(where: Row, options: Row): QueryShape | undefined {
  const values: string[] = [];
  const keyParts: string[] = [];
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      keyParts.push('$');
      values.push(value);
      return sentinel(values.length - 1);
    }
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') {
      keyParts.push(JSON.stringify(value ?? null));
      return value;
    }
    if (value instanceof Date) {
      keyParts.push(`date:${value.toISOString()}`);
      return value;
    }
    if (isRaw(value)) {
      keyParts.push(`raw:${JSON.stringify([value.sql, value.params])}`);
      return value;
    }
    if (Array.isArray(value)) {
      keyParts.push('[');
      const out = value.map((item) => {
        const shaped = walk(item);
        keyParts.push(',');
        return shaped;
      });
      keyParts.push(']');
      return out;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.getOwnPropertySymbols(value).length === 0) {
      keyParts.push('{');
      const out: Row = {};
      for (const [name, inner] of Object.entries(value)) {
        keyParts.push(`${JSON.stringify(name)}:`);
        out[name] = walk(inner);
        keyParts.push(',');
      }
      keyParts.push('}');
      return out;
    }
    throw new NoShape();
  };
  try {
    const shapedWhere = walk(where);
    keyParts.push('|');
    // Fields, sort and page size are the shape itself; a keyset cursor's values are values.
    const { after, before, ctx: _ctx, ...rest } = options;
    keyParts.push(JSON.stringify(rest));
    const shapedOptions: Row = { ...rest };
    for (const [name, cursor] of [['after', after], ['before', before]] as const) {
      if (cursor === undefined) continue;
      if (typeof cursor !== 'string') throw new NoShape();
      keyParts.push(`|${name}:`);
      shapedOptions[name] = Cursor.encode(walk(Cursor.decode(cursor)) as never);
    }
    return { key: keyParts.join(''), where: shapedWhere, options: shapedOptions, values };
  } catch {
    // Nothing to reuse (an object the walk does not know, a cursor that cannot be read): the query is built as it is, and refused there if it must be.
    return undefined;
  }
}

class NoShape extends Error {}
