import type pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What runs a statement: the pool, a client inside a transaction, or an adapter over an ORM's transaction. */
export interface SqlExecutor {
  query<R = any>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** Runs `work` in one transaction on a client of its own, committing on success and rolling back on failure. */
export async function inTransaction<T>(pool: pg.Pool, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client as SqlExecutor);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Opens the transaction timers fire in: a client of the pool, or an ORM transaction whose entity manager handlers may use. */
export type FiringTransaction = <T>(work: (db: SqlExecutor, em?: EntityManager) => Promise<T>) => Promise<T>;
