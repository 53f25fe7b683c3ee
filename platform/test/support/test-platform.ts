import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPlatform, type LatticePlatform } from '../../src/app/lattice-platform.js';

export interface TestPlatform extends LatticePlatform {
  /** POST to the record API. */
  records<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** POST to the admin API. */
  admin<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** Raw SQL on the platform's pool. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; problems?: { code: string; path: string; message: string; hint?: string }[]; [k: string]: unknown } }[];
}

/**
 * A platform on a database of its own: a fresh PGlite folder, or, when
 * DATABASE_URL is set, a fresh database created on that server and dropped
 * afterwards. Real HTTP, real Postgres.
 */
export async function startTestPlatform(options: { dataDir?: string } = {}): Promise<TestPlatform> {
  const serverUrl = process.env['DATABASE_URL'];
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir = options.dataDir;
  let removeDir: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `lattice_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await withAdminClient(serverUrl, (c) => c.query(`create database ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => withAdminClient(serverUrl, (c) => dropWhenClosed(c, name));
  } else if (!dataDir) {
    dataDir = await mkdtemp(join(tmpdir(), 'lattice-test-'));
    const dir = dataDir;
    removeDir = () => rm(dir, { recursive: true, force: true });
  }
  const platform = await startPlatform({ port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}) });
  const post = async (path: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${platform.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphqlResult<any>;
  };
  return Object.assign(Object.create(platform) as LatticePlatform, platform, {
    records: (q: string, v?: Record<string, unknown>) => post('/graphql', q, v),
    admin: (q: string, v?: Record<string, unknown>) => post('/admin/graphql', q, v),
    sql: async (text: string, params: unknown[] = []) => (await platform.database.pool.query(text, params)).rows,
    async stop() {
      await platform.close();
      await dropDatabase?.();
      await removeDir?.();
    },
  }) as TestPlatform;
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Waits (briefly) for the platform's connections to finish closing, so forcing the drop interrupts none of them. */
async function dropWhenClosed(client: pg.Client, name: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.n === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await client.query(`drop database if exists ${name} with (force)`);
}

/** Data of a GraphQL result, or a thrown error with every message, so a test failure says what went wrong. */
export function dataOf<T>(result: GraphqlResult<T>): T {
  if (result.errors?.length) throw new Error(result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
  return result.data as T;
}
