/**
 * `pnpm bench`: the generated API against raw SQL through `pg`, in the same
 * run, on the example data; and plan + publish of one new field on an
 * entity with 1M rows. Runs on PGlite, or on the server in DATABASE_URL.
 * Scale: BENCH_CUSTOMERS (default 100000, ~300k subscriptions).
 * BENCH_ONLY=reads runs the read sections and the simulation alone (quicker to iterate on); BENCH_ONLY=simulation the simulation alone;
 * BENCH_ONLY=writes the writes through the pipeline alone (BENCH_WRITES of each, default 1000).
 * BENCH_ONLY=compare skips this run for the comparison with PostGraphile and hand SQL (bench/compare/), which runs after it.
 * BENCH_ONLY=timers the timers alone (BENCH_TIMERS_OPEN, default 100000; BENCH_TIMERS_OVERDUE, default 10000).
 * BENCH_ONLY=workflows workflow transitions against the same update without a workflow alone, through the API and in process,
 *   on PGlite and (DATABASE_URL set) the server in one run (BENCH_TRANSITIONS of each, default 1000).
 * BENCH_ONLY=approvals approval submits and decisions against a plain transition alone (BENCH_DECISIONS of each, default 300).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startPlatform } from '../src/app/lattice-platform.js';
import { openExample } from '../src/seed/example-package.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';
import { formatRow, measure, type Measurement } from './measure.js';
import { benchReads, benchRequestFloor } from './read-bench.js';
import { startLoadClient } from './load-jobs.js';
import { benchScopedReads } from './scoped-read-bench.js';
import { benchOrganisation } from './org-bench.js';
import { benchPublishOnMillionRows } from './publish-bench.js';
import { benchLiveSimulation } from './simulation-bench.js';
import { benchWrites } from './write-bench.js';
import { benchTimers, printTimerBench } from './timer-bench.js';
import { benchTransitions, printTransitionBench } from './workflow-bench.js';
import { benchApprovals } from './approval-bench.js';

const customers = Number(process.env['BENCH_CUSTOMERS'] ?? 100_000);
const serverUrl = process.env['DATABASE_URL'];
const only = process.env['BENCH_ONLY'];
const readsOnly = only === 'reads' || only === 'simulation';

async function main(): Promise<void> {
  if (only === 'compare') return; // bench/compare/compare-reads.ts alone
  if (only === 'timers') return printTimerBench(await benchTimers());
  if (only === 'workflows') return benchWorkflowsOnEachDatabase();
  const { databaseUrl, cleanup } = await benchDatabase(serverUrl);
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'lattice-bench-'));
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  const platform = await startPlatform({ port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}), auth: { adminPassword } });
  const where = platform.database.embedded ? 'PGlite (embedded)' : 'Postgres server';
  try {
    const example = openExample(resolve(import.meta.dirname, '../../examples/telecom-crm'));
    await platform.org.importDocument(await example.org(), SYSTEM_ACTOR);
    await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
    const seed = await example.seed(customers);
    if (!seed) throw new Error('Build the example first: pnpm -r build');
    const seeded = await loadSeed(platform.database.pool, platform.live.current.model, seed);
    console.log(`\n# Lattice benchmark on ${where}`);
    console.log(`seeded ${Object.entries(seeded.rows).map(([e, n]) => `${n} ${e}`).join(', ')} in ${(seeded.milliseconds / 1000).toFixed(1)} s\n`);
    await platform.database.pool.query('analyze');

    const raw = new pg.Pool({ ...platform.database.connection, max: platform.database.embedded ? 1 : 8 });
    // Requests carry a real access token, so the API's numbers include verifying it and its session.
    const { accessToken } = await platform.auth.signIn('admin', adminPassword);
    const client = startLoadClient();
    const printRatios = (groups: Measurement[][]) => {
      for (const group of groups) {
        const sql = group.at(-1);
        if (!sql) continue;
        for (const m of group) console.log(formatRow(m));
        for (const m of group.slice(0, -1)) {
          console.log(`${`  ratio ${m.label.split('  ')[0]?.trim()} / raw SQL (p50)`.padEnd(52)} ${(m.p50 / sql.p50).toFixed(2)}×   (throughput ${(sql.requestsPerSecond / m.requestsPerSecond).toFixed(2)}×)`);
        }
        console.log('');
      }
    };
    const writeRatios = async () => {
      console.log('## Writes through the pipeline (in process, one at a time) vs the same row and audit entry written through pg');
      for (const [pipeline, sql] of await benchWrites(platform, raw) as [Measurement, Measurement][]) {
        console.log(formatRow(pipeline));
        console.log(formatRow(sql));
        console.log(`${'  ratio pipeline / INSERT or UPDATE + audit (p50)'.padEnd(52)} ${(pipeline.p50 / sql.p50).toFixed(2)}×\n`);
      }
    };
    const transitionRatio = async () => {
      const transitions = startLoadClient();
      try {
        printTransitionBench(where, await benchTransitions(platform, transitions, accessToken));
      } finally {
        await transitions.close();
      }
    };
    if (only === 'approvals') {
      console.log('## Approvals through the pipeline (in process, one at a time) vs a plain transition of the same entity');
      const [plain, submit, decide] = await benchApprovals(platform);
      for (const m of [plain, submit, decide]) console.log(formatRow(m));
      console.log(`${'  ratio submit / transition (p50)'.padEnd(52)} ${(submit.p50 / plain.p50).toFixed(2)}×`);
      console.log(`${'  ratio decision / transition (p50)'.padEnd(52)} ${(decide.p50 / plain.p50).toFixed(2)}×\n`);
      await client.close();
      await raw.end();
      return;
    }
    if (only === 'writes') {
      await writeRatios();
      await client.close();
      await raw.end();
      return;
    }
    if (only !== 'simulation') {
      console.log('## Reads (API over HTTP vs the same read in raw SQL through pg; both from the load client, in its own process)');
      printRatios(await benchReads(platform, accessToken, raw, client, measure));
      console.log('## What a request costs before it reads a record (HTTP; then the token and Apollo)');
      printRatios(await benchRequestFloor(platform, accessToken, raw, client));
      const operatorPassword = ((await example.org()) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'wh.counter')?.password ?? '';
      const operatorToken = (await platform.auth.signIn('wh.counter', operatorPassword)).accessToken;
      console.log('## Reads as a hall operator (row scope, sharing rule) vs as the platform admin, over HTTP');
      for (const group of await benchScopedReads(platform, { operator: operatorToken, admin: accessToken }, raw, client)) {
        const [scoped, unscoped] = group as [Measurement, Measurement];
        console.log(formatRow(scoped));
        console.log(formatRow(unscoped));
        console.log(`${'  ratio hall operator / platform admin (p50)'.padEnd(52)} ${(scoped.p50 / unscoped.p50).toFixed(2)}×   (aim: under 1.3×)\n`);
      }
    }
    await client.close();
    if (!readsOnly) await writeRatios();
    if (!readsOnly) await transitionRatio();
    console.log('## Tariff simulation over the live subscriptions (a draft raising the loyalty discount)');
    const simulation = await benchLiveSimulation(platform, accessToken, raw);
    console.log(`subscriptions priced, month ${simulation.month}          ${simulation.subscriptions} (revenue change ${simulation.change})`);
    console.log(`simulateTariff over HTTP (access point) ${(simulation.apiMs / 1000).toFixed(2)} s`);
    console.log(`reference: raw SQL join + runtime       ${(simulation.referenceReadMs / 1000).toFixed(2)} s read + ${(simulation.referencePriceMs / 1000).toFixed(2)} s priced = ${((simulation.referenceReadMs + simulation.referencePriceMs) / 1000).toFixed(2)} s (same totals: ${simulation.sameTotals ? 'yes' : 'NO'})`);
    console.log(`  ratio API / reference                 ${(simulation.apiMs / (simulation.referenceReadMs + simulation.referencePriceMs)).toFixed(2)}×\n`);
    await raw.end();
    if (readsOnly) return;

    console.log('## Plan and publish one new field on an entity with 1,000,000 rows');
    const publish = await benchPublishOnMillionRows(platform);
    console.log(`fill 1M rows (generate_series)          ${(publish.fillMs / 1000).toFixed(1)} s`);
    console.log(`plan                                    ${publish.planMs.toFixed(0)} ms`);
    console.log(`publish (re-plan under lock, DDL, swap) ${publish.publishMs.toFixed(0)} ms`);
    console.log(`plan + publish                          ${(publish.planMs + publish.publishMs).toFixed(0)} ms   (aim: under 1000 ms)`);

    console.log('\n## An organisation of 31 provinces (about 30,000 units)');
    const org = await benchOrganisation(platform);
    console.log(`import ${org.units} units (one org file)     ${(org.importMs / 1000).toFixed(1)} s`);
    console.log(`load the tree into memory               ${org.loadMs.toFixed(0)} ms, ${org.heapMb.toFixed(1)} MB of heap${global.gc ? '' : ' (run node with --expose-gc for an exact figure)'}`);
    console.log(`a province's subtree for row scope      ${org.provinceSubtree.units} units in ${org.provinceSubtree.firstMs.toFixed(2)} ms, then ${org.provinceSubtree.cachedMs.toFixed(3)} ms cached`);
    console.log(`a regional admin's grants               ${org.actorMs.toFixed(1)} ms`);
    console.log('');
    printTimerBench(await benchTimers());
  } finally {
    await platform.close();
    await cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** The transitions on PGlite, then on the server when DATABASE_URL is set: both ratios in one run. */
