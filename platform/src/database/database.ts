import { EventEmitter } from 'node:events';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { EntitySchema } from '@mikro-orm/postgresql';
import type { PlatformConfig } from '../config/platform-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/**
 * The platform's one connection pool, shared by every metadata version's ORM
 * (each version's MikroORM instance is handed this Kysely client, so swapping
 * versions never opens or closes connections).
 */
export interface Database {
  readonly kysely: Kysely<any>;
  readonly pool: pg.Pool;
  /** Connection settings for other clients (benchmarks, a second process on a server). */
  readonly connection: pg.PoolConfig;
  /** Name of the database (MikroORM checks it exists). */
  readonly name: string;
  /** The feature modules' tables in this database, beside `database/`'s own: every ORM on it describes them. */
  readonly moduleTables: readonly EntitySchema[];
  /** True on the embedded Postgres: one process, one session. */
  readonly embedded: boolean;
  /**
   * On the embedded Postgres, a notification (NOTIFY) comes back on the
   * connection whose statement sent it, since all connections are one
   * session: every connection of the pool hands it on here as a `notification`.
   */
  readonly embeddedNotifications: EventEmitter;
  close(): Promise<void>;
}

/** Opens the pool; `moduleTables` are the feature modules' tables, named by the composition root. */
export async function openDatabase(config: PlatformConfig, moduleTables: readonly EntitySchema[]): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connection: pg.PoolConfig;
  if (config.databaseUrl) {
    connection = { connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: config.operations.databaseConnectTimeoutMs };
    await assertReachable(connection, config.databaseUrl);
  } else {
    embedded = await startEmbeddedPostgres(config.dataDir);
    // PGlite serves one session: a bigger pool would only queue behind it.
    connection = { ...embedded.connection, max: 1 };
  }
  const pool = new pg.Pool(connection);
  // An idle connection the server closes (restart, failover, admin) emits here;
  // unhandled, it would end the process. The pool replaces it on next use.
  pool.on('error', (error) => console.warn(`lattice: idle database connection closed: ${error.message}`));
  const embeddedNotifications = new EventEmitter();
  if (embedded) pool.on('connect', (client) => client.on('notification', (message) => embeddedNotifications.emit('notification', message)));
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    pool,
    connection,
    name: config.databaseUrl ? decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1)) || 'postgres' : 'postgres',
    moduleTables,
    embedded: embedded !== undefined,
    embeddedNotifications,
    async close() {
      await kysely.destroy();
      await embedded?.stop();
    },
  };
}

/** A start on a server it cannot reach stops at once, saying which server and why (never the password). */
async function assertReachable(connection: pg.PoolConfig, url: string): Promise<void> {
  const client = new pg.Client(connection);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    where.password = '';
    const reason = (error as Error).message || (error as { code?: string }).code || 'no answer';
    throw new Error(`Cannot reach the database in DATABASE_URL (${where.host}${where.pathname}): ${reason}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
