import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApprovalLevel } from '@lattice/runtime';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { RecordAccess } from '../../records/record-access.js';
import { insertHistory, insertOutbox, INSTANCE_COLUMNS, type InstanceRow } from '../instance-rows.js';
import type { WorkflowDefinitions } from '../workflow-definitions.js';
import type { WorkflowOutbox } from '../workflow-outbox.js';
import { APPROVAL_COLUMNS, currentApprovers, updateApproval, type ApprovalRow, type ApproverEntry } from './approval-rows.js';
import { escalationApprovers, levelsOf, someoneCanAct } from './approvers.js';
import { delegationsInForce } from './delegations.js';

/**
 * A level nobody can act on escalates (the level's `escalate` targets, else
 * the head of the unit above): the history says why and whom it reached;
 * answers the approvers to add to the level (empty when no target reaches
 * anyone). Used when a level opens and when a delegation changes while it
 * is open.
 */
export async function escalateLevel(em: EntityManager, directory: OrgDirectory, instance: InstanceRow, state: string, level: ApprovalLevel, number: number, approvers: readonly ApproverEntry[], at: Date): Promise<ApproverEntry[]> {
  const escalation = await escalationApprovers(em, directory, instance, level, number);
  const why = approvers.length ? `every approver of level ${number} (${level.key}) is away without a delegate who can act` : `nobody holds ${level.approvers.role} for level ${number} (${level.key})`;
  const reached = escalation.approvers.length ? `escalated to ${escalation.approvers.map((a) => a.name).join(', ')}` : 'and no escalation target reaches anyone';
  await insertHistory(em, { instanceId: instance.id, kind: 'escalate', from: state, to: state, actorId: null, actorName: 'system', at, comment: `${why}: ${reached}`, details: { level: number, to: escalation.targets, approvers: escalation.approvers.map((a) => a.userId) } });
  return escalation.approvers.filter((e) => !approvers.some((a) => a.userId === e.userId));
}

export interface OpenLevelParts {
  em(): EntityManager;
  readonly definitions: WorkflowDefinitions;
  readonly outbox: WorkflowOutbox;
  directory(): OrgDirectory;
}

/**
 * After a user names (or changes) their delegate, the approvals already
 * waiting for them at an open level: with the delegation in force, the
 * delegate is told (they may decide at once: who may decide is read at the
 * decision); and a level that nobody can act on any more (the delegate is
 * away or inactive too) escalates as it would have when it opened, instead
 * of waiting for ever. Each approval is locked while it is looked at.
 */
export async function reviewOpenLevels(parts: OpenLevelParts, access: RecordAccess, userId: string): Promise<void> {
  const now = new Date();
  await parts.em().transactional(async (tx) => {
    const em = tx as EntityManager;
    const rows = await em.execute<ApprovalRow[]>(
      `select ${APPROVAL_COLUMNS} from lattice_workflow_approval where status = 'pending' and exists (select 1 from jsonb_array_elements(approvers) e where e->>'userId' = ? and (e->>'level')::int = level) order by submitted_at, id for update`,
      [userId],
    );
    const delegation = (await delegationsInForce(em, [userId], now)).get(userId);
    for (const row of rows) {
      const open = currentApprovers(row).filter((a) => !row.decisions.some((d) => d.level === row.level && (d.onBehalfOfId ?? d.userId) === a.userId));
      const principal = open.find((a) => a.userId === userId);
      if (!principal) continue;
      const notice = (users: string[], en: string, zh: string) => insertOutbox(em, row.instanceId, 'notify', { users, message: { en, 'zh-CN': zh }, entity: row.entityKey, recordId: row.recordId }, now);
      if (await someoneCanAct(em, open, now)) {
        if (delegation) await notice([delegation.delegateId], `An approval waits for your decision, for ${principal.name} who is away (level ${row.level})`, `有待您代${principal.name}审批的事项（第${row.level}级）`);
        continue;
      }
      const [instance] = await em.execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where id = ?`, [row.instanceId]);
      if (!instance) continue;
      const workflow = await parts.definitions.machine(em, instance.definitionId, access.model);
      const level = levelsOf(workflow, row.state)[row.level - 1];
      if (!level) continue;
      const added = await escalateLevel(em, parts.directory(), instance, row.state, level, row.level, currentApprovers(row), now);
      if (!added.length) continue;
      await updateApproval(em, row.id, { level: row.level, levelSince: row.levelSince, approvers: [...row.approvers, ...added.map((a) => ({ ...a, level: row.level }))], decisions: row.decisions, status: 'pending', at: now });
      await notice(added.map((a) => a.userId), `An approval waits for your decision (level ${row.level}: ${level.key})`, `有待您审批的事项（第${row.level}级：${level.key}）`);
    }
  });
  await parts.outbox.deliver();
}
