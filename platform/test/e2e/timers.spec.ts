import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { waitUntil } from '../support/cli-process.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { TIMER_ORG } from '../support/timer-org.js';
import { SLA_BREACH, SLA_WARNING, slaSubject, type SlaTimerPayload } from '../../src/sla/sla-timer-payload.js';
import { cancelTimers, pauseTimers, timersOf } from '../../src/timers/timer-store.js';
import { inTransaction } from '../../src/timers/sql-executor.js';

// Only pg-boss wakes timers here (the sweep would hide a missed wake-up), and they poll fast.
process.env['LATTICE_TIMER_SWEEP_MS'] = '600000';
process.env['LATTICE_TIMER_POLL_MS'] = '500';
process.env['LATTICE_TIMER_RETRY_MS'] = '200';
process.env['LATTICE_TIMER_MAX_ATTEMPTS'] = '2';

describe('timers fire exactly once', () => {
  let lattice: TestPlatform;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    lattice = await startTestPlatform();
    await lattice.org.importDocument(TIMER_ORG, SYSTEM_ACTOR);
    for (const u of await lattice.sql<{ id: string; login: string }>('select id, login from lattice_user')) ids[u.login] = u.id;
    for (const u of await lattice.sql<{ id: string; key: string }>('select id, key from lattice_org_unit')) ids[u.key] = u.id;
  });
  afterAll(() => lattice?.stop());

  const payload = (overrides: Partial<SlaTimerPayload> = {}): SlaTimerPayload => ({ entity: 'complaint', recordId: randomUUID(), step: 'handling', unitId: ids['p1_c1_k1_h1']!, assigneeId: ids['h1.operator']!, escalate: [{ to: 'assigneeSupervisor' }, { to: 'unitHeadAbove' }], level: 0, businessHours: false, ...overrides });
  const escalationsOf = (recordId: string) => lattice.sql<{ kind: string; level: number; login: string | null; target: any }>(`select e.kind, e.level, u.login, e.target from lattice_sla_escalation e left join lattice_user u on u.id = e.target_user_id where e.record_id = $1 order by e.level, e.kind, u.login`, [recordId]);

  it('wakes a due timer through its job and records the escalation once; scheduling the same purpose again finds the first', async () => {
    const p = payload();
    const spec = { kind: SLA_BREACH, subject: slaSubject('complaint', p.recordId), purpose: 'sla:handling:1:breach:0', dueAt: new Date(Date.now() + 800), payload: { ...p } };
    const first = await lattice.timers.schedule(lattice.database.pool, spec);
    const again = await lattice.timers.schedule(lattice.database.pool, { ...spec, dueAt: new Date(Date.now() + 60_000) });
    expect(again.id).toBe(first.id);
    expect(await waitUntil(async () => (await escalationsOf(p.recordId)).length > 0, 10_000)).toBe(true);
    const [timer] = await timersOf(lattice.database.pool, spec.subject);
    expect(timer).toMatchObject({ state: 'fired', attempt: 1 });
    expect(timer!.firedAt!.getTime()).toBeGreaterThanOrEqual(first.dueAt.getTime());
    expect(await escalationsOf(p.recordId)).toEqual([{ kind: 'breach', level: 0, login: 'k1.supervisor', target: { to: 'assigneeSupervisor' } }]);
  });

  it('fires each of 30 due timers once when 20 firings race for them', async () => {
    const records = Array.from({ length: 30 }, () => payload());
    const timers = await inTransaction(lattice.database.pool, async (db) => {
      const scheduled = [];
      for (const p of records) scheduled.push(await lattice.timers.schedule(db, { kind: SLA_WARNING, subject: slaSubject('complaint', p.recordId), purpose: 'sla:handling:1:warning', dueAt: new Date(Date.now() - 1000), payload: { ...p } }));
      return scheduled;
    });
    const fired = await Promise.all(Array.from({ length: 20 }, () => lattice.timers.fire(timers.map((t) => t.id))));
    await lattice.timers.sweep();
    const counts = await lattice.sql<{ n: number }>(`select count(*)::int as n from lattice_sla_escalation where timer_id = any($1::uuid[]) group by timer_id`, [timers.map((t) => t.id)]);
    expect(counts).toHaveLength(30);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(fired.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
  });

  it('escalates a repeated breach one level further each time: supervisor, the head above, then the head above that', async () => {
    const p = payload({ repeatEveryHours: 0.0003 });
    await lattice.timers.schedule(lattice.database.pool, { kind: SLA_BREACH, subject: slaSubject('complaint', p.recordId), purpose: 'sla:handling:1:breach:0', dueAt: new Date(), payload: { ...p } });
    expect(await waitUntil(async () => (await escalationsOf(p.recordId)).length >= 3, 15_000, 100)).toBe(true);
    await cancelTimers(lattice.database.pool, slaSubject('complaint', p.recordId), 'sla:handling:1:');
    const seen = (await escalationsOf(p.recordId)).slice(0, 3).map((e) => `${e.level} ${e.login}`);
    expect(seen).toEqual(['0 k1.supervisor', '1 c1.head', '2 p1.head']);
  });

  it('reaches everyone holding a role in the unit of the given kind, and records an escalation nobody could take', async () => {
    const p = payload({ escalate: [{ to: { role: 'duty_officer', unitLevel: 'city' } }] });
    const q = payload({ escalate: [{ to: { role: 'duty_officer', unitLevel: 'county' } }] });
    for (const x of [p, q]) await lattice.timers.schedule(lattice.database.pool, { kind: SLA_BREACH, subject: slaSubject('complaint', x.recordId), purpose: 'sla:handling:1:breach:0', dueAt: new Date(), payload: { ...x } });
    expect(await waitUntil(async () => (await escalationsOf(q.recordId)).length > 0 && (await escalationsOf(p.recordId)).length > 1, 10_000)).toBe(true);
    expect((await escalationsOf(p.recordId)).map((e) => e.login)).toEqual(['duty.a', 'duty.b']);
    expect(await escalationsOf(q.recordId)).toEqual([{ kind: 'breach', level: 0, login: null, target: { to: { role: 'duty_officer', unitLevel: 'county' }, unresolved: 'nobody holds duty_officer in the county above' } }]);
  });

  it('never fires a cancelled or paused timer, and a resumed one fires at its new time', async () => {
    const [a, b] = [payload(), payload()];
    const soon = new Date(Date.now() + 600);
    await lattice.timers.schedule(lattice.database.pool, { kind: SLA_WARNING, subject: slaSubject('complaint', a.recordId), purpose: 'sla:handling:1:warning', dueAt: soon, payload: { ...a } });
    const paused = await lattice.timers.schedule(lattice.database.pool, { kind: SLA_WARNING, subject: slaSubject('complaint', b.recordId), purpose: 'sla:handling:1:warning', dueAt: soon, payload: { ...b } });
    expect(await cancelTimers(lattice.database.pool, slaSubject('complaint', a.recordId))).toBe(1);
    const [stopped] = await pauseTimers(lattice.database.pool, slaSubject('complaint', b.recordId));
    expect(stopped!.remainingMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2000));
    await lattice.timers.sweep();
    expect(await escalationsOf(a.recordId)).toEqual([]);
    expect(await escalationsOf(b.recordId)).toEqual([]);
    expect(await lattice.timers.resume(lattice.database.pool, paused.id, new Date(Date.now() + 300))).toBe(true);
    expect(await waitUntil(async () => (await escalationsOf(b.recordId)).length === 1, 10_000)).toBe(true);
    expect((await timersOf(lattice.database.pool, slaSubject('complaint', a.recordId)))[0]!.state).toBe('cancelled');
  });

  it('rolls a failing handler back, keeps the reason and retries, then gives up as failed', async () => {
    const subject = `probe/${randomUUID()}`;
    const timer = await lattice.timers.schedule(lattice.database.pool, { kind: 'no.such.kind', subject, purpose: 'p', dueAt: new Date() });
    expect(await waitUntil(async () => (await timersOf(lattice.database.pool, subject))[0]!.state === 'failed', 10_000, 100)).toBe(true);
    const [row] = await timersOf(lattice.database.pool, subject);
    expect(row).toMatchObject({ id: timer.id, state: 'failed', attempt: 2, firedAt: null, lastError: 'no handler for timer kind "no.such.kind" on this node' });
  });

  describe('business calendars in the admin API', () => {
    const CALENDAR = `query($unit: String!) { businessCalendar(unit: $unit) { unit own effective inheritedFrom updatedBy nationalDaysUntil } }`;
    const SET = `mutation($unit: String!, $calendar: JSON!) { setBusinessCalendar(unit: $unit, calendar: $calendar) { unit own effective inheritedFrom updatedBy } }`;
    const CLEAR = `mutation($unit: String!) { clearBusinessCalendar(unit: $unit) { unit own inheritedFrom } }`;
    const provinceHours = [{ from: '08:30', to: '12:00' }, { from: '14:00', to: '17:30' }];

    it("folds a county's own Saturday over the province's week, and the hall below inherits both", async () => {
      const set = await lattice.admin(SET, { unit: 'p1', calendar: { week: { mon: provinceHours, tue: provinceHours, wed: provinceHours, thu: provinceHours, fri: provinceHours } } });
      expect(set.errors).toBeUndefined();
      const county = await lattice.admin(SET, { unit: 'p1_c1_k1', calendar: { week: { sat: [{ from: '09:00', to: '12:00' }] }, exceptions: [{ date: '2026-12-24', hours: [], note: 'county fair' }] } });
      expect(county.data.setBusinessCalendar).toMatchObject({ unit: 'p1_c1_k1', updatedBy: 'admin', inheritedFrom: ['p1', 'p1_c1_k1'] });
      const hall = (await lattice.admin(CALENDAR, { unit: 'p1_c1_k1_h1' })).data.businessCalendar;
      expect(hall).toMatchObject({ own: null, inheritedFrom: ['p1', 'p1_c1_k1'], nationalDaysUntil: expect.stringMatching(/^20\d\d-/) });
      expect(hall.effective).toMatchObject({ timeZone: 'Asia/Shanghai', nationalDays: 'cn', week: { mon: provinceHours, sat: [{ from: '09:00', to: '12:00' }], sun: [] }, exceptions: { '2026-12-24': { hours: [], note: 'county fair' } } });
      const city = (await lattice.admin(CALENDAR, { unit: 'p1_c1' })).data.businessCalendar;
      expect(city.effective.week.sat).toEqual([]);
      // What the timers use: Friday 17:00 + 1 business hour is Saturday 09:30 in the county, Monday 09:00 in the city.
      const { addBusinessHours } = await import('@lattice/runtime');
      const friday = new Date('2026-12-18T17:00:00+08:00');
      expect(addBusinessHours(await lattice.calendars.calendarOf(lattice.org.directory, ids['p1_c1_k1_h1']), friday, 1)).toEqual(new Date('2026-12-19T09:30:00+08:00'));
      expect(addBusinessHours(await lattice.calendars.calendarOf(lattice.org.directory, ids['p1_c1']), friday, 1)).toEqual(new Date('2026-12-21T09:00:00+08:00'));
    });

    it('refuses a bad calendar with every problem at its path, and stores nothing', async () => {
      const before = (await lattice.admin(CALENDAR, { unit: 'p1_c1_k1' })).data.businessCalendar.own;
      const bad = await lattice.admin(SET, { unit: 'p1_c1_k1', calendar: { timeZone: 'Asia/Nowhere', week: { mon: [{ from: '18:00', to: '09:00' }] }, exceptions: [{ date: '2026-12-25', hours: [] }, { date: '2026-12-25', hours: [] }] } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
      expect(bad.errors?.[0]?.extensions?.problems?.map((p) => `${p.code} ${p.path}`)).toEqual(['calendar.unknown-time-zone calendar.timeZone', 'calendar.hours-order calendar.week.mon.0', 'calendar.duplicate-exception calendar.exceptions.1.date']);
      const closed = await lattice.admin(SET, { unit: 'p1_c1', calendar: { week: { mon: [], tue: [], wed: [], thu: [], fri: [] } } });
      expect(closed.errors?.[0]?.extensions?.problems?.map((p) => p.code)).toEqual(['calendar.no-working-time']);
      expect((await lattice.admin(CALENDAR, { unit: 'p1_c1_k1' })).data.businessCalendar.own).toEqual(before);
      expect((await lattice.admin(CALENDAR, { unit: 'p1_c1' })).data.businessCalendar.own).toBeNull();
    });

    it('lets a county admin edit the calendars of their county and below, and nothing above or beside it', async () => {
      const session = await lattice.signIn('county.admin', 'Timer-test-2026-ca');
      const county = lattice.as(session.accessToken);
      const own = await county.admin(SET, { unit: 'p1_c1_k1_h1', calendar: { week: { sun: [{ from: '10:00', to: '16:00' }] } } });
      expect(own.errors).toBeUndefined();
      for (const unit of ['p1_c1', 'p1']) {
        const above = await county.admin(SET, { unit, calendar: { week: { sun: [{ from: '10:00', to: '16:00' }] } } });
        expect(above.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await county.admin(CALENDAR, { unit })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const operator = lattice.as((await lattice.signIn('h1.operator', 'Timer-test-2026-ho')).accessToken);
      expect((await operator.admin(CALENDAR, { unit: 'p1_c1_k1_h1' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await county.admin(CALENDAR, { unit: 'nowhere' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const cleared = await county.admin(CLEAR, { unit: 'p1_c1_k1_h1' });
      expect(cleared.data.clearBusinessCalendar).toEqual({ unit: 'p1_c1_k1_h1', own: null, inheritedFrom: ['p1', 'p1_c1_k1'] });
    });
  });
});
