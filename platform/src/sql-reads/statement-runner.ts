import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Runs a compiled read's one statement with its values bound. On a Postgres
 * server each distinct text is a named prepared statement (planned once per
 * connection); the embedded Postgres is one session for every connection,
 * where names would collide, so there it is an unnamed parametrised one.
 */
export class StatementRunner {
  constructor(
    private readonly pool: pg.Pool,
    private readonly prepared: boolean,
  ) {}

  /** The statement's one JSON value (`data`), parsed. */
  async data(text: string, values: readonly unknown[]): Promise<Record<string, unknown>> {
    const query: pg.QueryConfig = { text, values: values as unknown[] };
    if (this.prepared) query.name = `lattice_read_${createHash('sha1').update(text).digest('base64url')}`;
    const result = await this.pool.query<{ data: Record<string, unknown> }>(query);
    return result.rows[0]?.data ?? {};
  }
}
