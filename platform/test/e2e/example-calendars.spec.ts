import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { addBusinessHours, type CompiledWorkflows } from '@lattice/runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { TELECOM_EXAMPLE } from '../support/example-org.js';
import { openExample } from '../../src/seed/example-package.js';
import { loadExampleCalendars } from '../../src/seed/first-start-example.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { SlaClock } from '../../src/sla/sla-clock.js';
import { slaSubject } from '../../src/sla/sla-timer-payload.js';
import { timersOf } from '../../src/timers/timer-store.js';

describe("the example's business calendars", () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
    const example = openExample(TELECOM_EXAMPLE);
    await lattice.org.importDocument(await example.org(), SYSTEM_ACTOR);
    expect(await loadExampleCalendars(lattice, example)).toBe(4);
    await lattice.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
  });
  afterAll(() => lattice?.stop());

  const deadline = async (unit: string, from: string, hours: number) => addBusinessHours(await lattice.calendars.calendarOf(lattice.org.directory, lattice.org.directory.byKey(unit)!.id), new Date(`${from}+08:00`), hours).toISOString();

  it("gives each part of the operator its hours: head office's lunch break, the hotline round the clock, Wuhou's weekend halls", async () => {
    // Friday 2026-11-27 17:00 + 2 business hours.
    expect(await deadline('sc_cd', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-30T10:00:00+08:00').toISOString());
    expect(await deadline('sc_cc', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-27T19:00:00+08:00').toISOString());
    expect(await deadline('sc_cd_wh_h1', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-28T10:30:00+08:00').toISOString());
    expect(await deadline('sc_cd_om', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-28T10:00:00+08:00').toISOString());
    // Lunch: 11:00 + 2 h at head office resumes at 13:30.
    expect(await deadline('group', '2026-11-30T11:00:00', 2)).toBe(new Date('2026-11-30T14:30:00+08:00').toISOString());
  });

  it('closes for National Day 2026 everywhere but the hotline, and works the make-up Saturday', async () => {
    expect(await deadline('sc_cd', '2026-09-30T17:00:00', 2)).toBe(new Date('2026-10-08T10:00:00+08:00').toISOString());
    expect(await deadline('sc_cc', '2026-09-30T23:00:00', 2)).toBe(new Date('2026-10-01T01:00:00+08:00').toISOString());
    // 2026-10-10 is a Saturday worked in lieu (调休).
    expect(await deadline('sc_cd', '2026-10-09T17:00:00', 2)).toBe(new Date('2026-10-10T10:00:00+08:00').toISOString());
  });

  describe("the work order's limit in business hours, as the time-limit clock schedules it", () => {
    /** Enters the example work order's waiting state at `at` (Beijing time) in `unit`, through the clock the platform runs; answers the breach's due time. */
    async function breachOf(unit: string, at: string): Promise<string> {
      const workflow = lattice.live.current.model.section<CompiledWorkflows>('workflows')?.of('work_order');
      const settings = workflow!.settings('queued');
      const recordId = randomUUID();
      const clock = new SlaClock(lattice.timers, lattice.calendars, () => lattice.org.directory);
      const em = lattice.live.current.orm.em.fork() as EntityManager;
      await em.transactional((tx) =>
        clock.entered({ em: tx as EntityManager, entity: 'work_order', recordId, instanceId: randomUUID(), from: null, to: 'queued', state: settings, unit: lattice.org.directory.byKey(unit)!.id, at: new Date(`${at}+08:00`) }),
      );
      const breach = (await timersOf(lattice.database.pool, slaSubject('work_order', recordId))).find((t) => t.kind === 'sla.breach');
      return breach!.dueAt.toISOString();
    }
    const bj = (at: string) => new Date(`${at}+08:00`).toISOString();

    it('is configured in business hours, not clock hours', () => {
      const limit = lattice.live.current.model.section<CompiledWorkflows>('workflows')?.of('work_order')?.settings('queued').timeLimit;
      expect(limit).toMatchObject({ businessHours: 4 });
      expect(limit).not.toHaveProperty('hours');
    });

    it('started Friday 17:00 it is due the next working day: Monday in a weekday hall, Saturday where the unit works Saturdays', async () => {
      // Jinniu hall keeps head office's week: Friday 17:00–18:00, then Monday 09:00–12:00.
      expect(await breachOf('sc_cd_jn_h1', '2026-11-27T17:00:00')).toBe(bj('2026-11-30T12:00:00'));
      // Wuhou's halls open on Saturdays from 09:30, without a lunch break.
      expect(await breachOf('sc_cd_wh_h1', '2026-11-27T17:00:00')).toBe(bj('2026-11-28T12:30:00'));
    });

    it('counts the time a step used in business hours when the record leaves it: Friday 17:00 to Monday 10:00 is 2 hours', async () => {
      const settings = lattice.live.current.model.section<CompiledWorkflows>('workflows')!.of('work_order')!.settings('queued');
      const clock = new SlaClock(lattice.timers, lattice.calendars, () => lattice.org.directory);
      const em = lattice.live.current.orm.em.fork() as EntityManager;
      const event = { entity: 'work_order', recordId: randomUUID(), instanceId: randomUUID(), unit: lattice.org.directory.byKey('sc_cd_jn_h1')!.id };
      await em.transactional((tx) => clock.entered({ ...event, em: tx as EntityManager, from: null, to: 'queued', state: settings, at: new Date('2026-11-27T17:00:00+08:00') }));
      await em.transactional((tx) => clock.exited({ ...event, em: tx as EntityManager, from: 'queued', to: 'in_progress', state: settings, at: new Date('2026-11-30T10:00:00+08:00') }));
      const [breach] = await lattice.sql(`select state, used_ms::float8 as used, left_at from lattice_timer where subject = $1 and purpose like '%breach:0'`, [slaSubject('work_order', event.recordId)]);
      expect(breach).toMatchObject({ state: 'cancelled', used: 2 * 3_600_000 });
      expect(new Date(breach.left_at).toISOString()).toBe(bj('2026-11-30T10:00:00'));
    });

    it('skips National Day and counts the make-up Saturday (调休) as a working day', async () => {
      // Wednesday 30 September: the holiday runs 1–7 October (Thursday 8 October is worked).
      expect(await breachOf('sc_cd_jn_h1', '2026-09-30T17:00:00')).toBe(bj('2026-10-08T12:00:00'));
      // Friday 9 October 17:00: Saturday 10 October is a working day in lieu, with head office's hours.
      expect(await breachOf('sc_cd_jn_h1', '2026-10-09T17:00:00')).toBe(bj('2026-10-10T12:00:00'));
    });
  });
});
