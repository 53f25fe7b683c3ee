import type { CompiledTransition } from '@lattice/runtime';
import type { Actor } from '../records/actor.js';
import type { OrgDirectory } from '../org/org-directory.js';

/**
 * Whether the actor may fire a transition on a record in `unitId` whose
 * work is assigned to `assigneeId`: null when they may, else why not (the
 * error says it). A transition with no `allow` is for whoever may change the
 * record; the platform itself (escalations, seeds) may fire any.
 */
export function whyNotAllowed(transition: CompiledTransition, actor: Actor, directory: OrgDirectory, unitId: string | null, assigneeId: string | null): string | null {
  const allow = transition.document.allow;
  if (!allow || actor.grants.isUnrestricted) return null;
  if (allow.assignee && actor.id && assigneeId === actor.id) return null;
  const roles = allow.roles;
  if (!roles) return allow.assignee ? 'it is for the user the work is assigned to' : null;
  const holding = actor.grants.positions.filter((p) => roles.includes(p.roleKey));
  if (!holding.length) return `it needs the role ${roles.join(' or ')}${allow.assignee ? ', or to be the assignee' : ''}`;
  const scope = allow.scope ?? 'subtree';
  if (scope === 'anywhere') return null;
  const inScope = holding.some((p) => unitId !== null && (scope === 'unit' ? p.unitId === unitId : directory.contains(p.unitId, unitId)));
  if (inScope) return null;
  const where = unitId ? (directory.byId(unitId)?.key ?? unitId) : 'no unit';
  const held = holding.map((p) => directory.byId(p.unitId)?.key ?? p.unitId).join(', ');
  return scope === 'unit' ? `your ${roles.join('/')} position is in ${held}, not in the record's unit ${where}` : `your ${roles.join('/')} position is in ${held}, which is not at or above the record's unit ${where}`;
}
