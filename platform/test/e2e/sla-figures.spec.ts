import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { createComplaint, fire, type RecordCall } from '../support/workflow-calls.js';
import { slaSubject } from '../../src/sla/sla-timer-payload.js';

const FIGURES = `query($unit: String, $groupBy: String, $from: String!, $to: String!) {
  slaFigures(entity: "Complaint", workflow: "complaint_handling", unit: $unit, groupBy: $groupBy, from: $from, to: $to) { unit onTime late onTimeRate meanHandlingSeconds escalations open overdue } }`;

/** SLA figures of the example's complaint process, as the readers of each part of the tree see them. */
describe('SLA figures per unit and period', () => {
  let lattice: TestPlatform;
  let whCounter: RecordCall;
  let jnCounter: RecordCall;
  let glCounter: RecordCall;
  let scAgent: RecordCall;
  const period = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    const callers: RecordCall[] = await Promise.all(['wh.counter', 'jn.counter', 'gl.counter', 'sc.agent'].map(async (login) => (await signedInAs(lattice, login)).records));
    [whCounter, jnCounter, glCounter, scAgent] = callers as [RecordCall, RecordCall, RecordCall, RecordCall];

    // Wuhou hall: one acknowledged at once (on time), one acknowledged after its 2-hour limit ran out (late, escalated), one left open past due.
    const onTime = await createComplaint(whCounter);
    dataOf(await fire(whCounter, 'Complaint', onTime.id, onTime.version, 'acknowledge'));
    const late = await createComplaint(whCounter);
    await lattice.sql(`update lattice_timer set due_at = now() - interval '1 second' where subject = $1 and purpose like 'sla:new:%'`, [slaSubject('complaint', late.id)]);
    await lattice.timers.sweep();
    dataOf(await fire(whCounter, 'Complaint', late.id, late.version, 'acknowledge'));
    const overdue = await createComplaint(whCounter);
    await lattice.sql(`update lattice_workflow_instance set due_at = now() - interval '5 minutes' where record_id = $1`, [overdue.id]);
    // Jinniu hall (Chengdu too) and Gulou hall (Fujian): one acknowledged each.
    for (const counter of [jnCounter, glCounter]) {
      const complaint = await createComplaint(counter);
      dataOf(await fire(counter, 'Complaint', complaint.id, complaint.version, 'acknowledge'));
    }
  });
  afterAll(() => lattice?.stop());

  const figures = async (call: RecordCall, args: { unit?: string; groupBy?: string } = {}) => dataOf(await call(FIGURES, { ...period, ...args })).slaFigures as Array<Record<string, number | string | null>>;

  it("counts on time, late, the time used, escalations and open and overdue work per city, from the transitions' history and timers", async () => {
    const [chengdu, ...others] = await figures(scAgent, { unit: 'sc', groupBy: 'city' });
    expect(others).toEqual([]);
    expect(chengdu).toMatchObject({ unit: 'sc_cd', onTime: 2, late: 1, escalations: 1, open: 4, overdue: 1 });
    expect(chengdu!['onTimeRate']).toBeCloseTo(2 / 3, 5);
    // Two taken at once, one at its limit of 2 hours and a few seconds: the mean is a third of 2 hours and a little.
    expect(chengdu!['meanHandlingSeconds']).toBeGreaterThanOrEqual(2400);
    expect(chengdu!['meanHandlingSeconds']).toBeLessThan(2500);
  });

  it('rows per unit directly below the one asked for, unless grouped by a kind', async () => {
    const byCounty = await figures(scAgent, { unit: 'sc_cd' });
    expect(byCounty.map((r) => [r.unit, r.open])).toEqual([['sc_cd_jn', 1], ['sc_cd_wh', 3]]);
  });

  it('shows a Fujian reader nothing of Sichuan, and a hall counter only their own hall, with 20 asking at once', async () => {
    const fujian = await Promise.all(Array.from({ length: 20 }, () => figures(glCounter, { unit: 'sc' })));
    expect(fujian.every((rows) => rows.length === 0)).toBe(true);
    const everywhere = await figures(glCounter);
    expect(everywhere.map((r) => [r.unit, r.open, r.onTime])).toEqual([['fj', 1, 1]]);
    const hall = await Promise.all(Array.from({ length: 20 }, () => figures(whCounter, { unit: 'sc_cd' })));
    for (const rows of hall) expect(rows.map((r) => [r.unit, r.open, r.onTime, r.late])).toEqual([['sc_cd_wh', 3, 1, 1]]);
  });

  it('refuses a bad period or unit naming the argument, and an entity the caller may not read', async () => {
    const backwards = errorOf(await scAgent(FIGURES, { from: period.to, to: period.from }));
    expect(backwards.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'to', message: 'The period must end after it starts' }] });
    expect(errorOf(await scAgent(FIGURES, { ...period, from: 'yesterday' })).message).toMatch(/"yesterday" is not a date/);
    expect(errorOf(await scAgent(FIGURES, { ...period, unit: 'nowhere' })).message).toMatch(/No org unit "nowhere"/);
    expect(errorOf(await scAgent(FIGURES, { ...period, groupBy: 'planet' })).message).toMatch(/kind "planet"/);
    const installer = (await signedInAs(lattice, 'wh.partner')).records;
    expect(errorOf(await installer(FIGURES, period)).extensions?.code).toBe('FORBIDDEN');
  });
});
