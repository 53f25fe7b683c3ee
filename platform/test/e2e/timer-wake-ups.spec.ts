import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { definePlugin, PLUGIN_API_VERSION, type MetadataSet } from '@lattice/runtime';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { waitUntil } from '../support/cli-process.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { inTransaction } from '../../src/timers/sql-executor.js';
import { SLA_BREACH, slaSubject } from '../../src/sla/sla-timer-payload.js';

// Only wake-ups could create jobs here: the sweep would fire nothing due for hours anyway.
process.env['LATTICE_TIMER_SWEEP_MS'] = '600000';

/** A hook that fails a case's update after it was written (after the transition's timers), so the transition rolls back. */
const failingHook = definePlugin({
  key: 'test-wake-ups',
  apiVersion: PLUGIN_API_VERSION,
  hooks: [{ key: 'fail-on-note', entity: 'wake_case', verbs: ['update'], step: 'afterPersist', run: ({ record }) => {
    if (record['note'] === 'fail') throw new Error('the hook fails on purpose');
  } }],
});

const FIRE = 'mutation($id: ID!, $version: Int!, $transition: String!, $input: JSON) { fireTransition(entity: "WakeCase", id: $id, version: $version, transition: $transition, input: $input) { state } }';

describe('timer wake-ups are sent after their transaction commits', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform({ plugins: [failingHook] });
    const source = structuredClone(lattice.live.current.model.source) as MetadataSet & { workflows?: unknown[] };
    source.entities.push({ kind: 'entity', key: 'wake_case', name: 'WakeCase', fields: [{ key: 'subject', name: 'subject', type: 'text', maxLength: 100, required: true }, { key: 'case_status', name: 'status', type: 'text', maxLength: 48 }, { key: 'note', name: 'note', type: 'text', maxLength: 100 }] } as never);
    source.workflows = [...(source.workflows ?? []), {
      kind: 'workflow', key: 'wake_case_flow', entity: 'wake_case', stateField: 'status', initial: 'open',
      states: [{ key: 'open', timeLimit: { hours: 4, warnAt: 0.5 } }, { key: 'worked', timeLimit: { hours: 8 } }],
      transitions: [{ key: 'work', from: 'open', to: 'worked' }, { key: 'reopen', from: 'worked', to: 'open' }],
    }];
    await lattice.metadata.planAndPublish(source, { actor: SYSTEM_ACTOR });
  });
  afterAll(() => lattice?.stop());

  const timersOf = (recordId: string) => lattice.sql<{ id: string; purpose: string; state: string; kind: string }>(`select id, purpose, state, kind from lattice_timer where subject = $1 order by created_at, purpose`, [slaSubject('wake_case', recordId)]);
  const jobsOf = (ids: string[]) => lattice.sql<{ id: string; n: number }>(`select data->>'id' as id, count(*)::int as n from pgboss.job where name = 'lattice-timer' and data->>'id' = any($1::text[]) group by 1 order by 1`, [ids]);
  const create = async () => {
    const record = await lattice.access().create('WakeCase', { subject: 'A case' });
    return { id: record.id, version: Number(record['version']) };
  };

  it('fires a transition: the left state\'s timers are cancelled, the new one is scheduled, and each new timer gets one job once committed', async () => {
    const record = await create();
    const started = await timersOf(record.id);
    expect(started.map((t) => [t.kind, t.state])).toEqual([[SLA_BREACH, 'scheduled'], ['sla.warning', 'scheduled']]);
    expect(dataOf(await lattice.records(FIRE, { id: record.id, version: record.version, transition: 'work', input: { note: 'ok' } })).fireTransition).toEqual({ state: 'worked' });
    const timers = await timersOf(record.id);
    expect(timers.filter((t) => t.purpose.startsWith('sla:open:')).map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    const fresh = timers.filter((t) => t.purpose.startsWith('sla:worked:'));
    expect(fresh.map((t) => [t.kind, t.state])).toEqual([[SLA_BREACH, 'scheduled']]);
    const ids = timers.map((t) => t.id);
    expect(await waitUntil(async () => (await jobsOf(ids)).length === 3, 5_000, 25)).toBe(true);
    expect((await jobsOf(ids)).every((j) => j.n === 1)).toBe(true);
    expect(lattice.timers.pendingWakeUps).toBe(0);
  });

  it('rolls a failing transition back with its timers: the old ones still run, no new one is stored and nothing is woken', async () => {
    const record = await create();
    await lattice.timers.flushWakeUps();
    const before = await timersOf(record.id);
    const jobsBefore = await lattice.sql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'lattice-timer'`);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failed = await lattice.records(FIRE, { id: record.id, version: record.version, transition: 'work', input: { note: 'fail' } });
      expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL', plugin: 'test-wake-ups', hook: 'fail-on-note' });
    } finally {
      logged.mockRestore();
    }
    await lattice.timers.flushWakeUps();
    expect(await timersOf(record.id)).toEqual(before);
    expect(before.every((t) => t.state === 'scheduled')).toBe(true);
    expect(await lattice.sql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'lattice-timer'`)).toEqual(jobsBefore);
    expect(lattice.timers.pendingWakeUps).toBe(0);
    // The record stays where it was, and the same transition then goes through.
    expect(dataOf(await lattice.records(FIRE, { id: record.id, version: record.version, transition: 'work', input: { note: 'ok' } })).fireTransition).toEqual({ state: 'worked' });
  });

  it('holds a wake-up while its transaction runs: no job inside it, one once it commits', async () => {
    const subject = slaSubject('wake_case', '00000000-0000-4000-8000-000000000001');
    const timer = await inTransaction(lattice.database.pool, async (db) => {
      const scheduled = await lattice.timers.schedule(db, { kind: SLA_BREACH, subject, purpose: 'sla:open:1:breach:0', dueAt: new Date(Date.now() + 3_600_000) });
      const inside = await db.query<{ n: number }>(`select count(*)::int as n from pgboss.job where data->>'id' = $1`, [scheduled.id]);
      expect(inside.rows[0]?.n).toBe(0);
      expect(lattice.timers.pendingWakeUps).toBeGreaterThan(0);
      return scheduled;
    });
    expect(await waitUntil(async () => (await jobsOf([timer.id])).length === 1, 5_000, 25)).toBe(true);
    expect(await jobsOf([timer.id])).toEqual([{ id: timer.id, n: 1 }]);
  });

  it('of 10 fires at once on one record one wins, the others get CONFLICT, and only the winner\'s timer is stored and woken', async () => {
    const record = await create();
    const results = await Promise.all(Array.from({ length: 10 }, () => lattice.records(FIRE, { id: record.id, version: record.version, transition: 'work', input: { note: 'race' } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.['code'])).toEqual(Array(9).fill('CONFLICT'));
    const fresh = (await timersOf(record.id)).filter((t) => t.purpose.startsWith('sla:worked:'));
    expect(fresh).toHaveLength(1);
    expect(await waitUntil(async () => (await jobsOf(fresh.map((t) => t.id))).length === 1, 5_000, 25)).toBe(true);
  });
});
