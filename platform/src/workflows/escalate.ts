import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { resolveEscalation, usersOf } from './assignments.js';
import { assignInstance, insertHistory, insertOutbox, type InstanceRow, INSTANCE_COLUMNS } from './instance-rows.js';
import type { Escalate, EscalationRequest, EscalationResult } from './state-events.js';

/**
 * The escalation the timer side runs on a breach: the instance is locked,
 * its work moves to the target, the history keeps who it moved to and why,
 * and the new assignees are notified through the outbox, all in one
 * transaction (the caller's, or one of its own). Idempotent per breach only
 * with the caller's help: the timer row it fires from is the truth.
 */
export function escalator(em: () => EntityManager, directory: () => OrgDirectory): Escalate {
  return async (request: EscalationRequest): Promise<EscalationResult> => {
    if (request.em) return escalateIn(request.em, request, directory());
    return (em().transactional((tx) => escalateIn(tx as EntityManager, request, directory())));
  };
}

async function escalateIn(em: EntityManager, request: EscalationRequest, directory: OrgDirectory): Promise<EscalationResult> {
  const rows = await em.execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where id = ? for update`, [request.instanceId]);
  const instance = rows[0];
  if (!instance) throw LatticeError.notFound(`Workflow instance ${request.instanceId}`);
  const unchanged = { assigneeId: instance.assigneeId, assigneeRole: instance.assigneeRole, assigneeUnitId: instance.assigneeUnitId };
  if (instance.closedAt) return { escalated: false, skipped: 'closed', ...unchanged };
  if (request.state && instance.state !== request.state) return { escalated: false, skipped: 'left-state', ...unchanged };
  const target = await resolveEscalation(em, request.to, instance, directory);
  if (!target) return { escalated: false, skipped: 'no-target', ...unchanged };
  const at = request.at ?? new Date();
  await assignInstance(em, instance.id, target);
  await insertHistory(em, { instanceId: instance.id, kind: 'escalate', from: instance.state, to: instance.state, actorId: null, actorName: 'system', at, comment: request.reason, details: { to: request.to, assigneeId: target.assigneeId, assigneeRole: target.assigneeRole, assigneeUnitId: target.assigneeUnitId } });
  const users = await usersOf(em, target, directory);
  if (users.length) await insertOutbox(em, instance.id, 'notify', { users, message: request.message ?? request.reason, entity: instance.entityKey, recordId: instance.recordId }, at);
  return { escalated: true, assigneeId: target.assigneeId, assigneeRole: target.assigneeRole, assigneeUnitId: target.assigneeUnitId };
}
