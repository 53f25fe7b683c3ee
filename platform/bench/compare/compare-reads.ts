/**
 * `pnpm bench` (also alone: `BENCH_ONLY=compare`): the two reads of issue 19
 * through Lattice's API as the platform admin and as a hall operator,
 * through PostGraphile 5 on the same tables, and by hand in SQL with the JSON
 * built by Postgres (the limit), on PGlite and, when DATABASE_URL names one,
 * on the Postgres server, at each concurrency, in one run. The load client
 * runs in its own process; every system's answers are first checked equal.
 * Beside them: what a request costs before any record is read
 * (`{ metadataVersion }` against a raw lookup), and Lattice with its compiled
 * reads switched off (the resolvers: the path before them), for the CPU per
 * request before and after.
 * Scale: BENCH_COMPARE_CUSTOMERS (default 10000; 100000 gives ~300k
 * subscriptions), BENCH_COMPARE_ITERATIONS (default 1000 requests per read by
 * id, a quarter of it per page), BENCH_COMPARE_CONCURRENCY (default 1,16).
 */
import pg from 'pg';
import { startLoadClient, type LoadClient, type LoadJob } from '../load-jobs.js';
import { OPERATOR_HALL, startBenchPlatform, type BenchPlatform } from './bench-platform.js';
import { customerById, enterprisePage, latticePageFilter, type BenchRead } from './bench-reads.js';
import { checkSameAnswers, operatorReadableFields } from './same-answers.js';
import { ServerCpu } from './server-cpu.js';
import { startPostgraphile, type PostgraphileProcess } from './start-postgraphile.js';
import { printComparison, type ComparisonRow } from './print-comparison.js';

const customers = Number(process.env['BENCH_COMPARE_CUSTOMERS'] ?? 10_000);
const iterations = Number(process.env['BENCH_COMPARE_ITERATIONS'] ?? 1000);
const concurrencies = (process.env['BENCH_COMPARE_CONCURRENCY'] ?? '1,16').split(',').map(Number);
const serverUrl = process.env['DATABASE_URL'];
// The platform reads DATABASE_URL too: the PGlite half must not land on the server (each server run gets a database of its own).
delete process.env['DATABASE_URL'];

async function main(): Promise<void> {
  if (process.env['BENCH_ONLY'] && process.env['BENCH_ONLY'] !== 'compare') return;
  const client = startLoadClient();
  try {
    await compareOn(client);
    if (serverUrl) await compareOn(client, serverUrl);
    else console.log('\n(Postgres server skipped: set DATABASE_URL to compare on it too)');
  } finally {
    await client.close();
  }
}

async function compareOn(client: LoadClient, server?: string): Promise<void> {
  const bench = await startBenchPlatform(customers, server);
  let postgraphile: PostgraphileProcess | undefined;
  try {
    const { platform } = bench;
    const connection = platform.database.connection;
    postgraphile = await startPostgraphile(connectionString(connection), { poolSize: server ? 16 : 1, prepared: Boolean(server) });
    const raw = new pg.Pool({ ...connection, max: 1 });
    const model = platform.live.current.model;
    const workload = await readWorkload(raw, bench);
    const reads = { byId: customerById(model), operatorById: customerById(model, await operatorReadableFields()), page: enterprisePage(model) };
    await checkSameAnswers(bench, postgraphile.url, raw, reads, workload);
    await raw.end();
    console.log(`\n# Reads compared on ${bench.where === 'PGlite' ? 'PGlite (embedded)' : 'the Postgres server'}: ${bench.seeded}; answers checked equal across systems`);
    const cpu = new ServerCpu({ otherPids: () => [postgraphile?.pid ?? 0], ...(bench.databaseName ? { databaseName: bench.databaseName } : {}) });
    const rows: ComparisonRow[] = [];
    for (const c of concurrencies) {
      const jobs = comparisonJobs(bench, postgraphile.url, reads, workload, c);
      for (const job of jobs) {
        platform.compiledReads.enabled = job.compiled ?? true;
        const before = cpu.sample();
        const measurement = await client.run(job.job);
        const spent = ServerCpu.spent(before, cpu.sample());
        const requests = job.job.iterations + Math.min(50, job.job.iterations);
        rows.push({ read: job.read, system: job.system, concurrency: c, measurement, cpuMsPerRequest: (spent.node + spent.others + spent.postgres) / requests, postgresMsPerRequest: bench.databaseName ? spent.postgres / requests : undefined });
      }
    }
    platform.compiledReads.enabled = true;
    printComparison(rows);
    const { compiled, fallback } = platform.compiledReads.stats;
    console.log(`\noperations compiled: ${compiled}; answered by the resolvers: ${JSON.stringify(Object.fromEntries(Object.entries(fallback).filter(([, n]) => n > 0)))}`);
  } finally {
    await postgraphile?.close();
    await bench.close();
  }
}

