/**
 * Compiled reads against the resolvers and against hand-written SQL with its
 * JSON built by Postgres, on the example data, in one run:
 *
 *   pnpm bench:compiled-reads
 *
 * Two reads: a customer by id with every column, and a page of 50
 * enterprise customers of a city, newest first, with their subscriptions.
 * The API is driven over HTTP by the load client in its own process; the
 * hand-written SQL runs in this process while the node is idle. CPU per
 * request is this process' CPU time (the node's) over the requests of a run.
 * Before measuring, the compiled answer is checked against the resolvers'
 * and the hand-written SQL's. BENCH_CUSTOMERS (default 20000),
 * BENCH_ITERATIONS (default 2000), BENCH_CONCURRENCY (default 1,16);
 * DATABASE_URL for the Postgres server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { CompiledEntity } from '@lattice/runtime';
import { startPlatform, type LatticePlatform } from '../src/app/lattice-platform.js';
import { openExample } from '../src/seed/example-package.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';
import { valueSql } from '../src/sql-reads/value-sql.js';
import { formatRow, measure, type Measurement } from './measure.js';
import { startLoadClient, type LoadClient } from './load-jobs.js';

const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 20_000);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2000);
const CONCURRENCIES = (process.env['BENCH_CONCURRENCY'] ?? '1,16').split(',').map(Number);
const SUBSCRIPTION_FIELDS = ['msisdn', 'status', 'monthlyFee', 'activatedAt'];

interface Row extends Measurement {
  cpuMsPerRequest: number;
}

/** Every stored value field of an entity (no relation): "all columns". */
function valueFields(entity: CompiledEntity): string[] {
  return entity.fields.filter((f) => f.column && !f.relation).map((f) => f.name);
}

/** The JSON object of a row under `alias`, written as one would by hand for these fields. */
function jsonOf(entity: CompiledEntity, names: readonly string[], alias: string): string {
  return `json_build_object(${names.map((n) => `'${n}', ${valueSql(alias, entity.fieldByName(n) as never)}`).join(', ')})`;
}

async function main(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'];
  const databaseName = `lattice_compiled_bench_${process.pid}`;
  let databaseUrl: string | undefined;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'lattice-compiled-bench-'));
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  const platform = await startPlatform({ port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}), auth: { adminPassword } });
  const client = startLoadClient();
  const raw = new pg.Pool({ ...platform.database.connection, max: platform.database.embedded ? 1 : 16 });
  try {
    const example = openExample(resolve(import.meta.dirname, '../../examples/telecom-crm'));
    await platform.org.importDocument(await example.org(), SYSTEM_ACTOR);
    await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
    const seed = await example.seed(CUSTOMERS);
    if (!seed) throw new Error('Build the example first: pnpm -r build');
    const seeded = await loadSeed(platform.database.pool, platform.live.current.model, seed);
    await platform.database.pool.query('analyze');
    const { accessToken } = await platform.auth.signIn('admin', adminPassword);
    console.log(`\n# Compiled reads on ${platform.database.embedded ? 'PGlite (embedded)' : 'the Postgres server'}: ${Object.entries(seeded.rows).map(([e, n]) => `${n} ${e}`).join(', ')}\n`);
    for (const group of await benchCompiledReads(platform, accessToken, raw, client)) {
      const reference = group.at(-1) as Row;
      for (const m of group) console.log(`${formatRow(m)}   CPU ${m.cpuMsPerRequest.toFixed(3)} ms/request`);
      for (const m of group.slice(0, -1)) console.log(`${`  req/s as a share of hand-written SQL's: ${m.label.split('  ')[0]?.trim()}`.padEnd(60)} ${(m.requestsPerSecond / reference.requestsPerSecond).toFixed(2)}`);
      console.log('');
    }
    const { compiled, fallback } = platform.compiledReads.stats;
    console.log(`operations compiled: ${compiled}; answered by the resolvers: ${JSON.stringify(Object.fromEntries(Object.entries(fallback).filter(([, n]) => n > 0)))}`);
  } finally {
    await client.close();
    await raw.end();
    await platform.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  }
}

