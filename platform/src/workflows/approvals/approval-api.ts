import type { EntityManager } from '@mikro-orm/postgresql';
import { textIn, type CompiledWorkflow } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { RecordAccess } from '../../records/record-access.js';
import type { WorkflowStatus } from '../workflow-api.js';
import type { WorkflowDefinitions } from '../workflow-definitions.js';
import type { WorkflowOutbox } from '../workflow-outbox.js';
import { APPROVAL_COLUMNS, approvalById, currentApprovers, type ApprovalRow } from './approval-rows.js';
import { APPROVAL_DECISION, type ApprovalAction, type ApprovalIntent } from './approval-intent.js';
import { delegationsInForce, principalsOf } from './delegations.js';
import { DelegationVerbs } from './delegation-verbs.js';
import { DelegateCandidates } from './delegate-candidates.js';
import { reviewOpenLevels } from './open-levels.js';

export interface ApprovalDecisionView {
  readonly approverName: string;
  readonly decision: string;
  readonly comment: string | null;
  readonly at: string;
  readonly level: number;
  readonly onBehalfOf: string | null;
}

/** A pending approval as the record API shows it (`graphql/types/approval-fields.ts`). */
export interface ApprovalView {
  readonly id: string;
  readonly entity: string;
  readonly recordId: string;
  readonly title: string | null;
  readonly workflow: string;
  readonly state: string;
  readonly stateLabel: string | null;
  readonly level: number;
  readonly levels: number;
  readonly levelKey: string;
  readonly levelLabel: string | null;
  readonly mode: string;
  readonly approverNames: readonly string[];
  readonly submittedByName: string;
  readonly submittedAt: string;
  readonly dueAt: string | null;
  readonly decisions: readonly ApprovalDecisionView[];
  readonly rejectTargets: readonly { key: string; label: string | null }[];
  readonly canRecall: boolean;
}

export interface ApprovalApiParts {
  em(): EntityManager;
  readonly definitions: WorkflowDefinitions;
  readonly outbox: WorkflowOutbox;
  directory(): OrgDirectory;
  /** The record's workflow status after a decision, as the caller may read it. */
  status(access: RecordAccess, entityName: string, id: string): Promise<WorkflowStatus | null>;
}

const MAX_INBOX = 200;

/**
 * The approval verbs of the record API, each through the caller's access
 * point: an approval of a record they cannot read does not exist for them
 * (NOT_FOUND); a decision or a recall is an update of the record through
 * the one write pipeline (`approval-steps.ts`), so it is locked, checked,
 * audited and rolled back as one.
 */
export class ApprovalApi {
  readonly delegation: DelegationVerbs;

  constructor(private readonly parts: ApprovalApiParts) {
    this.delegation = new DelegationVerbs(parts.em, new DelegateCandidates(parts), (access, userId) => reviewOpenLevels(parts, access, userId));
  }

  /** The pending approval of a record the caller has read. */
  async ofRecord(access: RecordAccess, entityName: string, recordId: string): Promise<ApprovalView | null> {
    const em = this.parts.em();
    const entity = access.entity(entityName);
    const rows = await em.execute<{ id: string }[]>(`select a.id from lattice_workflow_approval a join lattice_workflow_instance i on i.id = a.instance_id where i.entity_key = ? and i.record_id = ? and a.status = 'pending'`, [entity.key, recordId]);
    const approval = rows[0] ? await approvalById(em, rows[0].id) : undefined;
    return approval ? this.#view(em, access, approval, null) : null;
  }