/** The ids and cities the reads ask for: random customers, random ones of the operator's hall, the city with the most enterprise customers. */
export interface ReadWorkload {
  readonly ids: readonly string[];
  readonly hallIds: readonly string[];
  readonly hallUnits: readonly string[];
  readonly city: string;
  readonly hallCity: string;
}

async function readWorkload(raw: pg.Pool, bench: BenchPlatform): Promise<ReadWorkload> {
  const ids = (await raw.query<{ id: string }>('select id from customer where deleted_at is null order by random() limit 1000')).rows.map((r) => r.id);
  const units = await raw.query<{ id: string }>(`with recursive scope as (select id from lattice_org_unit where key = $1 union all select u.id from lattice_org_unit u join scope s on u.parent_id = s.id) select id from scope`, [OPERATOR_HALL]);
  const hallUnits = units.rows.map((r) => r.id);
  const hallIds = (await raw.query<{ id: string }>('select id from customer where org_unit_id = any($1::uuid[]) and deleted_at is null order by random() limit 1000', [hallUnits])).rows.map((r) => r.id);
  const [busiest] = (await raw.query<{ city: string }>(`select city from customer where customer_type = 'enterprise' group by 1 order by count(*) desc limit 1`)).rows;
  const [hall] = (await raw.query<{ city: string }>(`select city from customer where org_unit_id = any($1::uuid[]) group by 1 order by count(*) desc limit 1`, [hallUnits])).rows;
  if (!busiest || !hall || ids.length === 0 || hallIds.length === 0) throw new Error(`Too few seeded customers (${bench.seeded}) for the comparison`);
  return { ids, hallIds, hallUnits, city: busiest.city, hallCity: hall.city };
}

interface ComparisonJob {
  readonly read: string;
  readonly system: string;
  readonly job: LoadJob;
  /** false: Lattice with its compiled reads switched off (every field resolved by graphql-js), the path before them. */
  readonly compiled?: boolean;
}

