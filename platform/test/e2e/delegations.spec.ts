import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import type { RecordCall } from '../support/workflow-calls.js';
import { createGroupCustomer, decide, myApprovals, submittedTariff, tariffStatus } from '../support/approval-calls.js';

const CANDIDATES = `query($s: String, $f: Int) { delegateCandidates(search: $s, first: $f) { id name login } }`;
const DELEGATE = `mutation($d: ID!, $from: String!, $until: String!) { setApprovalDelegation(delegateId: $d, from: $from, until: $until) { delegateId } }`;

describe('delegation: whom one may name, and a delegation named while a level is open', () => {
  let lattice: TestPlatform;
  const as: Record<string, RecordCall> = {};
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  let group: string;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    for (const login of ['cd.manager', 'cd.approver', 'cd.approver2', 'cd.admin', 'sc.approver2', 'sc.admin']) as[login] = (await signedInAs(lattice, login)).records;
    for (const row of await lattice.sql(`select id, login, display_name from lattice_user`)) {
      ids[row.login] = row.id;
      names[row.login] = row.display_name;
    }
    group = await createGroupCustomer(as['cd.manager']!, '成都航空产业集团');
  });
  afterEach(async () => {
    for (const login of ['cd.approver', 'cd.approver2']) dataOf(await as[login]!(`mutation { clearApprovalDelegation }`));
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const candidates = async (login: string, search?: string, first?: number) => (dataOf(await as[login]!(CANDIDATES, { s: search ?? null, f: first ?? null })).delegateCandidates as { login: string }[]).map((c) => c.login);
  const delegate = (login: string, to: string) => as[login]!(DELEGATE, { d: to, from: new Date(Date.now() - 60_000).toISOString(), until: new Date(Date.now() + 86_400_000).toISOString() });
  const notices = async (login: string, record: string) => (await lattice.sql(`select n.message from lattice_notification n where n.user_id = $1 and n.record_id = $2 order by n.created_at`, [ids[login], record])).map((r: { message: { en: string } }) => r.message.en);

  it('lists active colleagues in one\'s own units and those above, by name or login, never oneself, those below or elsewhere', async () => {
    const province = await candidates('sc.approver2');
    expect(province).toEqual(expect.arrayContaining(['sc.approver', 'sc.admin', 'sc.agent', 'hq.admin']));
    for (const outside of ['sc.approver2', 'cd.approver', 'wh.counter', 'fj.admin']) expect(province).not.toContain(outside);
    const city = await candidates('cd.approver');
    expect(city).toEqual(expect.arrayContaining(['cd.approver2', 'cd.admin', 'cd.installer', 'sc.approver', 'hq.admin']));
    for (const outside of ['cd.approver', 'wh.counter', 'my.manager', 'fj.admin', 'cd.manager']) expect(city).not.toContain(outside);
    // By name or by login; wildcards are searched as themselves; at most `first`.
    expect(await candidates('sc.approver2', '彭辉')).toEqual(['sc.approver']);
    expect(await candidates('sc.approver2', 'SC.APPR')).toEqual(['sc.approver']);
    expect(await candidates('sc.approver2', '%')).toEqual([]);
    expect(await candidates('sc.approver2', '_')).toEqual([]);
    expect(await candidates('sc.approver2', '', 2)).toHaveLength(2);
  });

  it('refuses a delegate outside that scope exactly as one who does not exist', async () => {
    const outside = errorOf(await delegate('sc.approver2', ids['cd.approver']!));
    const nobody = errorOf(await delegate('sc.approver2', randomUUID()));
    expect(outside.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'delegateId' }] });
    expect(nobody.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'delegateId' }] });
    const message = (e: typeof outside) => (e.extensions?.problems as { message: string }[])[0]!.message.replace(/[0-9a-f-]{36}/, '<id>');
    expect(message(outside)).toBe(message(nobody));
    expect(message(outside)).toBe('No user <id> among the people you may delegate to');
    expect(dataOf(await as['sc.approver2']!(`{ myApprovalDelegation { delegateId } }`)).myApprovalDelegation).toBeNull();
  });

  it('a delegate named while the level is open is told, sees it in their inbox and decides for the approver who is away', async () => {
    const { id, approvalId } = await submittedTariff(as['cd.manager']!, group);
    expect((await myApprovals(as['cd.admin']!)).map((a) => a.id)).not.toContain(approvalId);
    dataOf(await delegate('cd.approver', ids['cd.admin']!));
    expect(await notices('cd.admin', id)).toEqual([`An approval waits for your decision, for ${names['cd.approver']} who is away (level 1)`]);
    expect((await myApprovals(as['cd.admin']!)).map((a) => a.id)).toContain(approvalId);
    const decided = dataOf(await decide(as['cd.admin']!, approvalId, 'approve', '代邓丽审批')).decideApproval;
    expect(decided.approval).toMatchObject({ level: 2, decisions: [{ approverName: names['cd.admin'], onBehalfOf: names['cd.approver'], comment: '代邓丽审批' }] });
  });

  it('a level whose approvers are all away, each the other\'s delegate, escalates instead of waiting for ever', async () => {
    const { id, approvalId } = await submittedTariff(as['cd.manager']!, group);
    dataOf(await delegate('cd.approver2', ids['cd.approver']!));
    // One of them is still there: no escalation, the delegate is told.
    expect((await tariffStatus(as['cd.manager']!, id)).history.filter((h: { kind: string }) => h.kind === 'escalate')).toEqual([]);
    dataOf(await delegate('cd.approver', ids['cd.approver2']!));
    const status = await tariffStatus(as['cd.manager']!, id);
    expect(status.history.filter((h: { kind: string }) => h.kind === 'escalate').map((h: { comment: string }) => h.comment)).toEqual([`every approver of level 1 (city) is away without a delegate who can act: escalated to ${names['sc.admin']}`]);
    expect(status.approval.approverNames).toContain(names['sc.admin']);
    expect(await notices('sc.admin', id)).toEqual(['An approval waits for your decision (level 1: city)']);
    expect((await myApprovals(as['sc.admin']!)).map((a) => a.id)).toContain(approvalId);
    // Naming the delegate again escalates no further.
    dataOf(await delegate('cd.approver', ids['cd.approver2']!));
    expect((await tariffStatus(as['cd.manager']!, id)).history.filter((h: { kind: string }) => h.kind === 'escalate')).toHaveLength(1);
    expect(dataOf(await decide(as['sc.admin']!, approvalId, 'approve', '两位审批人均不在，省公司代审')).decideApproval.approval).toMatchObject({ level: 2 });
  });
});
