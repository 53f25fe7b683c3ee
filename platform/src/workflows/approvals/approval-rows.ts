import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Someone who may decide at the level an approval is at: a holder of the level's role, or whom a nobody-to-act escalation reached. */
export interface ApproverEntry {
  /** The level they decide at: the approval keeps every level's, so a late decision on a level decided meanwhile is told so. */
  readonly level: number;
  readonly userId: string;
  readonly name: string;
  readonly escalated?: boolean;
}

/** A decision, kept on the approval: by whom, for whom (a delegate's), at which level. */
export interface DecisionEntry {
  readonly level: number;
  readonly decision: 'approve' | 'reject';
  readonly userId: string | null;
  readonly name: string;
  /** The approver a delegate decided for. */
  readonly onBehalfOfId?: string;
  readonly onBehalfOf?: string;
  readonly comment: string | null;
  readonly at: string;
}

/** The approvers of the level the approval is at. */
export function currentApprovers(approval: Pick<ApprovalRow, 'approvers' | 'level'>): ApproverEntry[] {
  return approval.approvers.filter((a) => a.level === approval.level);
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'recalled';

export interface ApprovalRow {
  readonly id: string;
  readonly instanceId: string;
  readonly entityKey: string;
  readonly recordId: string;
  readonly workflowKey: string;
  readonly state: string;
  /** The state it was submitted from: a recall returns there. */
  readonly fromState: string;
  /** The level it is at, 1-based. */
  readonly level: number;
  readonly levels: number;
  readonly status: ApprovalStatus;
  readonly submittedBy: string | null;
  readonly submittedByName: string;
  readonly submittedAt: Date;
  readonly levelSince: Date;
  /** The approvers of every level opened so far. */
  readonly approvers: readonly ApproverEntry[];
  readonly decisions: readonly DecisionEntry[];
  readonly closedAt: Date | null;
}

export const APPROVAL_COLUMNS = `id, instance_id as "instanceId", entity_key as "entityKey", record_id as "recordId", workflow_key as "workflowKey", state, from_state as "fromState", level, levels, status, submitted_by as "submittedBy", submitted_by_name as "submittedByName", submitted_at as "submittedAt", level_since as "levelSince", approvers, decisions, closed_at as "closedAt"`;

/** An approval by id, locked for the rest of the transaction when `lock` (a decision's). */
export async function approvalById(em: EntityManager, id: string, lock = false): Promise<ApprovalRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await em.execute<ApprovalRow[]>(`select ${APPROVAL_COLUMNS} from lattice_workflow_approval where id = ?${lock ? ' for update' : ''}`, [id]);
  return rows[0];
}

/** The pending approval of an instance, if any. */
export async function pendingApprovalOf(em: EntityManager, instanceId: string): Promise<ApprovalRow | undefined> {
  const rows = await em.execute<ApprovalRow[]>(`select ${APPROVAL_COLUMNS} from lattice_workflow_approval where instance_id = ? and status = 'pending'`, [instanceId]);
  return rows[0];
}

export type NewApproval = Omit<ApprovalRow, 'id' | 'status' | 'decisions' | 'closedAt' | 'level' | 'levelSince'>;

/** Opens an approval at its first level; the instance notes it (`approval`), which locks the record against ordinary updates. */
export async function insertApproval(em: EntityManager, row: NewApproval): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into lattice_workflow_approval (id, instance_id, entity_key, record_id, workflow_key, state, from_state, level, levels, status, submitted_by, submitted_by_name, submitted_at, level_since, approvers, decisions) values (?, ?, ?, ?, ?, ?, ?, 1, ?, 'pending', ?, ?, ?, ?, ?, '[]')`,
    [id, row.instanceId, row.entityKey, row.recordId, row.workflowKey, row.state, row.fromState, row.levels, row.submittedBy, row.submittedByName, row.submittedAt, row.submittedAt, JSON.stringify(row.approvers)],
  );
  await markInstance(em, row.instanceId, { id, status: 'pending' });
  return id;
}

/** The approval after a decision: its decisions, the level and its approvers, and, once it ends, its status. */
export async function updateApproval(em: EntityManager, id: string, change: { level: number; levelSince: Date; approvers: readonly ApproverEntry[]; decisions: readonly DecisionEntry[]; status: ApprovalStatus; at: Date }): Promise<void> {
  await em.execute(`update lattice_workflow_approval set level = ?, level_since = ?, approvers = ?, decisions = ?, status = ?, closed_at = ? where id = ?`, [
    change.level,
    change.levelSince,
    JSON.stringify(change.approvers),
    JSON.stringify(change.decisions),
    change.status,
    change.status === 'pending' ? null : change.at,
    id,
  ]);
}

/** What the instance keeps of its approval: the lock (`status: 'pending'`), or nothing once it ends. */
export async function markInstance(em: EntityManager, instanceId: string, approval: { id: string; status: 'pending' } | null): Promise<void> {
  await em.execute(`update lattice_workflow_instance set approval = ? where id = ?`, [approval ? JSON.stringify(approval) : null, instanceId]);
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
