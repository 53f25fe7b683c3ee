import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { customerInput, publishExampleWithOrg, signedInAs, TELECOM_EXAMPLE } from '../support/example-org.js';
import { createComplaint, fire, statusOf, TASK_FIELDS, type RecordCall } from '../support/workflow-calls.js';
import { openExample } from '../../src/seed/example-package.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

describe('work queues: the installers take the work orders an accepted order becomes', () => {
  let lattice: TestPlatform;
  let counter: RecordCall;
  let installer: RecordCall;
  let userId: (login: string) => Promise<string>;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    counter = (await signedInAs(lattice, 'wh.counter')).records;
    installer = (await signedInAs(lattice, 'cd.installer')).records;
    userId = async (login) => (await lattice.sql(`select id from lattice_user where login = $1`, [login]))[0].id;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  /** An order accepted at the counter with `items` items, dispatched: answers its work orders' ids. */
  async function dispatchedOrder(items: number): Promise<string[]> {
    const product = await lattice.access().create('Product', { code: `BB${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: 'Broadband 500M', category: 'broadband', monthlyFee: '129.00' });
    const customer = dataOf(await counter(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: customerInput('装机客户') })).createCustomer;
    const order = dataOf(await counter(`mutation($input: CustomerOrderCreateInput!) { createCustomerOrder(input: $input) { id version } }`, { input: { customer: customer.id, channel: 'hall', orderType: 'new' } })).createCustomerOrder;
    for (let i = 0; i < items; i++) dataOf(await counter(`mutation($input: OrderItemCreateInput!) { createOrderItem(input: $input) { id } }`, { input: { customerOrder: order.id, product: product.id, action: 'add', quantity: 1, unitPrice: '129.00' } }));
    dataOf(await fire(counter, 'CustomerOrder', order.id, order.version, 'dispatch'));
    return (await lattice.sql(`select id from work_order where customer_order_id = $1 order by created_at, id`, [order.id])).map((r: { id: string }) => r.id);
  }
  const instanceOf = async (recordId: string) => (await lattice.sql(`select id from lattice_workflow_instance where record_id = $1`, [recordId]))[0].id as string;
  const queue = async () => dataOf(await installer(`{ unitQueue(queue: "installers") { ${TASK_FIELDS} } }`)).unitQueue as { instanceId: string; recordId: string; overdue: boolean; secondsLeft: number }[];

  it('of 20 claims at once exactly one wins, the others are refused at once; the task moves from the queue to my tasks', async () => {
    const [workOrder] = await dispatchedOrder(1);
    const instanceId = await instanceOf(workOrder as string);
    expect((await queue()).map((t) => t.recordId)).toContain(workOrder);
    const claims = await Promise.all(Array.from({ length: 20 }, () => installer(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: instanceId })));
    expect(claims.filter((c) => !c.errors)).toHaveLength(1);
    expect(claims.filter((c) => c.errors).map((c) => c.errors?.[0]?.extensions?.code)).toEqual(Array(19).fill('CONFLICT'));
    expect(claims.find((c) => !c.errors)?.data.claimTask.assigneeId).toBe(await userId('cd.installer'));
    expect((await queue()).map((t) => t.recordId)).not.toContain(workOrder);
    expect(dataOf(await installer(`{ myTasks { recordId state } }`)).myTasks).toEqual([{ recordId: workOrder, state: 'queued' }]);
    const claimHistory = await lattice.sql(`select count(*)::int as n from lattice_workflow_history where instance_id = $1 and kind = 'claim'`, [instanceId]);
    expect(claimHistory[0].n).toBe(1);
  });

  it('shows a queue only to the role it is for, and a task only to whoever may read its record', async () => {
    const [workOrder] = await dispatchedOrder(1);
    const instanceId = await instanceOf(workOrder as string);
    expect(dataOf(await counter(`{ unitQueue { recordId } }`)).unitQueue).toEqual([]);
    expect(errorOf(await counter(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: instanceId })).extensions?.code).toBe('NOT_FOUND');
    const partner = (await signedInAs(lattice, 'wh.partner')).records;
    expect(errorOf(await partner(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: instanceId })).extensions?.code).toBe('NOT_FOUND');
  });

  it('puts overdue work first, with the time left shown', async () => {
    const [late, fresh] = await dispatchedOrder(2);
    await lattice.sql(`update lattice_workflow_instance set due_at = now() - interval '1 hour' where record_id = $1`, [late]);
    const tasks = await queue();
    expect(tasks[0]).toMatchObject({ recordId: late, overdue: true });
    expect(tasks[0]!.secondsLeft).toBeLessThan(-3500);
    expect(tasks.find((t) => t.recordId === fresh)).toMatchObject({ overdue: false });
    // claimNextTask takes the most overdue one.
    expect(dataOf(await installer(`mutation { claimNextTask(queue: "installers") { recordId } }`)).claimNextTask).toEqual({ recordId: late });
  });

  it('lets the assignee release a claimed task back to the queue, and nobody else', async () => {
    const [workOrder] = await dispatchedOrder(1);
    const instanceId = await instanceOf(workOrder as string);
    dataOf(await installer(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: instanceId }));
    const supervisor = (await signedInAs(lattice, 'wh.supervisor')).records;
    expect(errorOf(await supervisor(`mutation($id: ID!) { releaseTask(instanceId: $id) { assigneeId } }`, { id: instanceId })).extensions?.code).toBe('CONFLICT');
    expect(dataOf(await installer(`mutation($id: ID!) { releaseTask(instanceId: $id) { assigneeId } }`, { id: instanceId })).releaseTask).toEqual({ assigneeId: null });
    expect((await queue()).map((t) => t.recordId)).toContain(workOrder);
  });

  it('works a claimed order through to completion, which notifies the customer\'s counter', async () => {
    const [workOrder] = await dispatchedOrder(1);
    const id = workOrder as string;
    dataOf(await installer(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: await instanceOf(id) }));
    dataOf(await fire(installer, 'WorkOrder', id, 1, 'start'));
    const missing = errorOf(await fire(installer, 'WorkOrder', id, 2, 'complete'));
    expect(missing.extensions?.problems).toMatchObject([{ code: 'record.required', path: 'completionNote' }]);
    dataOf(await fire(installer, 'WorkOrder', id, 2, 'complete', { completionNote: 'Fibre terminated, speed tested' }));
    expect((await lattice.sql(`select status, completed_at from work_order where id = $1`, [id]))[0]).toMatchObject({ status: 'done' });
    const notes = dataOf(await counter(`{ myNotifications { recordId message } }`)).myNotifications;
    expect(notes).toContainEqual({ recordId: id, message: { en: 'The installation is completed', 'zh-CN': '装机已竣工' } });
  });

  it('escalates on the timer side\'s request: to the assignee\'s supervisor, notified, kept in the history; not once the record left the state', async () => {
    const [workOrder] = await dispatchedOrder(1);
    const id = workOrder as string;
    const instanceId = await instanceOf(id);
    dataOf(await installer(`mutation($id: ID!) { claimTask(instanceId: $id) { assigneeId } }`, { id: instanceId }));
    dataOf(await fire(installer, 'WorkOrder', id, 1, 'start'));
    const moved = await lattice.workflows.escalate({ instanceId, to: 'assigneeSupervisor', reason: 'Work not finished within 16 business hours', state: 'in_progress' });
    const supervisor = await userId('sc.admin');
    expect(moved).toEqual({ escalated: true, assigneeId: supervisor, assigneeRole: null, assigneeUnitId: null });
    await lattice.workflows.outbox.deliver();
    expect(await lattice.sql(`select message from lattice_notification where user_id = $1 and record_id = $2`, [supervisor, id])).toEqual([{ message: 'Work not finished within 16 business hours' }]);
    const status = await statusOf(installer, 'WorkOrder', id);
    expect(status.history.at(-1)).toMatchObject({ kind: 'escalate', actorName: 'system', comment: 'Work not finished within 16 business hours' });
    expect(await lattice.workflows.escalate({ instanceId, to: 'unitHeadAbove', reason: 'late', state: 'queued' })).toMatchObject({ escalated: false, skipped: 'left-state' });
  });
});

describe('records in flight keep the workflow version they started on', () => {
  let lattice: TestPlatform;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('an HQ admin adds a triage step: new complaints follow it, open ones finish on theirs, with no restart', async () => {
    const counter = (await signedInAs(lattice, 'wh.counter')).records;
    const open = await createComplaint(counter);
    const set = (await openExample(TELECOM_EXAMPLE).metadata()) as { workflows: { key: string; states: unknown[]; transitions: Record<string, unknown>[] }[] };
    const complaints = set.workflows.find((w) => w.key === 'complaint_handling')!;
    complaints.states.push({ key: 'triaged', label: { en: 'Triaged', 'zh-CN': '已分派' } });
    complaints.transitions = complaints.transitions.map((t) => (t['key'] === 'acknowledge' ? { ...t, to: 'triaged' } : t));
    complaints.transitions.push({ key: 'triage_done', from: 'triaged', to: 'acknowledged' });
    await lattice.metadata.planAndPublish(set, { actor: SYSTEM_ACTOR });
    const fresh = await createComplaint(counter);
    expect(dataOf(await fire(counter, 'Complaint', open.id, 1, 'acknowledge')).fireTransition.state).toBe('acknowledged');
    expect(dataOf(await fire(counter, 'Complaint', fresh.id, 1, 'acknowledge')).fireTransition.state).toBe('triaged');
    const [old, now] = [await statusOf(counter, 'Complaint', open.id), await statusOf(counter, 'Complaint', fresh.id)];
    expect(now.definitionVersion).toBeGreaterThan(old.definitionVersion);
    expect(now.transitions.map((t: { key: string }) => t.key)).toEqual(['triage_done']);
  });

  it('refuses at plan time a workflow naming a role the organisation does not have, with its path, and publishes nothing', async () => {
    const before = lattice.live.current.version;
    const set = (await openExample(TELECOM_EXAMPLE).metadata()) as { workflows: { key: string; transitions: Record<string, unknown>[] }[] };
    const complaints = set.workflows.find((w) => w.key === 'complaint_handling')!;
    complaints.transitions[0] = { ...complaints.transitions[0], allow: { roles: ['call_center_agent'] } };
    const refused = await lattice.metadata.planAndPublish(set, { actor: SYSTEM_ACTOR }).then(() => null, (error: { details?: { problems?: { code: string; path: string; hint?: string }[] } }) => error.details?.problems);
    expect(refused).toEqual([expect.objectContaining({ code: 'workflow.unknown-role', path: 'workflows[complaint_handling].transitions[acknowledge].allow.roles' })]);
    expect(refused?.[0]?.hint).toContain('call_centre_agent');
    expect(lattice.live.current.version).toBe(before);
  });
});