  /** Approvals waiting for the caller's decision (theirs, or an away approver's they stand in for), oldest first. */
  async mine(access: RecordAccess, first = 50): Promise<ApprovalView[]> {
    const actorId = access.actor.id;
    if (!actorId) return [];
    const em = this.parts.em();
    const now = new Date();
    const principals = await principalsOf(em, actorId, now);
    const rows = await em.execute<ApprovalRow[]>(
      `select ${APPROVAL_COLUMNS} from lattice_workflow_approval where status = 'pending' and exists (select 1 from jsonb_array_elements(approvers) e where e->>'userId' = any(?::text[]) and (e->>'level')::int = level) order by level_since, submitted_at, id limit ?`,
      [`{${[actorId, ...principals].join(',')}}`, MAX_INBOX],
    );
    const out: ApprovalView[] = [];
    for (const row of rows) {
      if (out.length >= Math.min(Math.max(first, 1), MAX_INBOX)) break;
      if (!(await this.#mayDecide(em, row, actorId, now))) continue;
      const entity = access.model.entityByKey(row.entityKey);
      if (!entity) continue;
      const record = await access.get(entity.name, row.recordId, { fields: ['id', entity.titleField] }).catch(() => null);
      if (!record) continue;
      out.push(await this.#view(em, access, row, record[entity.titleField]));
    }
    return out;
  }

  async decide(access: RecordAccess, id: string, decision: string, comment: string | null, rejectTo: string | null): Promise<WorkflowStatus> {
    if (decision !== 'approve' && decision !== 'reject') throw LatticeError.invalidInput('decision', `A decision is "approve" or "reject", not "${decision}"`);
    return this.#write(access, id, decision, comment, rejectTo);
  }

  async recall(access: RecordAccess, id: string, comment: string | null): Promise<WorkflowStatus> {
    return this.#write(access, id, 'recall', comment, null);
  }

  /** The decision as an update of the record, at the level the caller read; the outbox delivers its notices once it commits. */
  async #write(access: RecordAccess, id: string, action: ApprovalAction, comment: string | null, rejectTo: string | null): Promise<WorkflowStatus> {
    const em = this.parts.em();
    const approval = await approvalById(em, id);
    const entity = approval ? access.model.entityByKey(approval.entityKey) : undefined;
    // A record the caller may not read (or whose entity they may not read at all): its approval does not exist for them.
    const record = approval && entity ? await access.get(entity.name, approval.recordId, { fields: ['id'] }).catch(notFoundIfForbidden) : null;
    if (!approval || !entity || !record) throw LatticeError.notFound(`Approval ${id}`);
    if (approval.status !== 'pending') throw LatticeError.conflict(`This ${entity.name}'s approval is no longer pending: it was ${approval.status}`, { entity: entity.name, approval: id });
    const intent: ApprovalIntent = { kind: APPROVAL_DECISION, approvalId: id, level: approval.level, action, comment: comment ?? null, rejectTo: rejectTo ?? null };
    await access.update(entity.name, approval.recordId, record.version, {}, intent);
    await this.parts.outbox.deliver();
    const status = await this.parts.status(access, entity.name, approval.recordId);
    if (!status) throw LatticeError.notFound(`Approval ${id}`);
    return status;
  }

  /** Whether the actor may decide now at the approval's level: an approver who has not decided, or the delegate of an away one. */
  async #mayDecide(em: EntityManager, row: ApprovalRow, actorId: string, now: Date): Promise<boolean> {
    const open = currentApprovers(row).filter((a) => !row.decisions.some((d) => d.level === row.level && (d.onBehalfOfId ?? d.userId) === a.userId));
    if (open.some((a) => a.userId === actorId)) return true;
    const away = await delegationsInForce(em, open.map((a) => a.userId), now);
    return open.some((a) => away.get(a.userId)?.delegateId === actorId);
  }

  async #view(em: EntityManager, access: RecordAccess, row: ApprovalRow, title: unknown): Promise<ApprovalView> {
    const workflow: CompiledWorkflow | undefined = await this.#machineOf(em, row, access);
    const state = workflow?.state(row.state);
    const step = state?.approval;
    const level = step?.levels[row.level - 1];
    const entity = access.model.entityByKey(row.entityKey);
    const instance = (await em.execute<{ dueAt: Date | null }[]>(`select due_at as "dueAt" from lattice_workflow_instance where id = ?`, [row.instanceId]))[0];
    return {
      id: row.id,
      entity: entity?.name ?? row.entityKey,
      recordId: row.recordId,
      title: title === undefined || title === null ? null : String(title),
      workflow: row.workflowKey,
      state: row.state,
      stateLabel: textIn(state?.label) ?? null,
      level: row.level,
      levels: row.levels,
      levelKey: level?.key ?? String(row.level),
      levelLabel: textIn(level?.label) ?? null,
      mode: level?.mode ?? 'anyOf',
      approverNames: currentApprovers(row).map((a) => a.name),
      submittedByName: row.submittedByName,
      submittedAt: new Date(row.submittedAt).toISOString(),
      dueAt: instance?.dueAt ? new Date(instance.dueAt).toISOString() : null,
      decisions: row.decisions.map((d) => ({ approverName: d.name, decision: d.decision, comment: d.comment, at: d.at, level: d.level, onBehalfOf: d.onBehalfOf ?? null })),
      rejectTargets: (step?.rejectTo ?? []).map((key) => ({ key, label: textIn(workflow?.state(key)?.label) ?? null })),
      canRecall: row.status === 'pending' && !!access.actor.id && access.actor.id === row.submittedBy && row.decisions.length === 0,
    };
  }

  async #machineOf(em: EntityManager, row: ApprovalRow, access: RecordAccess): Promise<CompiledWorkflow | undefined> {
    const instance = (await em.execute<{ definitionId: string }[]>(`select definition_id as "definitionId" from lattice_workflow_instance where id = ?`, [row.instanceId]))[0];
    return instance ? this.parts.definitions.machine(em, instance.definitionId, access.model) : undefined;
  }
}

function notFoundIfForbidden(error: unknown): null {
  if (error instanceof LatticeError && error.code === 'FORBIDDEN') return null;
  throw error;
}
