import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { freePort, freshDatabase, startCli, waitUntil, type CliProcess } from '../support/cli-process.js';
import { openDatabase } from '../../src/database/database.js';
import { readPlatformConfig } from '../../src/config/platform-config.js';
import { TimerEngine } from '../../src/timers/timer-engine.js';
import { TimerHandlerRegistry } from '../../src/timers/timer-handler-registry.js';
import { readTimerConfig } from '../../src/config/timer-config.js';
import { SLA_BREACH } from '../../src/sla/sla-timer-payload.js';

/**
 * `kill -9` with timers due: the built CLI in its own process, killed while
 * it fires, started again; every due timer must have fired exactly once
 * (one escalation row per timer, none missing).
 */
const ADMIN_PASSWORD = 'Crash-test-passw0rd-2026';
const TIMER_ENV = { LATTICE_TIMER_SWEEP_MS: '1000', LATTICE_TIMER_POLL_MS: '500', LATTICE_TIMER_BATCH: '100' };
const payload = () => ({ entity: 'fault', recordId: randomUUID(), step: 'repair', unitId: null, assigneeId: null, escalate: [], level: 0, businessHours: false });

const processes: CliProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cli of processes) cli.signal('SIGKILL');
  await Promise.all(processes.map((cli) => cli.exited));
  for (const cleanup of cleanups) await cleanup();
});

function serve(env: Record<string, string>): CliProcess {
  const cli = startCli(['serve'], { ...env, ...TIMER_ENV, LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
  processes.push(cli);
  return cli;
}

async function kill(cli: CliProcess): Promise<void> {
  cli.signal('SIGKILL');
  expect((await cli.exited).code).toBe(137);
}

type Sql = Awaited<ReturnType<typeof freshDatabase>>['sql'];
async function firingCounts(sql: Sql): Promise<{ timers: number; unfired: number; escalations: number; twice: number }> {
  const [row] = await sql<{ timers: number; unfired: number; escalations: number; twice: number }>(`
    select (select count(*)::int from lattice_timer) as timers,
           (select count(*)::int from lattice_timer where fired_at is null) as unfired,
           (select count(*)::int from lattice_sla_escalation) as escalations,
           (select count(*)::int from (select timer_id from lattice_sla_escalation group by timer_id having count(*) > 1) t) as twice`);
  return row!;
}

describe.skipIf(!!process.env['DATABASE_URL'])('killed on the embedded Postgres with timers due', () => {
  it('fires every overdue timer exactly once after a kill -9 in the middle of catching up', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const port = String(await freePort());
    const first = serve({ ...db.env, PORT: port });
    await first.waitForOutput(/Press Ctrl\+C to stop/);
    await kill(first);

    // Down for a while: 1,500 timers fell due meanwhile, 100 more fall due while it runs.
    const values = Array.from({ length: 1600 }, (_, i) => `('${randomUUID()}', '${SLA_BREACH}', 'fault/${i}', 'sla:repair:1:breach:0', now() + interval '${i < 1500 ? -60 : 20 + (i % 10)} seconds', '${JSON.stringify(payload())}')`);
    await db.sql(`insert into lattice_timer (id, kind, subject, purpose, due_at, payload) values ${values.join(',')}`);

    const second = serve({ ...db.env, PORT: port });
    await second.waitForOutput(/Press Ctrl\+C to stop/);
    await new Promise((r) => setTimeout(r, 1500));
    await kill(second);
    const cut = await firingCounts(db.sql);
    expect(cut.unfired).toBeGreaterThan(100); // killed with due timers left

    const third = serve({ ...db.env, PORT: port });
    await third.waitForOutput(/due timer\(s\) fired after start/, 120_000);
    await new Promise((r) => setTimeout(r, 30_000)); // the 100 due later
    await kill(third);
    expect(await firingCounts(db.sql)).toEqual({ timers: 1600, unfired: 0, escalations: 1600, twice: 0 });
  }, 300_000);
});

describe.skipIf(!process.env['DATABASE_URL'])('two nodes on the server, both killed with timers due', () => {
  it('fires every due timer exactly once across the nodes and a restart', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    // The first start migrates the new database; the second joins it.
    const nodes = [serve({ ...db.env, PORT: String(await freePort()) })];
    await nodes[0]!.waitForOutput(/Press Ctrl\+C to stop/);
    nodes.push(serve({ ...db.env, PORT: String(await freePort()) }));
    await nodes[1]!.waitForOutput(/Press Ctrl\+C to stop/);

    // Scheduled through the engine (rows and pg-boss wake-ups in one transaction), from a third process that fires nothing.
    const database = await openDatabase(readPlatformConfig({ ...process.env, ...db.env }), []);
    const scheduler = new TimerEngine(database, new TimerHandlerRegistry(), readTimerConfig({ LATTICE_TIMERS: 'off' }));
    await scheduler.start();
    const client = await database.pool.connect();
    const start = Date.now();
    try {
      await client.query('begin');
      for (let i = 0; i < 1000; i++) await scheduler.schedule(client, { kind: SLA_BREACH, subject: `fault/${i}`, purpose: 'sla:repair:1:breach:0', dueAt: new Date(start + 2000 + (i % 100) * 30), payload: payload() });
      await client.query('commit');
    } finally {
      client.release();
    }
    await scheduler.stop();
    await database.close();

    // Both nodes killed while the timers fall due.
    await waitUntil(async () => (await firingCounts(db.sql)).escalations > 50, 30_000, 20);
    await Promise.all(nodes.map(kill));
    const cut = await firingCounts(db.sql);
    expect(cut.unfired).toBeGreaterThan(0);
    expect(cut.twice).toBe(0);

    const restarted = [serve({ ...db.env, PORT: String(await freePort()) }), serve({ ...db.env, PORT: String(await freePort()) })];
    expect(await waitUntil(async () => (await firingCounts(db.sql)).unfired === 0, 60_000, 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await firingCounts(db.sql)).toEqual({ timers: 1000, unfired: 0, escalations: 1000, twice: 0 });
    await Promise.all(restarted.map(kill));
  }, 300_000);
});
