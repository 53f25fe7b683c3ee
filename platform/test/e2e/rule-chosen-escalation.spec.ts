import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs, TELECOM_EXAMPLE } from '../support/example-org.js';
import { createComplaint, fire, versionOf, type RecordCall } from '../support/workflow-calls.js';
import { errorOf, PLAN, PUBLISH } from '../support/crm-seed.js';
import { waitUntil } from '../support/cli-process.js';
import { openExample } from '../../src/seed/example-package.js';
import { randomUUID } from 'node:crypto';
import { SLA_BREACH, slaSubject } from '../../src/sla/sla-timer-payload.js';

/**
 * The example's complaint process: late on "acknowledged", a group
 * customer's fault or an urgent complaint escalates to the city company's
 * admin (regional_admin in Chengdu), any other to the assignee's supervisor;
 * chosen on the complaint as it is when the limit runs out.
 */
describe('escalation to a target chosen by rule, on the example complaint process', () => {
  let lattice: TestPlatform;
  let counter: RecordCall;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    counter = (await signedInAs(lattice, 'wh.counter')).records;
    for (const row of await lattice.sql<{ login: string; id: string }>(`select login, id from lattice_user where login in ('wh.counter', 'wh.supervisor', 'cd.admin')`)) ids[row.login] = row.id;
    ids['sc_cd'] = (await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd'`))[0].id;
  });
  afterAll(() => lattice?.stop());

  let firms = 0;
  /** A public customer, or a group customer (an organisation, with its business licence). */
  const customer = async (customerClass: 'public' | 'group') => {
    firms += 1;
    const firm = { customerType: 'enterprise', customerClass, idType: 'business_licence', idNumber: `91510100MA6E${String(firms).padStart(5, '0')}${process.pid % 10}`, industry: 'information_technology' };
    const input = customerInput(`客户 ${customerClass} ${firms}`, customerClass === 'group' ? firm : {});
    return dataOf(await counter(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input })).createCustomer.id as string;
  };
  /** A complaint acknowledged by the Wuhou counter (its assignee): the 24-hour limit of "acknowledged" is running. */
  const acknowledged = async (input: Record<string, unknown>) => {
    const complaint = await createComplaint(counter, input);
    dataOf(await fire(counter, 'Complaint', complaint.id, complaint.version, 'acknowledge'));
    const instance = (await lattice.sql(`select id from lattice_workflow_instance where record_id = $1`, [complaint.id]))[0].id as string;
    await lattice.sql(`update lattice_workflow_instance set assignee_id = $1 where id = $2`, [ids['wh.counter'], instance]);
    return { id: complaint.id, instance };
  };
  /** 24 hours pass: the first breach of "acknowledged" is due; sweeps race for it. */
  const breach = async (recordId: string) => {
    await lattice.sql(`update lattice_timer set due_at = now() - interval '1 second' where subject = $1 and purpose like 'sla:acknowledged:%breach:0'`, [slaSubject('complaint', recordId)]);
    await Promise.all([lattice.timers.sweep(), lattice.timers.sweep()]);
    await lattice.timers.sweep();
  };
  const escalationsOf = (recordId: string) => lattice.sql(`select level, target_user_id as "userId", target_unit_id as "unitId", target from lattice_sla_escalation where record_id = $1 and kind = 'breach'`, [recordId]);
  const historyOf = (instance: string) => lattice.sql(`select comment, details from lattice_workflow_history where instance_id = $1 and kind = 'escalate'`, [instance]);
  const assignmentOf = async (instance: string) => (await lattice.sql(`select assignee_id as "userId", assignee_role as role, assignee_unit_id as "unitId" from lattice_workflow_instance where id = $1`, [instance]))[0];
  const notified = async (instance: string) => (await lattice.sql(`select payload from lattice_workflow_outbox where instance_id = $1 and kind = 'notify'`, [instance])).map((r) => r.payload.users);

  it("sends a group customer's late fault to the city company's admin, once; the stored history keeps which rule chose it, the words people read do not name it", async () => {
    const { id, instance } = await acknowledged({ category: 'fault', customer: await customer('group') });
    await breach(id);
    const city = { role: 'regional_admin', unitLevel: 'city' };
    const when = { all: [{ fact: 'category', operator: 'equal', value: 'fault' }, { fact: 'customer', path: '$.customerClass', operator: 'equal', value: 'group' }] };
    expect(await escalationsOf(id)).toEqual([{ level: 0, userId: null, unitId: ids['sc_cd'], target: { to: city, chosenBy: { branch: 'choose[0]', name: 'group_customer_fault', when } } }]);
    expect(await assignmentOf(instance)).toEqual({ userId: null, role: 'regional_admin', unitId: ids['sc_cd'] });
    const history = await historyOf(instance);
    // The rule reads the customer's class, which a reader of the complaint's history may not: its name stays in the details.
    expect(history.map((h) => h.comment)).toEqual(['Not done within 24 hours in "Being handled" (escalation 1)']);
    expect(history[0].details).toMatchObject({ to: city, chosenBy: { branch: 'choose[0]', name: 'group_customer_fault' }, assigneeRole: 'regional_admin', assigneeUnitId: ids['sc_cd'] });
    expect(await notified(instance)).toEqual([[ids['cd.admin']]]);
    const [message] = (await lattice.sql(`select payload from lattice_workflow_outbox where instance_id = $1 and kind = 'notify'`, [instance])).map((r) => r.payload.message);
    expect(message).toEqual({ en: 'Escalated to you: Not done within 24 hours in "Being handled" (escalation 1)', 'zh-CN': '已升级给您：“处理中”超过24小时未完成（第 1 次升级）' });
    // Sweeping again finds nothing due: the escalation fired exactly once.
    await lattice.timers.sweep();
    expect(await escalationsOf(id)).toHaveLength(1);
    expect(await historyOf(instance)).toHaveLength(1);
  });

  it("takes otherwise when no rule holds: an individual's complaint goes to the assignee's supervisor", async () => {
    const { id, instance } = await acknowledged({ category: 'fault', severity: 'normal', customer: await customer('public') });
    await breach(id);
    expect(await escalationsOf(id)).toEqual([{ level: 0, userId: ids['wh.supervisor'], unitId: null, target: { to: 'assigneeSupervisor', chosenBy: { branch: 'otherwise' } } }]);
    expect(await assignmentOf(instance)).toEqual({ userId: ids['wh.supervisor'], role: null, unitId: null });
    expect((await historyOf(instance)).map((h) => h.comment)).toEqual(['Not done within 24 hours in "Being handled" (escalation 1)']);
  });

  it('chooses on the record as it is when the limit runs out, not as it was when the timer was set', async () => {
    // Normal when acknowledged, made urgent meanwhile: the city company's admin.
    const raised = await acknowledged({ category: 'complaint', severity: 'normal' });
    dataOf(await counter(`mutation($id: ID!, $v: Int!) { updateComplaint(id: $id, version: $v, input: { severity: "urgent" }) { id } }`, { id: raised.id, v: await versionOf(counter, 'Complaint', raised.id) }));
    await breach(raised.id);
    expect((await escalationsOf(raised.id)).map((e) => e.target)).toEqual([{ to: { role: 'regional_admin', unitLevel: 'city' }, chosenBy: { branch: 'choose[1]', name: 'urgent', when: { all: [{ fact: 'severity', operator: 'equal', value: 'urgent' }] } } }]);
    // Urgent when acknowledged, calmed down meanwhile: the assignee's supervisor.
    const calmed = await acknowledged({ category: 'complaint', severity: 'urgent' });
    dataOf(await counter(`mutation($id: ID!, $v: Int!) { updateComplaint(id: $id, version: $v, input: { severity: "normal" }) { id } }`, { id: calmed.id, v: await versionOf(counter, 'Complaint', calmed.id) }));
    await breach(calmed.id);
    expect(await escalationsOf(calmed.id)).toEqual([{ level: 0, userId: ids['wh.supervisor'], unitId: null, target: { to: 'assigneeSupervisor', chosenBy: { branch: 'otherwise' } } }]);
    // A group customer turned into a business one meanwhile: its fault is no longer the group rule's.
    const group = await customer('group');
    const changed = await acknowledged({ category: 'fault', customer: group });
    await lattice.sql(`update customer set customer_class = 'business' where id = $1`, [group]);
    await breach(changed.id);
    expect((await escalationsOf(changed.id)).map((e) => e.target.chosenBy)).toEqual([{ branch: 'otherwise' }]);
  });

  it('chooses again when a firing fails after choosing: nothing of the failed one stays, the retry escalates once on the record as it is then', async () => {
    const { id, instance } = await acknowledged({ category: 'complaint', severity: 'normal' });
    // The escalation row cannot be written: the firing fails after the choice, the history and the new assignment.
    await lattice.sql(`alter table lattice_sla_escalation add constraint escalation_refused check (false) not valid`);
    try {
      await breach(id);
    } finally {
      await lattice.sql(`alter table lattice_sla_escalation drop constraint escalation_refused`);
    }
    const timer = async () => (await lattice.sql(`select fired_at as "firedAt", attempt, last_error as "lastError" from lattice_timer where subject = $1 and purpose like 'sla:acknowledged:%breach:0'`, [slaSubject('complaint', id)]))[0];
    expect(await timer()).toMatchObject({ firedAt: null, lastError: expect.stringContaining('escalation_refused') });
    expect(await historyOf(instance)).toEqual([]);
    expect((await assignmentOf(instance)).userId).toBe(ids['wh.counter']);
    // Made urgent before the retry: the retry chooses on that.
    dataOf(await counter(`mutation($id: ID!, $v: Int!) { updateComplaint(id: $id, version: $v, input: { severity: "urgent" }) { id } }`, { id, v: await versionOf(counter, 'Complaint', id) }));
    await breach(id);
    expect((await escalationsOf(id)).map((e) => e.target.chosenBy.branch)).toEqual(['choose[1]']);
    expect((await historyOf(instance)).map((h) => h.details.chosenBy.name)).toEqual(['urgent']);
    expect((await timer()).firedAt).not.toBeNull();
  });

  it('chooses for a bare timer too (no workflow instance): on the record it names; a record that is gone takes otherwise and says so', async () => {
    const complaint = await createComplaint(counter, { category: 'complaint', severity: 'urgent' });
    const unit = (await lattice.sql(`select org_unit_id as "unitId" from complaint where id = $1`, [complaint.id]))[0].unitId as string;
    const choice = { choose: [{ when: { all: [{ fact: 'severity', operator: 'equal', value: 'urgent' }] }, to: { role: 'regional_admin', unitLevel: 'city' }, name: 'urgent' }], otherwise: 'assigneeSupervisor' as const };
    const place = (recordId: string) =>
      lattice.timers.schedule(lattice.database.pool, { kind: SLA_BREACH, subject: slaSubject('complaint', recordId), purpose: 'sla:handling:1:breach:0', dueAt: new Date(Date.now() - 1000), payload: { entity: 'complaint', recordId, step: 'handling', unitId: unit, assigneeId: ids['wh.counter'], escalate: [{ to: choice }], level: 0, businessHours: false } as never });
    await place(complaint.id);
    const gone = randomUUID();
    await place(gone);
    // Due at once: the node's job worker and the sweeps race for them.
    await Promise.all([lattice.timers.sweep(), lattice.timers.sweep()]);
    expect(await waitUntil(async () => (await escalationsOf(complaint.id)).length > 0 && (await escalationsOf(gone)).length > 0, 10_000)).toBe(true);
    expect(await escalationsOf(complaint.id)).toEqual([{ level: 0, userId: ids['cd.admin'], unitId: ids['sc_cd'], target: { to: choice.choose[0]!.to, chosenBy: { branch: 'choose[0]', name: 'urgent', when: choice.choose[0]!.when } } }]);
    expect(await escalationsOf(gone)).toEqual([{ level: 0, userId: ids['wh.supervisor'], unitId: unit, target: { to: 'assigneeSupervisor', chosenBy: { branch: 'otherwise', errors: [`Complaint ${gone} is gone`] } } }]);
  });

  it('refuses a plan whose rule reads an unknown fact, naming its path, and publishes nothing', async () => {
    const versionBefore = dataOf(await lattice.records(`{ metadataVersion }`)).metadataVersion;
    const source = (await openExample(TELECOM_EXAMPLE).metadata()) as unknown as { workflows: { key: string; states: { key: string; timeLimit?: { escalate: { to: { choose: { when: unknown }[] } }[] } }[] }[] };
    const workflow = source.workflows.find((w) => w.key === 'complaint_handling')!;
    workflow.states.find((s) => s.key === 'acknowledged')!.timeLimit!.escalate[0]!.to.choose[1]!.when = { all: [{ fact: 'severty', operator: 'equal', value: 'urgent' }] };
    const path = 'workflows[complaint_handling].states[acknowledged].timeLimit.escalate[0].to.choose[1].when.all[0].fact';
    for (const result of [await lattice.admin(PLAN, { source }), await lattice.admin(PUBLISH, { source, planHash: 'unreviewed', baseVersion: versionBefore })]) {
      const error = errorOf(result);
      expect(error.extensions?.code).toBe('VALIDATION');
      expect(error.extensions?.problems).toEqual([expect.objectContaining({ code: 'rule.unknown-fact', path, hint: expect.stringContaining('severity') })]);
    }
    expect(dataOf(await lattice.records(`{ metadataVersion }`)).metadataVersion).toBe(versionBefore);
    // The served workflow still chooses on the severity.
    const urgent = await acknowledged({ category: 'complaint', severity: 'urgent' });
    await breach(urgent.id);
    expect((await escalationsOf(urgent.id)).map((e) => e.target.chosenBy.name)).toEqual(['urgent']);
  });
});
