import type { Database } from './database.js';

/** Advisory lock id under which nodes prepare the database at start, one at a time. */
const START_LOCK = 7_424_512;

/**
 * Runs a node's start-up writes (migrations, built-in rows, the first
 * admin) under a session advisory lock on a connection of its own. Nodes
 * started at once on a fresh server would each create the migrations table,
 * run the same migration and insert the same built-in rows (a duplicate key,
 * a failed start); under the lock the first node prepares the database and
 * the others, once it lets go, find it done. The embedded Postgres has one
 * node and one session: no lock is needed.
 */
export async function underStartLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.embedded) return work();
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [START_LOCK]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [START_LOCK]);
    }
  } finally {
    client.release();
  }
}
