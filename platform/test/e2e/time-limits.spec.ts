import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { createComplaint, fire, statusOf, type RecordCall } from '../support/workflow-calls.js';
import { timersOf } from '../../src/timers/timer-store.js';
import { slaSubject } from '../../src/sla/sla-timer-payload.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

const HOUR = 3_600_000;

/** The example's complaint process with its time limits (illustrative: acknowledge in 2 h, resolve in 24, 48 in Fucheng's rural county). */
describe('time limits on the example complaint process', () => {
  let lattice: TestPlatform;
  let counter: RecordCall;
  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    counter = (await signedInAs(lattice, 'wh.counter')).records;
  });
  afterAll(() => lattice?.stop());

  const open = async (id: string) => (await timersOf(lattice.database.pool, slaSubject('complaint', id))).filter((t) => t.state === 'scheduled' || t.state === 'paused');
  const hoursAfter = (from: number, at: Date) => Math.round(((at.getTime() - from) / HOUR) * 100) / 100;

  it('schedules the warning and breach of each state on entry and cancels them on exit', async () => {
    const before = Date.now();
    const complaint = await createComplaint(counter);
    const entered = await open(complaint.id);
    expect(entered.map((t) => [t.kind, hoursAfter(before, t.dueAt)])).toEqual([['sla.warning', 1.5], ['sla.breach', 2]]);
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    const all = await timersOf(lattice.database.pool, slaSubject('complaint', complaint.id));
    expect(all.filter((t) => t.purpose.startsWith('sla:new:')).map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    expect((await open(complaint.id)).map((t) => [t.kind, hoursAfter(before, t.dueAt)])).toEqual([['sla.warning', 18], ['sla.breach', 24]]);
    const status = await statusOf(counter, 'Complaint', complaint.id);
    expect(hoursAfter(before, new Date(status.dueAt))).toBe(24);
  });

  it("gives a complaint in Fucheng's rural county the county layer's 48 hours", async () => {
    await lattice.org.importDocument({ users: [{ login: 'fc.counter', displayName: 'Fucheng counter', password: 'Fucheng-counter-2026', positions: [{ unit: 'sc_my_fc_h1', role: 'counter_operator', primary: true }] }] }, SYSTEM_ACTOR);
    const fucheng = lattice.as((await lattice.signIn('fc.counter', 'Fucheng-counter-2026')).accessToken).records;
    const before = Date.now();
    const complaint = await createComplaint(fucheng);
    dataOf(await fire(fucheng, 'Complaint', complaint.id, 1, 'acknowledge'));
    expect((await open(complaint.id)).map((t) => [t.kind, hoursAfter(before, t.dueAt)])).toEqual([['sla.warning', 36], ['sla.breach', 48]]);
  });

  it('stops the clock while waiting for the customer and resumes it with the time that was left', async () => {
    const complaint = await createComplaint(counter);
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    const [, breach] = await open(complaint.id);
    dataOf(await fire(counter, 'Complaint', complaint.id, 2, 'ask_customer'));
    const paused = await open(complaint.id);
    expect(paused.map((t) => t.state)).toEqual(['paused', 'paused']);
    const left = paused.find((t) => t.kind === 'sla.breach')!.remainingMs!;
    expect(left).toBeGreaterThan(23.9 * HOUR);
    // Three hours later (the pause's stored time left is what counts, not the clock).
    await new Promise((r) => setTimeout(r, 300));
    const resumedAt = Date.now();
    dataOf(await fire(counter, 'Complaint', complaint.id, 3, 'customer_replied'));
    const resumed = await open(complaint.id);
    expect(resumed.map((t) => t.state)).toEqual(['scheduled', 'scheduled']);
    const due = resumed.find((t) => t.kind === 'sla.breach')!.dueAt.getTime();
    expect(due - resumedAt).toBeGreaterThanOrEqual(left - 1000);
    expect(due).toBeGreaterThan(breach!.dueAt.getTime());
  });

  it("escalates a breached limit to the assignee's supervisor through the workflow: the work moves, the history says why, one escalation row", async () => {
    const complaint = await createComplaint(counter);
    const instance = (await lattice.sql(`select id from lattice_workflow_instance where record_id = $1`, [complaint.id]))[0].id;
    const whCounter = (await lattice.sql(`select id from lattice_user where login = 'wh.counter'`))[0].id;
    await lattice.sql(`update lattice_workflow_instance set assignee_id = $1 where id = $2`, [whCounter, instance]);
    // Two hours pass: the breach is due.
    await lattice.sql(`update lattice_timer set due_at = now() - interval '1 second' where subject = $1 and purpose like 'sla:new:%breach:0'`, [slaSubject('complaint', complaint.id)]);
    await Promise.all([lattice.timers.sweep(), lattice.timers.sweep()]);
    await lattice.timers.sweep();
    const escalations = await lattice.sql(`select e.kind, e.level, u.login from lattice_sla_escalation e left join lattice_user u on u.id = e.target_user_id where e.record_id = $1`, [complaint.id]);
    expect(escalations).toEqual([{ kind: 'breach', level: 0, login: 'wh.supervisor' }]);
    const history = await lattice.sql(`select kind, comment from lattice_workflow_history where instance_id = $1 and kind = 'escalate'`, [instance]);
    expect(history).toEqual([{ kind: 'escalate', comment: 'Not done within 2 hours in "New" (escalation 1)' }]);
    const assignee = (await lattice.sql(`select u.login from lattice_workflow_instance i join lattice_user u on u.id = i.assignee_id where i.id = $1`, [instance]))[0];
    expect(assignee.login).toBe('wh.supervisor');
  });
});
