import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApprovalLevel, CompiledWorkflow, EscalationTarget } from '@lattice/runtime';
import type { OrgDirectory } from '../../org/org-directory.js';
import { resolveEscalation, usersOf } from '../assignments.js';
import type { InstanceRow } from '../instance-rows.js';
import { currentApprovers, type ApprovalRow, type ApproverEntry } from './approval-rows.js';
import { delegationsInForce } from './delegations.js';

/** What a nobody-to-act level escalates to when it names no target of its own: the head of the unit above the record's. */
const DEFAULT_ESCALATION: readonly { to: EscalationTarget }[] = [{ to: 'unitHeadAbove' }];

/**
 * The approvers of a level, resolved at the moment it opens (people move;
 * the tree of that moment is the one that counts): the holders of the
 * level's role, active, in the unit of the level's kind on the record's
 * path (`unitLevel`), or that many units up it (`up`).
 */
export async function levelApprovers(em: EntityManager, directory: OrgDirectory, unitId: string | null, level: ApprovalLevel, number: number): Promise<ApproverEntry[]> {
  const path = unitId ? directory.ancestry(unitId) : [];
  const target = level.approvers;
  const unit = 'unitLevel' in target ? path.find((u) => u.kind === target.unitLevel) : path[target.up];
  if (!unit) return [];
  return (await namesOf(em, await holders(em, target.role, unit.id))).map((a) => ({ ...a, level: number }));
}

/**
 * Whether anyone can act on a level: an approver who is not away, or away
 * with a delegate who is active and not away themselves.
 */
export async function someoneCanAct(em: EntityManager, approvers: readonly ApproverEntry[], at: Date): Promise<boolean> {
  if (!approvers.length) return false;
  const away = await delegationsInForce(em, approvers.map((a) => a.userId), at);
  if (approvers.some((a) => !away.has(a.userId))) return true;
  const delegates = [...new Set([...away.values()].map((d) => d.delegateId))];
  const active = await activeUsers(em, delegates);
  const delegatesAway = await delegationsInForce(em, delegates, at);
  return delegates.some((d) => active.has(d) && !delegatesAway.has(d));
}

/**
 * A level nobody can act on escalates through the SLA escalation targets
 * (the level's `escalate`, else the head of the unit above): whom they
 * reach may decide at the level. Empty when no target reaches anyone.
 */
export async function escalationApprovers(em: EntityManager, directory: OrgDirectory, instance: InstanceRow, level: ApprovalLevel, number: number): Promise<{ approvers: ApproverEntry[]; targets: readonly EscalationTarget[] }> {
  const targets = (level.escalate ?? DEFAULT_ESCALATION).map((e) => e.to);
  for (const target of targets) {
    const assignment = await resolveEscalation(em, target, instance, directory);
    const users = assignment ? await usersOf(em, assignment, directory) : [];
    if (users.length) return { approvers: (await namesOf(em, users)).map((a) => ({ ...a, level: number, escalated: true })), targets };
  }
  return { approvers: [], targets };
}

/** Who the actor decides as at the approval's level: themselves, or an away approver they are the delegate of; else why not. */
export async function actingAs(em: EntityManager, approval: ApprovalRow, actorId: string | null, at: Date): Promise<{ principal: ApproverEntry; delegated: boolean } | { why: string; decided?: boolean }> {
  if (!actorId) return { why: 'the platform does not decide approvals' };
  const open = currentApprovers(approval).filter((a) => !approval.decisions.some((d) => d.level === approval.level && (d.onBehalfOfId ?? d.userId) === a.userId));
  const self = open.find((a) => a.userId === actorId);
  if (self) return { principal: self, delegated: false };
  const away = await delegationsInForce(em, open.map((a) => a.userId), at);
  const standIn = open.find((a) => away.get(a.userId)?.delegateId === actorId);
  if (standIn) return { principal: standIn, delegated: true };
  if (currentApprovers(approval).some((a) => a.userId === actorId)) return { why: 'you have decided at this level already', decided: true };
  const earlier = approval.approvers.find((a) => a.userId === actorId && a.level < approval.level);
  if (earlier) return { why: `level ${earlier.level} was decided meanwhile`, decided: true };
  return { why: `you are not an approver of level ${approval.level}, nor the delegate of one who is away` };
}

/** The levels of an approval state. */
export function levelsOf(workflow: CompiledWorkflow, state: string): readonly ApprovalLevel[] {
  return workflow.state(state)?.approval?.levels ?? [];
}

async function holders(em: EntityManager, role: string, unitId: string): Promise<string[]> {
  const rows = await em.execute<{ userId: string }[]>(
    `select distinct p.user_id as "userId" from lattice_position p join lattice_user u on u.id = p.user_id where p.role_key = ? and p.unit_id = ? and p.valid_from <= now() and (p.valid_to is null or p.valid_to > now()) and u.status = 'active' order by 1`,
    [role, unitId],
  );
  return rows.map((r) => r.userId);
}

async function namesOf(em: EntityManager, userIds: readonly string[]): Promise<Omit<ApproverEntry, 'level'>[]> {
  if (!userIds.length) return [];
  const rows = await em.execute<{ id: string; name: string }[]>(`select id, display_name as name from lattice_user where id = any(?::uuid[]) order by display_name, id`, [`{${userIds.join(',')}}`]);
  return rows.map((r) => ({ userId: r.id, name: r.name }));
}

async function activeUsers(em: EntityManager, userIds: readonly string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await em.execute<{ id: string }[]>(`select id from lattice_user where id = any(?::uuid[]) and status = 'active'`, [`{${userIds.join(',')}}`]);
  return new Set(rows.map((r) => r.id));
}
