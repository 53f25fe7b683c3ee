import { dataOf } from './test-platform.js';
import { customerInput } from './example-org.js';
import { fire, type RecordCall } from './workflow-calls.js';

export const APPROVAL_FIELDS = 'id entity recordId title workflow state stateLabel level levels levelKey mode approverNames submittedByName submittedAt dueAt decisions { approverName decision comment at level onBehalfOf } rejectTargets { key label } canRecall';
const STATUS_FIELDS = `state version: definitionVersion approval { ${APPROVAL_FIELDS} } history { kind transition from to actorName comment }`;

export const DECIDE = `mutation($id: ID!, $decision: String!, $comment: String, $rejectTo: String) { decideApproval(id: $id, decision: $decision, comment: $comment, rejectTo: $rejectTo) { ${STATUS_FIELDS} } }`;
export const RECALL = `mutation($id: ID!, $comment: String) { recallApproval(id: $id, comment: $comment) { ${STATUS_FIELDS} } }`;
export const MY_APPROVALS = `query { myApprovals { ${APPROVAL_FIELDS} } }`;
const STATUS = `query($id: ID!) { workflowStatus(entity: "GroupTariff", id: $id) { ${STATUS_FIELDS} } }`;

export function decide(call: RecordCall, id: string, decision: 'approve' | 'reject' | string, comment?: string, rejectTo?: string) {
  return call(DECIDE, { id, decision, ...(comment ? { comment } : {}), ...(rejectTo ? { rejectTo } : {}) });
}

export function recall(call: RecordCall, id: string, comment?: string) {
  return call(RECALL, { id, ...(comment ? { comment } : {}) });
}

export async function tariffStatus(call: RecordCall, id: string) {
  return dataOf(await call(STATUS, { id })).workflowStatus;
}

export async function myApprovals(call: RecordCall): Promise<{ id: string; recordId: string; level: number; [key: string]: unknown }[]> {
  return dataOf(await call(MY_APPROVALS)).myApprovals;
}

let serial = 0;
/** A group customer of the calling customer manager. */
export async function createGroupCustomer(manager: RecordCall, name: string): Promise<string> {
  serial += 1;
  const input = customerInput(name, { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: `91510100MA7A${String(serial).padStart(5, '0')}${process.pid % 10}`, industry: 'information_technology' });
  return dataOf(await manager(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input })).createCustomer.id;
}

/** A draft group tariff of a group customer; answers its id and version. */
export async function createGroupTariff(manager: RecordCall, groupCustomer: string, input: Record<string, unknown> = {}): Promise<{ id: string; version: number; approvalStatus: string }> {
  const values = { groupCustomer, offering: 'm_5g_129', component: 'monthly_fee', price: '99.00', justification: '集团成员 300 线，三年合约', ...input };
  return dataOf(await manager(`mutation($input: GroupTariffCreateInput!) { createGroupTariff(input: $input) { id version approvalStatus } }`, { input: values })).createGroupTariff;
}

/** A draft tariff submitted for approval by its manager; answers the tariff and its pending approval's id. */
export async function submittedTariff(manager: RecordCall, groupCustomer: string, input: Record<string, unknown> = {}): Promise<{ id: string; approvalId: string }> {
  const tariff = await createGroupTariff(manager, groupCustomer, input);
  dataOf(await fire(manager, 'GroupTariff', tariff.id, tariff.version, 'submit'));
  const status = await tariffStatus(manager, tariff.id);
  return { id: tariff.id, approvalId: status.approval.id };
}
