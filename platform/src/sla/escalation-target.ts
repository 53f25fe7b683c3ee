import type { EscalationTarget } from '@lattice/runtime';
import type { OrgDirectory, OrgUnit } from '../org/org-directory.js';
import type { SqlExecutor } from '../timers/sql-executor.js';

/** Who a breached time limit escalates to: the workflow document's own type (`timeLimit.escalate[].to`). */
export type { EscalationTarget };

/** A resolved escalation: a user, the unit they were found through, and the target asked for. */
export interface EscalationRecipient {
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly target: EscalationTarget;
  /** Why nobody was found, when `userId` is null (the escalation is still recorded, for the unit's queue). */
  readonly unresolved?: string;
}

export interface EscalationSubject {
  /** The record's org unit. */
  readonly unitId: string | null;
  readonly assigneeId: string | null;
}

/**
 * Resolves escalation targets through the org tree at the moment of the
 * breach (people move; the tree of the breach is the one that counts):
 * - `assigneeSupervisor`: the assignee's supervisor (reporting line); with
 *   none, the head of the record's unit;
 * - `unitHeadAbove`: the head of the nearest unit above the record's unit
 *   that has one; `step` (0, 1, …) climbs that many more headed units, so a
 *   repeated escalation goes up the tree;
 * - `{ role, unitLevel }`: everyone holding the role now in the nearest unit
 *   on the record's path of kind `unitLevel` (any kind: the nearest unit
 *   where someone holds it).
 */
export async function resolveEscalation(db: SqlExecutor, directory: OrgDirectory, subject: EscalationSubject, target: EscalationTarget, step = 0): Promise<EscalationRecipient[]> {
  const path = subject.unitId ? directory.ancestry(subject.unitId) : [];
  if (target === 'assigneeSupervisor') {
    if (subject.assigneeId) {
      const found = await db.query<{ supervisorId: string | null }>(`select supervisor_id as "supervisorId" from lattice_user where id = $1`, [subject.assigneeId]);
      const supervisorId = found.rows[0]?.supervisorId;
      if (supervisorId) return [{ userId: supervisorId, unitId: subject.unitId, target }];
    }
    const head = path.find((u) => u.headUserId);
    return [head ? { userId: head.headUserId, unitId: head.id, target } : unresolved(subject, target, 'no supervisor and no head on the unit path')];
  }
  if (target === 'unitHeadAbove') {
    const headed = path.slice(1).filter((u) => u.headUserId);
    const unit = headed[Math.min(step, headed.length - 1)];
    return [unit ? { userId: unit.headUserId, unitId: unit.id, target } : unresolved(subject, target, 'no unit above has a head')];
  }
  const candidates: OrgUnit[] = target.unitLevel ? path.filter((u) => u.kind === target.unitLevel) : path;
  for (const unit of candidates) {
    const holders = await db.query<{ userId: string }>(
      `select distinct p.user_id as "userId" from lattice_position p join lattice_user u on u.id = p.user_id
       where p.unit_id = $1 and p.role_key = $2 and p.valid_from <= now() and (p.valid_to is null or p.valid_to > now()) and u.status = 'active' order by 1`,
      [unit.id, target.role],
    );
    if (holders.rows.length) return holders.rows.map((h) => ({ userId: h.userId, unitId: unit.id, target }));
    if (target.unitLevel) break;
  }
  return [unresolved(subject, target, `nobody holds ${target.role}${target.unitLevel ? ` in the ${target.unitLevel} above` : ' on the unit path'}`)];
}

function unresolved(subject: EscalationSubject, target: EscalationTarget, reason: string): EscalationRecipient {
  return { userId: null, unitId: subject.unitId, target, unresolved: reason };
}
