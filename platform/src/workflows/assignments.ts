import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssignTarget, CompiledWorkflow, EscalationTarget } from '@lattice/runtime';
import type { OrgDirectory } from '../org/org-directory.js';
import type { Assignment, InstanceRow } from './instance-rows.js';

/**
 * Who gets the work: a user by login, the holders of a role in a unit (the
 * record's, or the one of a kind up its path: `unitLevel: 'city'`), or a
 * queue of the workflow (its role, in the record's unit and above).
 */
export async function resolveAssignment(em: EntityManager, target: AssignTarget, workflow: CompiledWorkflow, unitId: string | null, directory: OrgDirectory): Promise<Assignment> {
  if ('user' in target) return { assigneeId: await userIdByLogin(em, target.user), assigneeRole: null, assigneeUnitId: null, queue: null };
  if ('role' in target) return { assigneeId: null, assigneeRole: target.role, assigneeUnitId: unitAt(directory, unitId, target.unitLevel), queue: null };
  const queue = workflow.document.queues?.find((q) => q.key === target.queue);
  return { assigneeId: null, assigneeRole: queue?.role ?? null, assigneeUnitId: unitId, queue: target.queue };
}

/**
 * Who a breached time limit escalates to: the assignee's supervisor (or,
 * with no assignee, the head of the record's unit), the nearest head of a
 * unit above the record's, or the holders of a role. A target nobody fills
 * leaves the assignment as it is (null).
 */
export async function resolveEscalation(em: EntityManager, target: EscalationTarget, instance: InstanceRow, directory: OrgDirectory): Promise<Assignment | null> {
  if (typeof target === 'object') return { assigneeId: null, assigneeRole: target.role, assigneeUnitId: unitAt(directory, instance.unitId, target.unitLevel), queue: null };
  const ancestry = instance.unitId ? directory.ancestry(instance.unitId) : [];
  const userId =
    target === 'assigneeSupervisor'
      ? instance.assigneeId
        ? await supervisorOf(em, instance.assigneeId)
        : (ancestry.find((u) => u.headUserId)?.headUserId ?? null)
      : (ancestry.slice(1).find((u) => u.headUserId)?.headUserId ?? null);
  return userId ? { assigneeId: userId, assigneeRole: null, assigneeUnitId: null, queue: null } : null;
}

/** The users an assignment reaches: its user, or the holders of its role in its unit and the units above. */
export async function usersOf(em: EntityManager, assignment: Pick<Assignment, 'assigneeId' | 'assigneeRole' | 'assigneeUnitId'>, directory: OrgDirectory): Promise<string[]> {
  if (assignment.assigneeId) return [assignment.assigneeId];
  if (!assignment.assigneeRole || !assignment.assigneeUnitId) return [];
  return holdersOf(em, assignment.assigneeRole, directory.ancestry(assignment.assigneeUnitId).map((u) => u.id));
}

export async function holdersOf(em: EntityManager, role: string, unitIds: readonly string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await em.execute<{ userId: string }[]>(`select distinct p.user_id as "userId" from lattice_position p join lattice_user u on u.id = p.user_id where p.role_key = ? and p.unit_id = any(?::uuid[]) and u.status = 'active'`, [role, `{${unitIds.join(',')}}`]);
  return rows.map((r) => r.userId);
}

function unitAt(directory: OrgDirectory, unitId: string | null, kind: string | undefined): string | null {
  if (!unitId || !kind) return unitId;
  return directory.ancestry(unitId).find((u) => u.kind === kind)?.id ?? unitId;
}

async function userIdByLogin(em: EntityManager, login: string): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>(`select id from lattice_user where login = ?`, [login]);
  return rows[0]?.id ?? null;
}

async function supervisorOf(em: EntityManager, userId: string): Promise<string | null> {
  const rows = await em.execute<{ supervisorId: string | null }[]>(`select supervisor_id as "supervisorId" from lattice_user where id = ?`, [userId]);
  return rows[0]?.supervisorId ?? null;
}
