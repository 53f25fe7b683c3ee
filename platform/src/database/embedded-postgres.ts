import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type pg from 'pg';

export interface EmbeddedPostgres {
  readonly db: PGlite;
  readonly connection: pg.PoolConfig;
  stop(): Promise<void>;
}

/**
 * PGlite (Postgres compiled to WebAssembly) with its data in a local folder,
 * served on a loopback socket so that the same `pg` driver and SQL serve the
 * embedded and the server database alike. PGlite is one session: the socket
 * server queues clients, keeping each transaction on its own connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    db,
    connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
