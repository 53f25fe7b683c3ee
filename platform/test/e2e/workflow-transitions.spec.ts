import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { createComplaint, fire, statusOf, type RecordCall } from '../support/workflow-calls.js';
import { workflowTestPlugin } from '../support/workflow-test-plugin.js';
import type { StateEvent } from '../../src/workflows/state-events.js';

describe('workflow transitions are writes through the one pipeline', () => {
  let lattice: TestPlatform;
  let counter: RecordCall;
  let agent: RecordCall;
  let otherHall: RecordCall;
  let installer: RecordCall;
  const events: Omit<StateEvent, 'em'>[] = [];

  beforeAll(async () => {
    lattice = await startTestPlatform({ plugins: [workflowTestPlugin], operations: {} });
    await publishExampleWithOrg(lattice);
    lattice.workflows.events.onEnter(({ em: _em, ...event }) => void events.push(event));
    counter = (await signedInAs(lattice, 'wh.counter')).records;
    agent = (await signedInAs(lattice, 'sc.agent')).records;
    otherHall = (await signedInAs(lattice, 'jn.counter')).records;
    installer = (await signedInAs(lattice, 'cd.installer')).records;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const complaintRow = async (id: string) => (await lattice.sql(`select status, version, resolution from complaint where id = $1`, [id]))[0];
  const historyCount = async (id: string) => Number((await lattice.sql(`select count(*)::int as n from lattice_workflow_history h join lattice_workflow_instance i on i.id = h.instance_id where i.record_id = $1`, [id]))[0].n);

  it('starts a new complaint in its initial state, in the service desk\'s queue, and tells the timers with the state\'s settings', async () => {
    const complaint = await createComplaint(counter);
    expect(complaint).toMatchObject({ version: 1, status: 'new' });
    const status = await statusOf(counter, 'Complaint', complaint.id);
    expect(status).toMatchObject({ workflow: 'complaint_handling', state: 'new', final: false, queue: 'service_desk', assigneeId: null, history: [{ kind: 'start', to: 'new' }] });
    expect(status.transitions.map((t: { key: string }) => t.key)).toEqual(['acknowledge']);
    expect(new Date(status.dueAt).getTime() - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    const entered = events.find((e) => e.recordId === complaint.id);
    expect(entered).toMatchObject({ entity: 'complaint', workflowKey: 'complaint_handling', from: null, to: 'new', state: { timeLimit: { hours: 2, warnAt: 0.75 }, clockStops: ['waiting_customer'], stopsClock: false } });
    expect(entered?.unit).toBe((await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd_wh_h1'`))[0].id);
  });

  it('fires a transition: the state moves, the history keeps who, from, to, how long and the comment', async () => {
    const complaint = await createComplaint(counter, { severity: 'normal' });
    const fired = dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge', undefined, 'Called the customer back')).fireTransition;
    expect(fired.state).toBe('acknowledged');
    expect(fired.history.at(-1)).toEqual({ kind: 'transition', transition: 'acknowledge', from: 'new', to: 'acknowledged', comment: 'Called the customer back' });
    const row = await complaintRow(complaint.id);
    expect(row).toMatchObject({ status: 'acknowledged', version: 2 });
    const history = await lattice.sql(`select actor_name, duration_ms from lattice_workflow_history h join lattice_workflow_instance i on i.id = h.instance_id where i.record_id = $1 and h.kind = 'transition'`, [complaint.id]);
    expect(history[0].actor_name).toBe('wh.counter');
    expect(Number(history[0].duration_ms)).toBeGreaterThanOrEqual(0);
    // The change is audited like any update.
    const audit = await lattice.sql(`select action from lattice_audit_entry where record_id = $1 order by at`, [complaint.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
  });

  it('answers a fire with what was asked: the new state alone, or with the history through a fragment, the same as a read after it', async () => {
    const complaint = await createComplaint(counter, { severity: 'normal' });
    const lean = `mutation($id: ID!) { fireTransition(entity: "Complaint", id: $id, version: 1, transition: "acknowledge") { state s: stateLabel assigneeId } }`;
    expect(dataOf(await counter(lean, { id: complaint.id })).fireTransition).toEqual({ state: 'acknowledged', s: 'Being handled', assigneeId: null });
    const whole = `mutation($id: ID!) { fireTransition(entity: "Complaint", id: $id, version: 2, transition: "ask_customer") { ...Status } } fragment Status on WorkflowStatus { state transitions { key } history { kind transition } }`;
    const fired = dataOf(await counter(whole, { id: complaint.id })).fireTransition;
    expect(fired.history.map((h: { transition: string | null }) => h.transition)).toEqual([null, 'acknowledge', 'ask_customer']);
    expect(fired.transitions.map((t: { key: string }) => t.key)).toEqual(['customer_replied']);
    const read = await statusOf(counter, 'Complaint', complaint.id);
    expect(read.transitions.map((t: { key: string }) => t.key)).toEqual(fired.transitions.map((t: { key: string }) => t.key));
    expect(read.history).toHaveLength(3);
  });

  it('refuses a missing required field and a failing guard with the field\'s error, the record unchanged', async () => {
    const complaint = await createComplaint(counter);
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    const before = await historyCount(complaint.id);
    const missing = errorOf(await fire(counter, 'Complaint', complaint.id, 2, 'resolve', { severity: 'urgent' }));
    expect(missing.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'record.required', path: 'resolution', message: 'Resolution is required to Resolve' }] });
    const guarded = errorOf(await fire(counter, 'Complaint', complaint.id, 2, 'resolve', { resolution: 'Replaced the modem' }));
    expect(guarded.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'workflow.guard-failed', path: 'transition', message: 'Set the severity before resolving' }] });
    expect(await complaintRow(complaint.id)).toMatchObject({ status: 'acknowledged', version: 2, resolution: null });
    expect(await historyCount(complaint.id)).toBe(before);
    // Given both, it goes through, and the fields the transition's actions set are stored with it.
    dataOf(await fire(counter, 'Complaint', complaint.id, 2, 'resolve', { resolution: 'Replaced the modem', severity: 'urgent' }));
    const stored = (await lattice.sql(`select status, resolution, resolved_at from complaint where id = $1`, [complaint.id]))[0];
    expect(stored).toMatchObject({ status: 'resolved', resolution: 'Replaced the modem' });
    expect(stored.resolved_at).not.toBeNull();
  });

  it('refuses a transition that does not leave the state, and writing the state field by hand', async () => {
    const complaint = await createComplaint(counter);
    const early = errorOf(await fire(counter, 'Complaint', complaint.id, 1, 'resolve', { resolution: 'x', severity: 'normal' }));
    expect(early.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'workflow.not-from-state', path: 'transition', message: '"resolve" leads from acknowledged, and this Complaint is new', hint: 'from "new": acknowledge' }] });
    const unknown = errorOf(await fire(counter, 'Complaint', complaint.id, 1, 'teleport'));
    expect(unknown.extensions?.problems).toMatchObject([{ code: 'workflow.unknown-transition' }]);
    const byHand = errorOf(await counter(`mutation($id: ID!) { updateComplaint(id: $id, version: 1, input: { status: "closed" }) { id } }`, { id: complaint.id }));
    expect(byHand.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'workflow.state-by-transition', path: 'status' }] });
    const created = errorOf(await counter(`mutation { createComplaint(input: { category: "fault", summary: "x", status: "closed" }) { id } }`));
    expect(created.extensions?.problems).toMatchObject([{ code: 'workflow.state-by-transition', path: 'status' }]);
    expect(await complaintRow(complaint.id)).toMatchObject({ status: 'new', version: 1 });
    // Other fields still change by a plain update.
    dataOf(await counter(`mutation($id: ID!) { updateComplaint(id: $id, version: 1, input: { severity: "urgent" }) { id } }`, { id: complaint.id }));
  });

  it('refuses an attacker: without the role, outside the scope, not the assignee; the record unchanged', async () => {
    const complaint = await createComplaint(counter, { severity: 'normal' });
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    dataOf(await fire(counter, 'Complaint', complaint.id, 2, 'resolve', { resolution: 'Fixed' }));
    // The return visit is the call centre's (or a supervisor's), not the counter's.
    const noRole = errorOf(await fire(counter, 'Complaint', complaint.id, 3, 'return_visit', { satisfaction: 5, returnVisitNote: 'Happy' }));
    expect(noRole.extensions).toMatchObject({ code: 'FORBIDDEN', problems: [{ code: 'workflow.not-allowed' }] });
    expect(noRole.message).toBe('You may not fire "return_visit" on this Complaint: it needs the role call_centre_agent or supervisor');
    // Another hall's counter does not see the record at all: it looks like one that does not exist.
    const outside = errorOf(await fire(otherHall, 'Complaint', complaint.id, 3, 'reopen'));
    expect(outside.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(await otherHall(`query($e: String!, $id: ID!) { workflowStatus(entity: $e, id: $id) { state } }`, { e: 'Complaint', id: complaint.id })).extensions?.code).toBe('NOT_FOUND');
    // The installer may read complaints but not change them.
    expect(errorOf(await fire(installer, 'Complaint', complaint.id, 3, 'reopen')).extensions?.code).toBe('FORBIDDEN');
    expect(await complaintRow(complaint.id)).toMatchObject({ status: 'resolved', version: 3 });
    // The call centre may: the return visit closes it with a satisfaction score, 1 to 5.
    const outOfRange = errorOf(await fire(agent, 'Complaint', complaint.id, 3, 'return_visit', { satisfaction: 6, returnVisitNote: 'Happy' }));
    expect(outOfRange.extensions?.problems).toMatchObject([{ path: 'satisfaction' }]);
    const closed = dataOf(await fire(agent, 'Complaint', complaint.id, 3, 'return_visit', { satisfaction: 4, returnVisitNote: 'Happy' })).fireTransition;
    expect(closed).toMatchObject({ state: 'closed', transitions: [] });
    const status = await statusOf(agent, 'Complaint', complaint.id);
    expect(status).toMatchObject({ final: true, dueAt: null });
    expect(errorOf(await fire(agent, 'Complaint', complaint.id, 4, 'reopen')).extensions?.problems).toMatchObject([{ code: 'workflow.not-from-state', hint: '"closed" is final: no transition leaves it' }]);
  });

  it('of 20 fires at once on one record exactly one wins; the others get CONFLICT', async () => {
    const complaint = await createComplaint(counter);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => fire(counter, 'Complaint', complaint.id, 1, 'acknowledge', undefined, `attempt ${i}`)));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(19).fill('CONFLICT'));
    expect(await complaintRow(complaint.id)).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(await historyCount(complaint.id)).toBe(2);
  });

  it('puts notifications in the outbox and delivers them after commit; a transition rolled back sends nothing', async () => {
    const owner = (await lattice.sql(`select id from lattice_user where login = 'wh.counter'`))[0].id;
    const notified = async () => Number((await lattice.sql(`select count(*)::int as n from lattice_notification where user_id = $1`, [owner]))[0].n);
    const complaint = await createComplaint(counter, { severity: 'normal' });
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    dataOf(await fire(counter, 'Complaint', complaint.id, 2, 'resolve', { resolution: 'Fixed' }));
    const outbox = async () => Number((await lattice.sql(`select count(*)::int as n from lattice_workflow_outbox o join lattice_workflow_instance i on i.id = o.instance_id where i.record_id = $1`, [complaint.id]))[0].n);
    const before = await notified();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failed = errorOf(await fire(agent, 'Complaint', complaint.id, 3, 'return_visit', { satisfaction: 2, returnVisitNote: 'fail after the transition' }));
      expect(failed.extensions).toMatchObject({ code: 'INTERNAL', plugin: 'test-workflows', hook: 'fail-after-transition' });
    } finally {
      logged.mockRestore();
    }
    await lattice.workflows.outbox.deliver();
    expect([await outbox(), await notified()]).toEqual([0, before]);
    expect(await complaintRow(complaint.id)).toMatchObject({ status: 'resolved', version: 3 });
    dataOf(await fire(agent, 'Complaint', complaint.id, 3, 'return_visit', { satisfaction: 5, returnVisitNote: 'Very happy' }));
    expect(await outbox()).toBe(1);
    expect(await notified()).toBe(before + 1);
    const mine = dataOf(await counter(`{ myNotifications { entity recordId message read } }`)).myNotifications;
    expect(mine[0]).toEqual({ entity: 'Complaint', recordId: complaint.id, message: { en: 'The complaint is closed after the return visit', 'zh-CN': '投诉已回访归档' }, read: false });
    // Delivering again stores nothing twice.
    await lattice.sql(`update lattice_workflow_outbox set delivered_at = null`);
    await lattice.workflows.outbox.deliver();
    expect(await notified()).toBe(before + 1);
  });

  it('turns an accepted broadband order into one installation work order per item, in the installers\' queue', async () => {
    const system = lattice.access();
    const product = await system.create('Product', { code: 'BB300', name: '300M broadband', category: 'broadband', monthlyFee: '99.00' });
    const customer = dataOf(await counter(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: customerInput('宽带客户') })).createCustomer;
    const order = dataOf(await counter(`mutation($input: CustomerOrderCreateInput!) { createCustomerOrder(input: $input) { id version status acceptedAt } }`, { input: { customer: customer.id, channel: 'hall', orderType: 'new' } })).createCustomerOrder;
    expect(order.status).toBe('accepted');
    expect(order.acceptedAt).not.toBeNull();
    for (const quantity of [1, 2]) dataOf(await counter(`mutation($input: OrderItemCreateInput!) { createOrderItem(input: $input) { id } }`, { input: { customerOrder: order.id, product: product.id, action: 'add', quantity, unitPrice: '99.00' } }));
    const dispatched = dataOf(await fire(counter, 'CustomerOrder', order.id, order.version, 'dispatch')).fireTransition;
    expect(dispatched.state).toBe('in_fulfilment');
    const workOrders = await lattice.sql(`select w.id, w.status, w.work_kind, i.queue, i.assignee_role from work_order w join lattice_workflow_instance i on i.record_id = w.id where w.customer_order_id = $1`, [order.id]);
    expect(workOrders.map((w: Record<string, unknown>) => [w.status, w.work_kind, w.queue, w.assignee_role])).toEqual([
      ['queued', 'installation', 'installers', 'back_office'],
      ['queued', 'installation', 'installers', 'back_office'],
    ]);
    const queue = dataOf(await installer(`{ unitQueue(queue: "installers") { recordId state queue overdue secondsLeft } }`)).unitQueue;
    expect(queue.map((t: { recordId: string }) => t.recordId).sort()).toEqual(workOrders.map((w: { id: string }) => w.id).sort());
    expect(queue[0].secondsLeft).toBeGreaterThan(3 * 3600);
    // The hall in another district sees none of it.
    expect(dataOf(await otherHall(`{ unitQueue { recordId } }`)).unitQueue).toEqual([]);
  });

  it('lists only the transitions the caller may fire: a read-only role sees none, even those without `allow`', async () => {
    const complaint = await createComplaint(counter, { severity: 'normal' });
    const keys = async (call: RecordCall, language?: string) => {
      const status = dataOf(await call(`query($e: String!, $id: ID!, $l: String) { workflowStatus(entity: $e, id: $id, language: $l) { stateField stateLabel queueLabel transitions { key label } } }`, { e: 'Complaint', id: complaint.id, l: language ?? null })).workflowStatus;
      return { ...status, transitions: status.transitions.map((t: { key: string }) => t.key) };
    };
    expect(await keys(counter)).toMatchObject({ stateField: 'status', stateLabel: 'New', queueLabel: 'Service desk', transitions: ['acknowledge'] });
    // The installer reads complaints but may not change them: `acknowledge` names no role of theirs, the rest name none at all.
    expect((await keys(installer)).transitions).toEqual([]);
    dataOf(await fire(counter, 'Complaint', complaint.id, 1, 'acknowledge'));
    expect((await keys(counter)).transitions).toEqual(['ask_customer', 'resolve']);
    expect((await keys(installer)).transitions).toEqual([]);
    expect(errorOf(await fire(installer, 'Complaint', complaint.id, 2, 'ask_customer')).extensions?.code).toBe('FORBIDDEN');
    // Labels in the language asked for; the history names the states it moved between.
    expect(await keys(counter, 'zh-CN')).toMatchObject({ stateLabel: '处理中', transitions: ['ask_customer', 'resolve'] });
    const history = dataOf(await counter(`query($id: ID!) { workflowStatus(entity: "Complaint", id: $id, language: "zh-CN") { history { fromLabel toLabel } } }`, { id: complaint.id })).workflowStatus.history;
    expect(history.at(-1)).toEqual({ fromLabel: '待受理', toLabel: '处理中' });
    // A counter operator may create work orders but not change them: no transition offered, whoever is assigned.
    const workOrder = (await lattice.sql(`select w.id from work_order w join lattice_workflow_instance i on i.record_id = w.id where i.state = 'queued' limit 1`))[0];
    expect(workOrder).toBeDefined();
    expect(dataOf(await installer(`query($id: ID!) { workflowStatus(entity: "WorkOrder", id: $id) { transitions { key } } }`, { id: workOrder.id })).workflowStatus.transitions).toEqual([{ key: 'start' }]);
    expect(dataOf(await counter(`query($id: ID!) { workflowStatus(entity: "WorkOrder", id: $id) { transitions { key } } }`, { id: workOrder.id })).workflowStatus.transitions).toEqual([]);
    expect(dataOf(await counter(`{ workflowEntities }`)).workflowEntities.sort()).toEqual(['Complaint', 'CustomerOrder', 'GroupTariff', 'WorkOrder']);
  });
});
