import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import type { RecordCall } from '../support/workflow-calls.js';
import { createGroupCustomer, decide, submittedTariff } from '../support/approval-calls.js';

const AUDIT = `query($id: ID!) { auditLog(entity: "GroupTariff", recordId: $id) { entries { actor action recordVersion changes } } }`;

describe('every approval decision is in the audit log, for those who may read the record\'s entries', () => {
  let lattice: TestPlatform;
  const as: Record<string, RecordCall> = {};
  let group: string;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    for (const login of ['cd.manager', 'cd.approver', 'sc.approver', 'sc.approver2', 'sc.admin', 'cd.supervisor', 'my.manager', 'jn.counter']) as[login] = (await signedInAs(lattice, login)).records;
    group = await createGroupCustomer(as['cd.manager']!, '成都轨道交通集团');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const decisions = async (call: RecordCall, id: string) => (dataOf(await call(AUDIT, { id })).auditLog.entries as { actor: string; action: string; recordVersion: number; changes: Record<string, any> }[]).filter((e) => e.action === 'APPROVAL');

  it('keeps a level approved without moving the record: who, level, decision, comment; then each province decision and the rejection that ends it', async () => {
    const { id } = await submittedTariff(as['cd.manager']!, group);
    const version = Number((await lattice.sql(`select version from group_tariff where id = $1`, [id]))[0].version);
    dataOf(await decide(as['cd.approver']!, await approvalOf(id), 'approve', '价格在地市授权范围内'));
    // The record did not move (still under approval, same version), yet the decision is audited.
    expect(Number((await lattice.sql(`select version from group_tariff where id = $1`, [id]))[0].version)).toBe(version);
    const [city] = await decisions(as['cd.manager']!, id);
    expect(city).toMatchObject({
      actor: 'cd.approver',
      recordVersion: version,
      changes: { $approval: { before: { status: 'pending', level: 1 }, after: { level: 1, levels: 2, levelKey: 'city', decision: 'approve', comment: '价格在地市授权范围内', decidedBy: '成都政企客户部经理 邓丽', status: 'pending', nextLevel: 2 } } },
    });

    // At the province (all of them decide): one approves, the other rejects it back to the draft, which moves the record.
    dataOf(await decide(as['sc.approver']!, await approvalOf(id), 'approve', '同意'));
    dataOf(await decide(as['sc.approver2']!, await approvalOf(id), 'reject', '低于省公司底线', 'draft'));
    const all = await decisions(as['cd.manager']!, id);
    expect(all.map((e) => [e.actor, e.changes['$approval'].after.level, e.changes['$approval'].after.decision, e.changes['$approval'].after.status])).toEqual([
      ['sc.approver2', 2, 'reject', 'rejected'],
      ['sc.approver', 2, 'approve', 'pending'],
      ['cd.approver', 1, 'approve', 'pending'],
    ]);
    // The rejection moved the record: its update entry is there too, at the same version.
    const entries = dataOf(await as['cd.manager']!(AUDIT, { id })).auditLog.entries as { action: string; recordVersion: number }[];
    expect(entries.filter((e) => e.action === 'UPDATE').map((e) => e.recordVersion)).toContain(all[0]!.recordVersion);
    // Filtered by action, the log lists only the decisions.
    expect(dataOf(await as['cd.manager']!(`query($id: ID!) { auditLog(entity: "GroupTariff", recordId: $id, action: APPROVAL) { entries { actor } } }`, { id })).auditLog.entries).toHaveLength(3);
  });

  it('shows the decisions to auditors in scope and the record\'s owner; to no one else', async () => {
    const { id, approvalId } = await submittedTariff(as['cd.manager']!, group);
    dataOf(await decide(as['cd.approver']!, approvalId, 'approve', '地市同意'));
    // Sichuan's admin and the big-customer centre's supervisor (audit.read, the record in their scope) see it.
    for (const login of ['sc.admin', 'cd.supervisor']) expect((await decisions(as[login]!, id)).map((e) => e.changes['$approval'].after.comment)).toEqual(['地市同意']);
    // Mianyang's manager reads group tariffs, but not Chengdu's: nothing, as if there were no such record.
    expect(dataOf(await as['my.manager']!(AUDIT, { id })).auditLog.entries).toEqual([]);
    // A hall's counter may not read group tariffs at all.
    expect(errorOf(await as['jn.counter']!(AUDIT, { id })).extensions?.code).toBe('FORBIDDEN');
  });

  async function approvalOf(id: string): Promise<string> {
    return (await lattice.sql(`select id from lattice_workflow_approval where record_id = $1 and status = 'pending'`, [id]))[0].id;
  }
});
