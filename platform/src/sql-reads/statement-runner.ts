import { createHash } from 'node:crypto';
import { isRaw } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { toPositional } from './positional-sql.js';

/** Distinct statement texts kept: one per plan and scope shape (the unit lists of a row scope vary only in their values). */
const TEXTS = 2000;

interface Prepared {
  readonly text: string;
  readonly name: string | undefined;
}

/**
 * Runs a compiled read's one statement with its values bound. The text in
 * Postgres's `$n` form (and its name) is made once per distinct `?` text
 * and raw fragments, so a request only binds its values. On a Postgres
 * server each distinct text is a named prepared statement (planned once per
 * connection); the embedded Postgres is one session for every connection,
 * where names would collide, so there it is an unnamed parametrised one.
 */
export class StatementRunner {
  readonly #texts = new LRUCache<string, Prepared>({ max: TEXTS });

  constructor(
    private readonly pool: pg.Pool,
    private readonly prepared: boolean,
  ) {}

  /** The statement's one JSON value (`data`), parsed; `sql` has MikroORM's `?` placeholders, raw fragments among `params`. */
  async data(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>> {
    const values: unknown[] = [];
    const raws: string[] = [];
    flatten(params, values, raws);
    // The raw fragments' text is part of the statement (a sharing rule's subquery, a correlated column).
    const key = raws.length === 0 ? sql : `${sql}\u0000${raws.join('\u0000')}`;
    let statement = this.#texts.get(key);
    if (!statement) {
      const { text } = toPositional(sql, params);
      statement = { text, name: this.prepared ? `lattice_read_${createHash('sha1').update(text).digest('base64url')}` : undefined };
      this.#texts.set(key, statement);
    }
    const query: pg.QueryConfig = { text: statement.text, values };
    if (statement.name) query.name = statement.name;
    const result = await this.pool.query<{ data: Record<string, unknown> }>(query);
    return result.rows[0]?.data ?? {};
  }
}

/** The values as `toPositional` numbers them (a raw fragment's own values in its place), and the raw fragments with their places, in order. */
function flatten(params: readonly unknown[], values: unknown[], raws: string[]): void {
  for (const param of params) {
    if (isRaw(param)) {
      // Where it stands among the values too: the same fragments in other places make another text.
      raws.push(`${values.length}:${param.sql}`);
      flatten(param.params, values, raws);
    } else values.push(param);
  }
}
