import { dataOf, type GraphqlResult } from './test-platform.js';

/** A call to the record API as someone (`lattice.records`, or `as(token).records`). */
export type RecordCall = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResult<any>>;

export const STATUS = `query($entity: String!, $id: ID!) { workflowStatus(entity: $entity, id: $id) { workflow definitionVersion state final dueAt assigneeId queue transitions { key to requiredFields } history { kind transition from to actorName durationMs comment } } }`;
export const FIRE = `mutation($entity: String!, $id: ID!, $version: Int!, $transition: String!, $input: JSON, $comment: String) {
  fireTransition(entity: $entity, id: $id, version: $version, transition: $transition, input: $input, comment: $comment) { state transitions { key } history { kind transition from to comment } } }`;
export const TASK_FIELDS = 'instanceId entity recordId title workflow state dueAt overdue secondsLeft assigneeId queue claimedAt';

export async function fire(call: RecordCall, entity: string, id: string, version: number, transition: string, input?: Record<string, unknown>, comment?: string) {
  return call(FIRE, { entity, id, version, transition, ...(input ? { input } : {}), ...(comment ? { comment } : {}) });
}

export async function statusOf(call: RecordCall, entity: string, id: string) {
  return dataOf(await call(STATUS, { entity, id })).workflowStatus;
}

/** A complaint created through the record API; answers its id and version. */
export async function createComplaint(call: RecordCall, input: Record<string, unknown> = {}): Promise<{ id: string; version: number; status: string }> {
  return dataOf(await call(`mutation($input: ComplaintCreateInput!) { createComplaint(input: $input) { id version status } }`, { input: { category: 'complaint', summary: 'No signal at home', ...input } })).createComplaint;
}

export async function versionOf(call: RecordCall, entity: 'Complaint' | 'WorkOrder' | 'CustomerOrder', id: string): Promise<number> {
  const field = entity.charAt(0).toLowerCase() + entity.slice(1);
  return dataOf(await call(`query($id: ID!) { ${field}(id: $id) { version } }`, { id }))[field].version;
}
