import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { APPROVAL_DECISION, type ApprovalIntent } from '../src/workflows/approvals/approval-intent.js';
import { measure, type Measurement } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_DECISIONS'] ?? 300);
const WARM_UP = 50;

/**
 * The example's group tariff approval through the access point, as its
 * users: a plain transition (withdraw a draft) as the reference; a submit
 * (the same transition work, plus the approval opening: level 1's approvers
 * resolved up the org tree, the row, the notice in the outbox); a city
 * decision (record, instance and approval locked, the decision kept, the
 * province level opened). In process, one at a time, each on its own record.
 */
export async function benchApprovals(platform: LatticePlatform): Promise<[Measurement, Measurement, Measurement]> {
  const manager = await platform.accessAs('cd.manager');
  const approver = await platform.accessAs('cd.approver');
  const group = await manager.create('Customer', { customerType: 'enterprise', customerClass: 'group', name: '基准测试集团', idType: 'business_licence', idNumber: '91510100MABENCH001', industry: 'retail' });
  const drafts = async (n: number) => {
    const out: { id: string; version: number }[] = [];
    for (let i = 0; i < n; i++) {
      const record = await manager.create('GroupTariff', { groupCustomer: group.id, offering: 'm_5g_129', component: 'monthly_fee', price: '99.00', justification: `基准 ${i}` });
      out.push({ id: record.id, version: Number(record['version']) });
    }
    return out;
  };
  const transition = (key: string) => ({ kind: 'workflow.transition', transition: key }) as never;
  const total = ITERATIONS + WARM_UP;
  const toWithdraw = await drafts(total);
  let w = 0;
  const withdraw = await measure('transition (withdraw a draft)', ITERATIONS, 1, async () => {
    const target = toWithdraw[w++] as { id: string; version: number };
    await manager.update('GroupTariff', target.id, target.version, {}, transition('withdraw'));
  });
  const toSubmit = await drafts(total);
  let s = 0;
  const submitted: { id: string; version: number }[] = [];
  const submit = await measure('submit: transition + approval opens', ITERATIONS, 1, async () => {
    const target = toSubmit[s++] as { id: string; version: number };
    const record = await manager.update('GroupTariff', target.id, target.version, {}, transition('submit'));
    submitted.push({ id: target.id, version: Number(record['version']) });
  });
  const approvals = await platform.database.pool.query<{ id: string; recordId: string }>(`select id, record_id as "recordId" from lattice_workflow_approval where status = 'pending' and level = 1`);
  const byRecord = new Map(approvals.rows.map((a) => [a.recordId, a.id]));
  let d = 0;
  const decide = await measure('city decision: level 2 opens', ITERATIONS, 1, async () => {
    const target = submitted[d++] as { id: string; version: number };
    const intent: ApprovalIntent = { kind: APPROVAL_DECISION, approvalId: byRecord.get(target.id) as string, level: 1, action: 'approve', comment: null, rejectTo: null };
    await approver.update('GroupTariff', target.id, target.version, {}, intent);
  });
  return [withdraw, submit, decide];
}
