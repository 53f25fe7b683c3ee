/**
 * Timers under load, each on a platform and database of its own:
 * - lateness (fired_at − due_at) of timers due in the next seconds, first
 *   with no other timer open (the reference), then with BENCH_TIMERS_OPEN
 *   open timers (default the figure, 100,000) seeded in bulk (rows
 *   by SQL, wake-up jobs a thousand per statement) and due tomorrow;
 * - a restart with BENCH_TIMERS_OVERDUE overdue timers (default the issue's
 *   figure, 10,000): time until every one has fired, and whether
 *   each fired once, beside the same firings written straight through pg.
 * Runs on PGlite, or on the server in DATABASE_URL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPlatform, type LatticePlatform } from '../src/app/lattice-platform.js';
import { inTransaction } from '../src/timers/sql-executor.js';
import { SLA_BREACH } from '../src/sla/sla-timer-payload.js';

const open = Number(process.env['BENCH_TIMERS_OPEN'] ?? 100_000);
const overdue = Number(process.env['BENCH_TIMERS_OVERDUE'] ?? 10_000);
const probes = Number(process.env['BENCH_TIMERS_PROBES'] ?? 200);

export interface Lateness {
  p50: number;
  p99: number;
  max: number;
}

export interface TimerBench {
  open: number;
  scheduleSeconds: number;
  reference: Lateness;
  loaded: Lateness;
  overdue: number;
  restartSeconds: number;
  firedOnce: boolean;
  referenceSeconds: number;
}

const payload = () => JSON.stringify({ entity: 'work_order', recordId: randomUUID(), step: 'install', unitId: null, assigneeId: null, escalate: [], level: 0, businessHours: false });

async function lateness(platform: LatticePlatform, count: number, subject: string): Promise<Lateness> {
  const start = Date.now() + 3_000;
  await inTransaction(platform.database.pool, async (db) => {
    for (let i = 0; i < count; i++) await platform.timers.schedule(db, { kind: SLA_BREACH, subject: `${subject}/${i}`, purpose: 'sla:install:1:breach:0', dueAt: new Date(start + (i % 100) * 100), payload: JSON.parse(payload()) });
  });
  const query = `select extract(epoch from (fired_at - due_at)) * 1000 as ms from lattice_timer where subject like $1 and fired_at is not null`;
  for (let waited = 0; waited < 120_000; waited += 250) {
    const rows = (await platform.database.pool.query<{ ms: number }>(query, [`${subject}/%`])).rows;
    if (rows.length === count) {
      const ms = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
      return { p50: ms[Math.floor(ms.length * 0.5)]!, p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]!, max: ms.at(-1)! };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${subject}: not every timer fired within two minutes`);
}

export async function benchTimers(): Promise<TimerBench> {
  const place = await benchPlace();
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  const start = () => startPlatform({ port: 0, ...place.config, auth: { adminPassword } });
  let platform = await start();
  try {
    const reference = await lateness(platform, probes, 'reference');
    // The open timers (work orders due tomorrow) are seeded in bulk: rows by SQL, wake-ups a thousand per statement.
    let started = performance.now();
    for (let done = 0; done < open; done += 10_000) {
      await inTransaction(platform.database.pool, async (db) => {
        const rows = await db.query<{ id: string; dueAt: Date }>(
          `insert into lattice_timer (id, kind, subject, purpose, due_at, payload)
           select gen_random_uuid(), $1, 'open/' || g, 'sla:install:1:breach:0', now() + interval '1 day' + g * interval '1 millisecond',
             jsonb_build_object('entity', 'work_order', 'recordId', gen_random_uuid(), 'step', 'install', 'unitId', null, 'assigneeId', null, 'escalate', '[]'::jsonb, 'level', 0, 'businessHours', false)
           from generate_series($2::int, $3::int) g returning id, due_at as "dueAt"`,
          [SLA_BREACH, done, Math.min(open, done + 10_000) - 1],
        );
        await platform.timers.wakeAll(db, rows.rows);
      });
    }
    const scheduleSeconds = (performance.now() - started) / 1000;
    const loaded = await lateness(platform, probes, 'loaded');

    // Down: the open timers' due time passes (set back a day), as after an outage.
    await platform.close();
    const setBack = `update lattice_timer set due_at = now() - interval '1 minute' where subject in (select subject from lattice_timer where subject like 'open/%' order by subject limit ${overdue})`;
    if (place.config.databaseUrl) {
      const down = new pg.Client({ connectionString: place.config.databaseUrl });
      await down.connect();
      await down.query(setBack);
      await down.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const down = await PGlite.create(place.config.dataDir as string);
      await down.query(setBack);
      await down.close();
    }
    const before = Date.now();
    platform = await start();
    const firedQuery = `select count(*)::int as n from lattice_timer where subject like 'open/%' and fired_at is not null`;
    while ((await platform.database.pool.query<{ n: number }>(firedQuery)).rows[0]!.n < overdue) await new Promise((r) => setTimeout(r, 100));
    const restartSeconds = (Date.now() - before) / 1000;
    const once = (await platform.database.pool.query<{ timers: number; rows: number }>(`select count(distinct timer_id)::int as timers, count(*)::int as rows from lattice_sla_escalation e join lattice_timer t on t.id = e.timer_id where t.subject like 'open/%'`)).rows[0]!;

    // Reference: the same kind of firing (mark + one escalation row) written straight through pg, a batch per transaction.
    await platform.database.pool.query(`insert into lattice_timer (id, kind, subject, purpose, due_at, payload) select gen_random_uuid(), 'bench.reference', 'raw/' || g, 'p', now() - interval '1 minute', '{}' from generate_series(1, $1) g`, [overdue]);
    started = performance.now();
    for (;;) {
      const fired = await inTransaction(platform.database.pool, async (db) => {
        const ids = (await db.query<{ id: string }>(`select id from lattice_timer where kind = 'bench.reference' and fired_at is null limit 200`)).rows;
        for (const { id } of ids) {
          await db.query(`update lattice_timer set fired_at = now(), state = 'fired' where id = $1 and fired_at is null`, [id]);
          await db.query(`insert into lattice_sla_escalation (id, timer_id, entity_key, record_id, step, kind, level, target, due_at) values (gen_random_uuid(), $1::uuid, 'work_order', $1::text, 'install', 'breach', 0, '{}', now())`, [id]);
        }
        return ids.length;
      });
      if (!fired) break;
    }
    const referenceSeconds = (performance.now() - started) / 1000;
    return { open, scheduleSeconds, reference, loaded, overdue, restartSeconds, firedOnce: once.timers === overdue && once.rows === overdue, referenceSeconds };
  } finally {
    await platform.close();
    await place.cleanup();
  }
}

export function printTimerBench(result: TimerBench): void {
  const row = (l: Lateness) => `p50 ${l.p50.toFixed(0)} ms   p99 ${l.p99.toFixed(0)} ms   max ${l.max.toFixed(0)} ms`;
  console.log(`## Timers: lateness of ${probes} escalations (fired − due), and a restart with overdue timers`);
  console.log(`reference: no other timer open          ${row(result.reference)}`);
  console.log(`with ${result.open} open timers${' '.repeat(Math.max(1, 19 - String(result.open).length))}${row(result.loaded)}   (aim: every one within 5000 ms)`);
  console.log(`  seeding the ${result.open} open timers in bulk (rows by SQL + wake-up jobs)  ${result.scheduleSeconds.toFixed(1)} s`);
  console.log(`restart with ${result.overdue} overdue timers: all fired in ${result.restartSeconds.toFixed(1)} s, each once: ${result.firedOnce ? 'yes' : 'NO'}`);
  console.log(`reference: the same firings straight through pg   ${result.referenceSeconds.toFixed(1)} s   (ratio ${(result.restartSeconds / result.referenceSeconds).toFixed(2)}×, start-up included)\n`);
}

async function benchPlace(): Promise<{ config: { databaseUrl?: string; dataDir?: string }; cleanup: () => Promise<void> }> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'lattice-timer-bench-'));
    return { config: { dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `lattice_timer_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { config: { databaseUrl: url.toString() }, cleanup: () => admin(`drop database if exists ${name} with (force)`) };
}
