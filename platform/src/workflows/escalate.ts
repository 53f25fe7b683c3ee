import type { EntityManager } from '@mikro-orm/postgresql';
import type { EscalationTarget } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory, OrgUnit } from '../org/org-directory.js';
import { assignInstance, insertHistory, insertOutbox, type Assignment, type InstanceRow, INSTANCE_COLUMNS } from './instance-rows.js';
import type { ChosenBy } from './escalation-choices.js';
import type { EscalationRequest, EscalationResult } from './state-events.js';

/** An escalation whose target a rule chose (a time limit's `choose`): how, for the history's details. */
export interface ChosenEscalationRequest extends EscalationRequest {
  readonly chosenBy?: ChosenBy;
}

/** `escalate` as the timer side calls it: any `Escalate` takes it (`chosenBy` is then not kept). */
export type EscalateChosen = (request: ChosenEscalationRequest) => Promise<EscalationResult>;

/** What an escalation is about: the record's unit and who has the work now. */
export interface EscalationSubject {
  readonly unitId: string | null;
  readonly assigneeId: string | null;
}

/** Who an escalation reaches: the work's new assignment and the people told, or why nobody was found. */
export interface ResolvedEscalation {
  /** Null when nobody fills the target: the work stays where it is. */
  readonly assignment: Assignment | null;
  /** The users it reaches (a user target: that user; a role: its holders), with the unit they were found through. */
  readonly users: readonly { readonly userId: string; readonly unitId: string | null }[];
  readonly unresolved?: string;
}

/**
 * The one resolver of escalation targets, through the org tree at the moment
 * of the breach (people move; the tree of the breach is the one that counts):
 * - `assigneeSupervisor`: the assignee's supervisor (reporting line); with
 *   none, the head of the nearest unit on the record's path that has one;
 * - `unitHeadAbove`: the head of the nearest headed unit above the record's
 *   unit; `step` (0, 1, …) climbs that many more headed units, so a repeated
 *   escalation goes up the tree (the top head stays the last);
 * - `{ role, unitLevel }`: the role in the nearest unit of that kind on the
 *   record's path (any kind: the nearest unit where someone holds it); the
 *   work goes to the role there, its holders are told.
 */
export async function resolveEscalationTarget(em: EntityManager, directory: OrgDirectory, subject: EscalationSubject, target: EscalationTarget, step = 0): Promise<ResolvedEscalation> {
  const path = subject.unitId ? directory.ancestry(subject.unitId) : [];
  const toUser = (userId: string | null | undefined, unitId: string | null): ResolvedEscalation | undefined =>
    userId ? { assignment: { assigneeId: userId, assigneeRole: null, assigneeUnitId: null, queue: null }, users: [{ userId, unitId }] } : undefined;
  const nobody = (reason: string): ResolvedEscalation => ({ assignment: null, users: [], unresolved: reason });
  if (target === 'assigneeSupervisor') {
    const supervisor = subject.assigneeId ? await supervisorOf(em, subject.assigneeId) : null;
    const head = path.find((u) => u.headUserId);
    return toUser(supervisor, subject.unitId) ?? toUser(head?.headUserId, head?.id ?? null) ?? nobody('no supervisor and no head on the unit path');
  }
  if (target === 'unitHeadAbove') {
    const headed = path.slice(1).filter((u) => u.headUserId);
    const unit = headed[Math.min(step, headed.length - 1)];
    return toUser(unit?.headUserId, unit?.id ?? null) ?? nobody('no unit above has a head');
  }
  const candidates: OrgUnit[] = target.unitLevel ? path.filter((u) => u.kind === target.unitLevel) : path;
  for (const unit of candidates) {
    const holders = await holdersIn(em, unit.id, target.role);
    if (holders.length) return { assignment: { assigneeId: null, assigneeRole: target.role, assigneeUnitId: unit.id, queue: null }, users: holders.map((userId) => ({ userId, unitId: unit.id })) };
    if (target.unitLevel) break;
  }
  return nobody(`nobody holds ${target.role}${target.unitLevel ? ` in the ${target.unitLevel} above` : ' on the unit path'}`);
}

/**
 * The escalation the timer side runs on a breach: the instance is locked,
 * its work moves to the target, the history keeps who it moved to and why,
 * and the new assignees are notified through the outbox, all in one
 * transaction (the caller's, or one of its own). A target a rule chose
 * keeps how in the history's details (`chosenBy`: the branch, its name and
 * condition). Idempotent per breach only with the caller's help: the timer
 * row it fires from is the truth.
 */
export function escalator(em: () => EntityManager, directory: () => OrgDirectory): EscalateChosen {
  return async (request: ChosenEscalationRequest): Promise<EscalationResult> => {
    if (request.em) return escalateIn(request.em, request, directory());
    return (em().transactional((tx) => escalateIn(tx as EntityManager, request, directory())));
  };
}

async function escalateIn(em: EntityManager, request: ChosenEscalationRequest, directory: OrgDirectory): Promise<EscalationResult> {
  const rows = await em.execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where id = ? for update`, [request.instanceId]);
  const instance = rows[0];
  if (!instance) throw LatticeError.notFound(`Workflow instance ${request.instanceId}`);
  const unchanged = { assigneeId: instance.assigneeId, assigneeRole: instance.assigneeRole, assigneeUnitId: instance.assigneeUnitId };
  if (instance.closedAt) return { escalated: false, skipped: 'closed', ...unchanged };
  if (request.state && instance.state !== request.state) return { escalated: false, skipped: 'left-state', ...unchanged };
  const { assignment: target, users } = await resolveEscalationTarget(em, directory, instance, request.to, request.step ?? 0);
  if (!target) return { escalated: false, skipped: 'no-target', ...unchanged };
  const at = request.at ?? new Date();
  await assignInstance(em, instance.id, target);
  await insertHistory(em, { instanceId: instance.id, kind: 'escalate', from: instance.state, to: instance.state, actorId: null, actorName: 'system', at, comment: request.reason, details: { to: request.to, ...(request.chosenBy ? { chosenBy: request.chosenBy } : {}), assigneeId: target.assigneeId, assigneeRole: target.assigneeRole, assigneeUnitId: target.assigneeUnitId } });
  const userIds = users.map((u) => u.userId);
  if (userIds.length) await insertOutbox(em, instance.id, 'notify', { users: userIds, message: request.message ?? request.reason, entity: instance.entityKey, recordId: instance.recordId }, at);
  return { escalated: true, assigneeId: target.assigneeId, assigneeRole: target.assigneeRole, assigneeUnitId: target.assigneeUnitId };
}

async function supervisorOf(em: EntityManager, userId: string): Promise<string | null> {
  const rows = await em.execute<{ supervisorId: string | null }[]>(`select supervisor_id as "supervisorId" from lattice_user where id = ?`, [userId]);
  return rows[0]?.supervisorId ?? null;
}

/** Active holders of a role in one unit now, by id. */
async function holdersIn(em: EntityManager, unitId: string, role: string): Promise<string[]> {
  const rows = await em.execute<{ userId: string }[]>(
    `select distinct p.user_id as "userId" from lattice_position p join lattice_user u on u.id = p.user_id
     where p.unit_id = ? and p.role_key = ? and p.valid_from <= now() and (p.valid_to is null or p.valid_to > now()) and u.status = 'active' order by 1`,
    [unitId, role],
  );
  return rows.map((r) => r.userId);
}