function comparisonJobs(bench: BenchPlatform, postgraphileUrl: string, reads: { byId: BenchRead; operatorById: BenchRead; page: BenchRead }, w: ReadWorkload, concurrency: number): ComparisonJob[] {
  const { platform, tokens } = bench;
  const connection = platform.database.connection;
  const prepared = bench.where === 'server';
  const http = (label: string, url: string, bodies: string[], n: number, token?: string): LoadJob => ({ kind: 'http', label, iterations: n, concurrency, url, method: 'POST', ...(token ? { token } : {}), bodies });
  // PGlite is one session: connections add no parallelism, and parallel extended-protocol queries on several of them
  // trip over each other's unnamed portal ("portal does not exist"). One connection, as the node itself uses there.
  const poolSize = prepared ? concurrency : 1;
  const sql = (label: string, text: string, args: unknown[][], n: number): LoadJob => ({ kind: 'statement', label, iterations: n, concurrency, poolSize, connection, text, prepared, args });
  const api = `${platform.url}/graphql`;
  const body = (query: string, variables: object) => JSON.stringify({ query, variables });
  const pageN = Math.max(1, Math.floor(iterations / 4));
  const byId = 'customer by id, all columns';
  const page = '50 enterprise customers of a city, newest first, + subscriptions';
  const hallById = 'hall operator: customer of the hall by id';
  const hallPage = "hall operator: that page of the hall's city";
  const floor = 'a request that reads no record: { metadataVersion }';
  return [
    { read: floor, system: 'hand SQL lookup by id', job: sql('sql by id', reads.byId.sql, w.ids.map((id) => [id]), iterations) },
    { read: floor, system: 'PostGraphile 5 ({ __typename })', job: http('postgraphile typename', postgraphileUrl, [body('{ __typename }', {})], iterations) },
    { read: floor, system: 'Lattice, platform admin', job: http('lattice metadataVersion', api, [body('{ metadataVersion }', {})], iterations, tokens.admin) },
    { read: byId, system: 'hand SQL (JSON by Postgres)', job: sql('sql by id', reads.byId.sql, w.ids.map((id) => [id]), iterations) },
    { read: byId, system: 'PostGraphile 5', job: http('postgraphile by id', postgraphileUrl, w.ids.map((id) => body(reads.byId.postgraphile, { id })), iterations) },
    { read: byId, system: 'Lattice, platform admin', job: http('lattice admin by id', api, w.ids.map((id) => body(reads.byId.lattice, { id })), iterations, tokens.admin) },
    { read: byId, system: 'Lattice admin, resolvers', compiled: false, job: http('lattice admin by id, resolvers', api, w.ids.map((id) => body(reads.byId.lattice, { id })), iterations, tokens.admin) },
    { read: page, system: 'hand SQL (JSON by Postgres)', job: sql('sql page', reads.page.sql, [[w.city]], pageN) },
    { read: page, system: 'PostGraphile 5', job: http('postgraphile page', postgraphileUrl, [body(reads.page.postgraphile, { city: w.city })], pageN) },
    { read: page, system: 'Lattice, platform admin', job: http('lattice admin page', api, [body(reads.page.lattice, latticePageFilter(w.city))], pageN, tokens.admin) },
    { read: page, system: 'Lattice admin, resolvers', compiled: false, job: http('lattice admin page, resolvers', api, [body(reads.page.lattice, latticePageFilter(w.city))], pageN, tokens.admin) },
    { read: hallById, system: 'hand SQL, scope by hand', job: sql('sql scoped by id', reads.operatorById.scopedSql, w.hallIds.map((id) => [id, w.hallUnits]), iterations) },
    { read: hallById, system: 'Lattice, platform admin', job: http('lattice admin hall by id', api, w.hallIds.map((id) => body(reads.operatorById.lattice, { id })), iterations, tokens.admin) },
    { read: hallById, system: 'Lattice, hall operator', job: http('lattice operator by id', api, w.hallIds.map((id) => body(reads.operatorById.lattice, { id })), iterations, tokens.operator) },
    { read: hallPage, system: 'hand SQL, scope by hand', job: sql('sql scoped page', reads.page.scopedSql, [[w.hallCity, w.hallUnits]], pageN) },
    { read: hallPage, system: 'Lattice, platform admin', job: http('lattice admin hall page', api, [body(reads.page.lattice, latticePageFilter(w.hallCity))], pageN, tokens.admin) },
    { read: hallPage, system: 'Lattice, hall operator', job: http('lattice operator page', api, [body(reads.page.lattice, latticePageFilter(w.hallCity))], pageN, tokens.operator) },
  ];
}

function connectionString(connection: pg.PoolConfig): string {
  if (connection.connectionString) return connection.connectionString;
  return `postgres://${encodeURIComponent(String(connection.user ?? 'postgres'))}@${connection.host ?? '127.0.0.1'}:${connection.port ?? 5432}/${connection.database ?? 'postgres'}`;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
