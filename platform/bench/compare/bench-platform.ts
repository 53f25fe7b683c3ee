import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startPlatform, type LatticePlatform } from '../../src/app/lattice-platform.js';
import { openExample } from '../../src/seed/example-package.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

/** A platform node with the telecom example published and seeded, and the tokens of the users the benchmark reads as. */
export interface BenchPlatform {
  readonly platform: LatticePlatform;
  readonly where: 'PGlite' | 'server';
  readonly seeded: string;
  readonly tokens: { readonly admin: string; readonly operator: string };
  /** The database's name on the server (its backends are the ones whose CPU is counted); undefined on PGlite. */
  readonly databaseName?: string;
  close(): Promise<void>;
}

/** The hall operator the scoped reads run as (Wuhou's first hall, counter role). */
export const OPERATOR_LOGIN = 'wh.counter';
export const OPERATOR_HALL = 'sc_cd_wh_h1';

/** Starts a node on PGlite (no `serverUrl`) or on a fresh database of the server, publishes and seeds the example. */
export async function startBenchPlatform(customers: number, serverUrl?: string): Promise<BenchPlatform> {
  const database = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  const dataDir = database ? undefined : await mkdtemp(join(tmpdir(), 'lattice-compare-'));
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  const platform = await startPlatform({ port: 0, ...(database ? { databaseUrl: database.url } : {}), ...(dataDir ? { dataDir } : {}), auth: { adminPassword } });
  const close = async () => {
    await platform.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const example = openExample(resolve(import.meta.dirname, '../../../examples/telecom-crm'));
    const org = (await example.org()) as { users: { login: string; password: string }[] };
    await platform.org.importDocument(org, SYSTEM_ACTOR);
    await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
    const seed = await example.seed(customers);
    if (!seed) throw new Error('Build the example first: pnpm -r build');
    const result = await loadSeed(platform.database.pool, platform.live.current.model, seed);
    await platform.database.pool.query('analyze');
    const operatorPassword = org.users.find((u) => u.login === OPERATOR_LOGIN)?.password ?? '';
    const tokens = { admin: (await platform.auth.signIn('admin', adminPassword)).accessToken, operator: (await platform.auth.signIn(OPERATOR_LOGIN, operatorPassword)).accessToken };
    const seeded = Object.entries(result.rows).map(([e, n]) => `${n} ${e}`).join(', ');
    return { platform, where: database ? 'server' : 'PGlite', seeded, tokens, ...(database ? { databaseName: database.name } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function createServerDatabase(serverUrl: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `lattice_compare_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
