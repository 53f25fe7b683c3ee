import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startPlatform, type LatticePlatform } from '../../src/app/lattice-platform.js';
import type { AuthConfig } from '../../src/config/auth-config.js';
import type { OperationsConfig } from '../../src/config/operations-config.js';
import type { LatticePlugin } from '@lattice/runtime';

/** The bootstrap admin of every test platform. */
/** The key under which a result keeps its response body's text. */
export const RESPONSE_TEXT = Symbol('response text');

export const TEST_ADMIN = { login: 'admin', password: 'test-root-passw0rd' } as const;

/** Whose access token a request carries: the signed-in admin's by default, another one, or none (`null`). */
export interface RequestOptions {
  readonly token?: string | null;
}

export interface SessionResult {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; login: string; displayName: string };
}

export interface TestPlatform extends LatticePlatform {
  /** POST to the record API, as the admin unless `options.token` says otherwise. */
  records<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphqlResult<T>>;
  /** POST to the admin API, as the admin unless `options.token` says otherwise. */
  admin<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphqlResult<T>>;
  /** POST to the sign-in API (sends no token unless `options.token` gives one). */
  signInApi<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphqlResult<T>>;
  /** Signs in over HTTP; throws with the error's code and message when refused. */
  signIn(login: string, password: string): Promise<SessionResult>;
  /** The record and admin APIs as the holder of `token`. */
  as(token: string | null): { records: TestPlatform['records']; admin: TestPlatform['admin'] };
  /** The admin's access token, sent by default; `authorization` is its header for hand-made requests. */
  readonly token: string;
  readonly authorization: { authorization: string };
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
export async function startTestPlatform(options: { dataDir?: string; auth?: Partial<AuthConfig>; operations?: Partial<OperationsConfig>; plugins?: readonly LatticePlugin[] } = {}): Promise<TestPlatform> {
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
  const platform = await startPlatform({ port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}), auth: { adminPassword: TEST_ADMIN.password, ...options.auth }, ...(options.operations ? { operations: options.operations } : {}) }, { ...(options.plugins ? { plugins: options.plugins } : {}) });
  const post = async (path: string, query: string, variables: Record<string, unknown> = {}, token: string | null = null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(`${platform.url}${path}`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    const result = JSON.parse(text) as GraphqlResult<any>;
    // The body as sent, for specs that compare answers byte for byte (not enumerable: it is no part of the result).
    Object.defineProperty(result, RESPONSE_TEXT, { value: text });
    return result;
  };
  const signIn = async (login: string, password: string): Promise<SessionResult> =>
    dataOf(await post('/auth/graphql', SIGN_IN, { login, password })).signIn;
  const { accessToken } = await signIn(TEST_ADMIN.login, TEST_ADMIN.password);
  const as = (token: string | null) => ({
    records: (q: string, v?: Record<string, unknown>) => post('/graphql', q, v, token),
    admin: (q: string, v?: Record<string, unknown>) => post('/admin/graphql', q, v, token),
  });
  const tokenOf = (options?: RequestOptions) => (options?.token === undefined ? accessToken : options.token);
  return Object.assign(Object.create(platform) as LatticePlatform, platform, {
    records: (q: string, v?: Record<string, unknown>, o?: RequestOptions) => post('/graphql', q, v, tokenOf(o)),
    admin: (q: string, v?: Record<string, unknown>, o?: RequestOptions) => post('/admin/graphql', q, v, tokenOf(o)),
    signInApi: (q: string, v?: Record<string, unknown>, o?: RequestOptions) => post('/auth/graphql', q, v, o?.token ?? null),
    signIn,
    as,
    token: accessToken,
    authorization: { authorization: `Bearer ${accessToken}` },
    sql: async (text: string, params: unknown[] = []) => (await platform.database.pool.query(text, params)).rows,
    async stop() {
      await platform.close();
      await dropDatabase?.();
      await removeDir?.();
    },
  }) as TestPlatform;
}

export const SIGN_IN = `mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id login displayName } } }`;

export async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
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

/** A test platform for the enclosing describe (started before its tests, stopped after): call it at describe level. */
export function platformForDescribe(options: Parameters<typeof startTestPlatform>[0] = {}): () => TestPlatform {
  let lattice: TestPlatform | undefined;
  beforeAll(async () => {
    lattice = await startTestPlatform(options);
  });
  afterAll(async () => {
    await lattice?.stop();
  });
  return () => {
    if (!lattice) throw new Error('The test platform has not started');
    return lattice;
  };
}