async function benchWorkflowsOnEachDatabase(): Promise<void> {
  for (const url of [undefined, ...(serverUrl ? [serverUrl] : [])]) {
    const { databaseUrl, cleanup } = await benchDatabase(url);
    const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'lattice-bench-'));
    const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
    // The platform reads DATABASE_URL itself: the embedded round must not see it.
    if (!databaseUrl) delete process.env['DATABASE_URL'];
    const platform = await startPlatform({ port: 0, ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}), auth: { adminPassword } });
    if (serverUrl) process.env['DATABASE_URL'] = serverUrl;
    const client = startLoadClient();
    try {
      const example = openExample(resolve(import.meta.dirname, '../../examples/telecom-crm'));
      await platform.org.importDocument(await example.org(), SYSTEM_ACTOR);
      await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
      const { accessToken } = await platform.auth.signIn('admin', adminPassword);
      printTransitionBench(platform.database.embedded ? 'PGlite (embedded)' : 'Postgres server', await benchTransitions(platform, client, accessToken));
    } finally {
      await client.close();
      await platform.close();
      await cleanup();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }
}

async function benchDatabase(serverUrl: string | undefined): Promise<{ databaseUrl?: string; cleanup: () => Promise<void> }> {
  if (!serverUrl) return { cleanup: async () => undefined };
  const name = `lattice_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
