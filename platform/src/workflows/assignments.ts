import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssignTarget, CompiledWorkflow } from '@lattice/runtime';
import type { OrgDirectory } from '../org/org-directory.js';
import type { Assignment } from './instance-rows.js';

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
