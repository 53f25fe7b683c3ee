import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { fire, type RecordCall } from '../support/workflow-calls.js';
import { createGroupCustomer, createGroupTariff, decide, myApprovals, recall, submittedTariff, tariffStatus } from '../support/approval-calls.js';

const UPDATE = `mutation($id: ID!, $version: Int!, $input: GroupTariffUpdateInput!) { updateGroupTariff(id: $id, version: $version, input: $input) { id version price } }`;
const DELEGATE = `mutation($delegateId: ID!, $from: String!, $until: String!) { setApprovalDelegation(delegateId: $delegateId, from: $from, until: $until) { delegateName delegateId from until } }`;

describe('approvals: levels up the org tree, decisions as writes through the one pipeline', () => {
  let lattice: TestPlatform;
  const as: Record<string, RecordCall> = {};
  const names: Record<string, string> = {};
  let group: string;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    for (const login of ['cd.manager', 'cd.approver', 'cd.approver2', 'sc.approver', 'sc.approver2', 'sc.admin', 'my.manager', 'jn.counter', 'cd.supervisor']) as[login] = (await signedInAs(lattice, login)).records;
    for (const row of await lattice.sql(`select login, display_name from lattice_user`)) names[row.login] = row.display_name;
    group = await createGroupCustomer(as['cd.manager']!, '天府软件园集团');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const userId = async (login: string) => (await lattice.sql(`select id from lattice_user where login = $1`, [login]))[0].id as string;
  const tariffRow = async (id: string) => (await lattice.sql(`select approval_status, version, price from group_tariff where id = $1`, [id]))[0];

  it('waits for any city approver, then for every province approver, and ends approved', async () => {
    const manager = as['cd.manager']!;
    const { id, approvalId } = await submittedTariff(manager, group);
    const first = (await tariffStatus(manager, id)).approval;
    expect(first).toMatchObject({ id: approvalId, entity: 'GroupTariff', recordId: id, workflow: 'group_tariff_approval', state: 'under_approval', level: 1, levels: 2, levelKey: 'city', mode: 'anyOf', submittedByName: names['cd.manager'], decisions: [], canRecall: true });
    expect(first.approverNames.sort()).toEqual([names['cd.approver'], names['cd.approver2']].sort());
    expect(first.rejectTargets.map((t: { key: string }) => t.key)).toEqual(['draft', 'withdrawn']);
    // The step carries the example's time limit like any state (48 hours, illustrative).
    expect(new Date(first.dueAt).getTime() - Date.now()).toBeGreaterThan(47.9 * 3_600_000);
    // The inbox: the city approvers see it, the province's not yet.
    expect((await myApprovals(as['cd.approver']!)).map((a) => a.id)).toContain(approvalId);
    expect((await myApprovals(as['sc.approver']!)).map((a) => a.id)).not.toContain(approvalId);

    const city = dataOf(await decide(as['cd.approver']!, approvalId, 'approve', '价格在地市授权内')).decideApproval;
    expect(city.state).toBe('under_approval');
    expect(city.approval).toMatchObject({ level: 2, levelKey: 'province', mode: 'allOf', decisions: [{ approverName: names['cd.approver'], decision: 'approve', comment: '价格在地市授权内', level: 1, onBehalfOf: null }] });
    expect(city.approval.approverNames.sort()).toEqual([names['sc.approver'], names['sc.approver2']].sort());
    // No recall once a level has decided; the city is done with it.
    expect((await tariffStatus(manager, id)).approval.canRecall).toBe(false);
    expect((await myApprovals(as['cd.approver']!)).map((a) => a.id)).not.toContain(approvalId);

    const one = dataOf(await decide(as['sc.approver']!, approvalId, 'approve')).decideApproval;
    expect(one).toMatchObject({ state: 'under_approval', approval: { level: 2 } });
    // All of: each approver once.
    expect(errorOf(await decide(as['sc.approver']!, approvalId, 'approve')).extensions?.code).toBe('CONFLICT');
    const done = dataOf(await decide(as['sc.approver2']!, approvalId, 'approve', '同意')).decideApproval;
    expect(done).toMatchObject({ state: 'approved', approval: null });
    expect(done.history.filter((h: { kind: string }) => h.kind === 'approval').map((h: { transition: string; to: string }) => `${h.transition}→${h.to}`)).toEqual(['approve→under_approval', 'approve→under_approval', 'approve→approved']);
    expect(await tariffRow(id)).toMatchObject({ approval_status: 'approved' });
    // A decision on an approval that ended is a conflict.
    expect(errorOf(await decide(as['cd.approver2']!, approvalId, 'approve')).extensions?.code).toBe('CONFLICT');
  });

  it('rejects back to a chosen state with a comment, and the manager submits again', async () => {
    const manager = as['cd.manager']!;
    const { id, approvalId } = await submittedTariff(manager, group, { price: '59.00' });
    const noComment = errorOf(await decide(as['cd.approver']!, approvalId, 'reject'));
    expect(noComment.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'comment' }] });
    const badTarget = errorOf(await decide(as['cd.approver']!, approvalId, 'reject', '太低', 'approved'));
    expect(badTarget.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'rejectTo', hint: 'rejectTo: draft, withdrawn' }] });
    expect(errorOf(await decide(as['cd.approver']!, approvalId, 'maybe')).extensions?.problems).toMatchObject([{ path: 'decision' }]);
    expect((await tariffStatus(manager, id)).approval.decisions).toEqual([]);

    const rejected = dataOf(await decide(as['cd.approver']!, approvalId, 'reject', '低于成本价，请重新测算', 'draft')).decideApproval;
    expect(rejected).toMatchObject({ state: 'draft', approval: null });
    expect(rejected.history.at(-1)).toMatchObject({ kind: 'approval', transition: 'reject', from: 'under_approval', to: 'draft', comment: '低于成本价，请重新测算' });
    // Back in the draft it takes changes again, and goes through a new approval.
    const row = await tariffRow(id);
    dataOf(await manager(UPDATE, { id, version: row.version, input: { price: '79.00' } }));
    dataOf(await fire(manager, 'GroupTariff', id, row.version + 1, 'submit'));
    const again = (await tariffStatus(manager, id)).approval;
    expect(again.id).not.toBe(approvalId);
    expect(again).toMatchObject({ level: 1, decisions: [] });
    const withdrawn = dataOf(await decide(as['cd.approver2']!, again.id, 'reject', '集团已撤回需求', 'withdrawn')).decideApproval;
    expect(withdrawn).toMatchObject({ state: 'withdrawn' });
  });

  it('lets the submitter recall while no level has decided, and nobody else', async () => {
    const manager = as['cd.manager']!;
    const { approvalId } = await submittedTariff(manager, group);
    expect(errorOf(await recall(as['cd.approver']!, approvalId)).extensions?.code).toBe('FORBIDDEN');
    const recalled = dataOf(await recall(manager, approvalId, '价格需再议')).recallApproval;
    expect(recalled).toMatchObject({ state: 'draft', approval: null });
    expect(errorOf(await decide(as['cd.approver']!, approvalId, 'approve')).extensions?.code).toBe('CONFLICT');
    expect(errorOf(await recall(manager, approvalId)).extensions?.code).toBe('CONFLICT');

    const second = await submittedTariff(manager, group);
    dataOf(await decide(as['cd.approver']!, second.approvalId, 'approve'));
    const late = errorOf(await recall(manager, second.approvalId));
    expect(late.extensions?.code).toBe('CONFLICT');
    expect(late.message).toMatch(/can no longer be recalled: level 1 has decided/);
  });

  it('locks the record under approval: the API, the platform\'s own writes, transitions and deletes are refused, naming the approval', async () => {
    const manager = as['cd.manager']!;
    const { id, approvalId } = await submittedTariff(manager, group);
    const { version } = await tariffRow(id);
    const byApi = errorOf(await manager(UPDATE, { id, version, input: { price: '1.00' } }));
    expect(byApi.extensions).toMatchObject({ code: 'CONFLICT', approval: approvalId, problems: [{ code: 'workflow.under-approval' }] });
    expect(byApi.message).toBe(`This GroupTariff is under approval "Under approval" (level 1 of 2: City approval, submitted by ${names['cd.manager']}): it cannot be changed until the approval ends, or its submitter recalls it`);
    // An import or a plugin writes through the same access point: refused the same way.
    await expect(lattice.access().update('GroupTariff', id, version, { price: '1.00' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(lattice.access().softDelete('GroupTariff', id, version)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(await fire(manager, 'GroupTariff', id, version, 'withdraw')).extensions?.code).toBe('CONFLICT');
    expect(await tariffRow(id)).toMatchObject({ approval_status: 'under_approval', version, price: '99.00' });

    // Approved, it is read-only until sent back to the draft (and approved again).
    dataOf(await decide(as['cd.approver']!, approvalId, 'approve'));
    dataOf(await decide(as['sc.approver']!, approvalId, 'approve'));
    dataOf(await decide(as['sc.approver2']!, approvalId, 'approve'));
    const approved = await tariffRow(id);
    const readOnly = errorOf(await manager(UPDATE, { id, version: approved.version, input: { price: '1.00' } }));
    expect(readOnly.extensions).toMatchObject({ code: 'CONFLICT', problems: [{ code: 'workflow.read-only-state' }] });
    dataOf(await fire(manager, 'GroupTariff', id, approved.version, 'revise'));
    dataOf(await manager(UPDATE, { id, version: approved.version + 1, input: { price: '89.00' } }));
    expect(await tariffRow(id)).toMatchObject({ approval_status: 'draft', price: '89.00' });
  });

  it('lets a delegate decide for an approver who is away, and the decision says so', async () => {
    const away = as['sc.approver2']!;
    const adminId = await userId('sc.admin');
    const now = Date.now();
    const self = errorOf(await away(DELEGATE, { delegateId: await userId('sc.approver2'), from: new Date(now).toISOString(), until: new Date(now + 86_400_000).toISOString() }));
    expect(self.extensions?.problems).toMatchObject([{ path: 'delegateId' }]);
    const backwards = errorOf(await away(DELEGATE, { delegateId: adminId, from: new Date(now).toISOString(), until: new Date(now - 1000).toISOString() }));
    expect(backwards.extensions?.problems).toMatchObject([{ path: 'until' }]);
    expect(errorOf(await away(DELEGATE, { delegateId: adminId, from: 'next monday', until: new Date(now + 1000).toISOString() })).extensions?.problems).toMatchObject([{ path: 'from' }]);
    const delegation = dataOf(await away(DELEGATE, { delegateId: adminId, from: new Date(now - 60_000).toISOString(), until: new Date(now + 86_400_000).toISOString() })).setApprovalDelegation;
    expect(delegation).toMatchObject({ delegateId: adminId, delegateName: names['sc.admin'] });
    expect(dataOf(await away(`query { myApprovalDelegation { delegateId } }`)).myApprovalDelegation).toEqual({ delegateId: adminId });
    try {
      const { id, approvalId } = await submittedTariff(as['cd.manager']!, group);
      dataOf(await decide(as['cd.approver']!, approvalId, 'approve'));
      // The delegate sees it in their inbox, and decides on the absent approver's behalf.
      expect((await myApprovals(as['sc.admin']!)).map((a) => a.id)).toContain(approvalId);
      dataOf(await decide(as['sc.approver']!, approvalId, 'approve'));
      const done = dataOf(await decide(as['sc.admin']!, approvalId, 'approve', '代许静审批')).decideApproval;
      expect(done.state).toBe('approved');
      const details = await lattice.sql(`select h.actor_name, h.details from lattice_workflow_history h join lattice_workflow_instance i on i.id = h.instance_id where i.record_id = $1 and h.kind = 'approval' and h.to_state = 'approved'`, [id]);
      expect(details[0]).toMatchObject({ actor_name: 'sc.admin', details: { level: 2, onBehalfOf: names['sc.approver2'] } });
      const decisions = (await lattice.sql(`select decisions from lattice_workflow_approval where id = $1`, [approvalId]))[0].decisions;
      expect(decisions.at(-1)).toMatchObject({ name: names['sc.admin'], onBehalfOf: names['sc.approver2'], comment: '代许静审批' });
    } finally {
      expect(dataOf(await away(`mutation { clearApprovalDelegation }`)).clearApprovalDelegation).toBe(true);
    }
    expect(dataOf(await away(`query { myApprovalDelegation { delegateId } }`)).myApprovalDelegation).toBeNull();
  });

  it('escalates a level nobody can act on to the head of the unit above, instead of waiting for ever', async () => {
    // Mianyang has no tariff approver: its city level escalates to the head of Sichuan.
    const manager = as['my.manager']!;
    const customer = await createGroupCustomer(manager, '绵阳科技城集团');
    const { id, approvalId } = await submittedTariff(manager, customer);
    const approval = (await tariffStatus(manager, id)).approval;
    expect(approval).toMatchObject({ level: 1, levelKey: 'city', approverNames: [names['sc.admin']] });
    const escalation = (await tariffStatus(manager, id)).history.find((h: { kind: string }) => h.kind === 'escalate');
    expect(escalation.comment).toBe(`nobody holds tariff_approver for level 1 (city): escalated to ${names['sc.admin']}`);
    expect((await myApprovals(as['sc.admin']!)).map((a) => a.id)).toContain(approvalId);
    const notified = await lattice.sql(`select count(*)::int as n from lattice_notification n join lattice_user u on u.id = n.user_id where u.login = 'sc.admin' and n.record_id = $1`, [id]);
    expect(notified[0].n).toBe(1);
    const city = dataOf(await decide(as['sc.admin']!, approvalId, 'approve')).decideApproval;
    expect(city.approval).toMatchObject({ level: 2, levelKey: 'province' });
  });

  it('of 20 decisions at once on an any-of level one wins; at an all-of level each approver counts once', async () => {
    const { approvalId } = await submittedTariff(as['cd.manager']!, group);
    const city = await Promise.all(Array.from({ length: 20 }, (_, i) => decide(as[i % 2 ? 'cd.approver' : 'cd.approver2']!, approvalId, 'approve', `attempt ${i}`)));
    expect(city.filter((r) => !r.errors).length).toBe(1);
    expect(new Set(city.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code))).toEqual(new Set(['CONFLICT']));
    const province = await Promise.all(Array.from({ length: 20 }, (_, i) => decide(as[i % 2 ? 'sc.approver' : 'sc.approver2']!, approvalId, 'approve')));
    expect(province.filter((r) => !r.errors).length).toBe(2);
    expect(new Set(province.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code))).toEqual(new Set(['CONFLICT']));
    const row = (await lattice.sql(`select status, decisions from lattice_workflow_approval where id = $1`, [approvalId]))[0];
    expect(row.status).toBe('approved');
    expect(row.decisions.map((d: { level: number; name: string }) => `${d.level}:${d.name}`).sort()).toHaveLength(3);
    expect(new Set(row.decisions.filter((d: { level: number }) => d.level === 2).map((d: { name: string }) => d.name))).toEqual(new Set([names['sc.approver'], names['sc.approver2']]));
  });

  it('hides an approval from outsiders, and refuses a decision by someone who may see it but is no approver', async () => {
    const { id, approvalId } = await submittedTariff(as['cd.manager']!, group);
    // Another hall's counter may not read group tariffs: the approval does not exist for them.
    expect(errorOf(await decide(as['jn.counter']!, approvalId, 'approve')).extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(await recall(as['jn.counter']!, approvalId)).extensions?.code).toBe('NOT_FOUND');
    expect(await myApprovals(as['jn.counter']!)).toEqual([]);
    // Mianyang's manager may read group tariffs, but only their own.
    expect(errorOf(await decide(as['my.manager']!, approvalId, 'approve')).extensions?.code).toBe('NOT_FOUND');
    // The supervisor sees it (and could change the draft) but is no approver; nor is its submitter.
    const supervisor = errorOf(await decide(as['cd.supervisor']!, approvalId, 'approve'));
    expect(supervisor.extensions).toMatchObject({ code: 'FORBIDDEN', problems: [{ code: 'approval.not-yours' }] });
    expect(errorOf(await decide(as['cd.manager']!, approvalId, 'approve')).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await decide(as['cd.approver']!, '00000000-0000-4000-8000-000000000000', 'approve')).extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(await decide(as['cd.approver']!, 'not-an-id', 'approve')).extensions?.code).toBe('NOT_FOUND');
    const after = (await tariffStatus(as['cd.manager']!, id)).approval;
    expect(after).toMatchObject({ level: 1, decisions: [] });
    // A draft of a tariff in another city is not in the Chengdu approvers' inbox.
    expect((await myApprovals(as['cd.approver']!)).every((a) => a.entity === 'GroupTariff')).toBe(true);
    expect(await createGroupTariff(as['cd.manager']!, group)).toMatchObject({ approvalStatus: 'draft' });
  });
});