async function benchCompiledReads(platform: LatticePlatform, token: string, raw: pg.Pool, client: LoadClient): Promise<Row[][]> {
  const model = platform.live.current.model;
  const customer = model.entityByName('Customer') as CompiledEntity;
  const subscription = model.entityByName('Subscription') as CompiledEntity;
  const all = valueFields(customer);
  const ids = (await raw.query<{ id: string }>('select id from customer order by random() limit 1000')).rows.map((r) => r.id);
  const [busiest] = (await raw.query<{ city: string }>(`select city from customer where customer_type = 'enterprise' group by 1 order by count(*) desc limit 1`)).rows;
  if (!busiest || ids.length === 0) throw new Error('No seeded customers');
  const byId = `query($id: ID!) { customer(id: $id) { ${all.join(' ')} } }`;
  const page = `query($f: CustomerFilter) { customers(filter: $f, orderBy: [{ field: createdAt, direction: DESC }], first: 50) { nodes { id name customerCode phone city createdAt subscriptions { ${SUBSCRIPTION_FIELDS.join(' ')} } } } }`;
  const filter = { city: { eq: busiest.city }, customerType: { eq: 'enterprise' } };
  const byIdSql = `select ${jsonOf(customer, all, 'c')} as data from customer c where c.id = $1 and c.deleted_at is null`;
  const pageSql = `select coalesce(json_agg(${jsonOf(customer, ['id', 'name', 'customerCode', 'phone', 'city', 'createdAt'], 'c').slice(0, -1)}, 'subscriptions', (
      select coalesce(json_agg(${jsonOf(subscription, SUBSCRIPTION_FIELDS, 's')} order by s.created_at, s.id), '[]'::json) from subscription s where s.customer_id = c.id and s.deleted_at is null)) order by c.created_at desc, c.id), '[]'::json) as data
    from (select * from customer where city = $1 and customer_type = 'enterprise' and deleted_at is null order by created_at desc, id limit 50) c`;

  // The same data from every path, before anything is timed.
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data: Record<string, any>; errors?: unknown };
  };
  const answers = async (query: string, variables: Record<string, unknown>) => {
    platform.compiledReads.enabled = true;
    const compiled = await post(query, variables);
    platform.compiledReads.enabled = false;
    const resolved = await post(query, variables);
    platform.compiledReads.enabled = true;
    return { compiled, resolved };
  };
  const one = await answers(byId, { id: ids[0] });
  const handOne = (await raw.query(byIdSql, [ids[0]])).rows[0]?.data;
  const list = await answers(page, { f: filter });
  const handPage = (await raw.query(pageSql, [busiest.city])).rows[0]?.data;
  const same = isDeepStrictEqual(one.compiled, one.resolved) && isDeepStrictEqual(one.compiled.data['customer'], handOne) && isDeepStrictEqual(list.compiled, list.resolved) && isDeepStrictEqual(list.compiled.data['customers'].nodes, handPage);
  const lines = (list.compiled.data['customers'].nodes as { subscriptions: unknown[] }[]).reduce((n, c) => n + c.subscriptions.length, 0);
  console.log(`same data from compiled, resolvers and hand-written SQL: ${same ? 'yes' : 'NO'} (page: ${list.compiled.data['customers'].nodes.length} customers of ${busiest.city}, ${lines} subscriptions)`);
  if (!same) throw new Error('The paths answered differently');

  const api = async (label: string, compiled: boolean, iterations: number, concurrency: number, bodies: string[]): Promise<Row> => {
    platform.compiledReads.enabled = compiled;
    return withCpu(iterations, () => client.run({ kind: 'http', label, iterations, concurrency, url: `${platform.url}/graphql`, method: 'POST', token, bodies }));
  };
  const hand = (label: string, iterations: number, concurrency: number, sql: string, args: (i: number) => unknown[]): Promise<Row> =>
    withCpu(iterations, () => measure(label, iterations, concurrency, (i) => raw.query(sql, args(i))));

  const groups: Row[][] = [];
  const byIdBodies = ids.map((id) => JSON.stringify({ query: byId, variables: { id } }));
  const pageBodies = [JSON.stringify({ query: page, variables: { f: filter } })];
  for (const c of CONCURRENCIES) {
    groups.push([
      await api(`compiled   customer(id), all columns   c=${c}`, true, ITERATIONS, c, byIdBodies),
      await api(`resolvers  customer(id), all columns   c=${c}`, false, ITERATIONS, c, byIdBodies),
      await hand(`hand SQL   by id, JSON by Postgres      c=${c}`, ITERATIONS, c, byIdSql, (i) => [ids[i % ids.length]]),
    ]);
    groups.push([
      await api(`compiled   page of 50 + subscriptions  c=${c}`, true, ITERATIONS / 4, c, pageBodies),
      await api(`resolvers  page of 50 + subscriptions  c=${c}`, false, ITERATIONS / 4, c, pageBodies),
      await hand(`hand SQL   page, JSON by Postgres       c=${c}`, ITERATIONS / 4, c, pageSql, () => [busiest.city]),
    ]);
  }
  platform.compiledReads.enabled = true;
  return groups;
}

/** A run's measurement with this process' CPU time per request (user + system). */
async function withCpu(iterations: number, run: () => Promise<Measurement>): Promise<Row> {
  const before = process.cpuUsage();
  const measurement = await run();
  const used = process.cpuUsage(before);
  return { ...measurement, cpuMsPerRequest: (used.user + used.system) / 1000 / (iterations + Math.min(50, iterations)) /* with the warm-up */ };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
