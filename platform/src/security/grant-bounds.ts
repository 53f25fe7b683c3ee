import type { UnitTree } from './unit-tree.js';
import type { ActorGrants, HeldPosition } from './actor-grants.js';
import { fieldRank, scopeRank, type EntityGrant, type FieldAccess, type PermissionDocument, type RowScope } from './permission-document.js';

/**
 * "Nobody grants more than they hold": whether the rights of a role, held at
 * a unit, are covered by what the granter holds there. Every place that
 * gives rights asks it (positions given by an org import, role edits by
 * anyone who is not a platform admin, and the users an editor may change:
 * `org/org-edit-scope.ts`). A single record's share is bounded the same way
 * in SQL: only the sharer's own row scope lets them share it.
 *
 * What the granter holds at a unit are the positions they hold in that unit
 * or above it. A role is covered when each of these is:
 * - each capability: some such position has it;
 * - each entity (by key, `*` for the rest) and operation: one such
 *   position's scope contains the role's scope at the unit — `all` only by
 *   `all`; `subtree` by `subtree` from the unit or above it; `unit` by those,
 *   or by `unit` in that very unit; `own` by any of those, or by `own`;
 * - each field the role lets read or write (by key, `*` for the rest): the
 *   widest access the granter's positions that read the entity give.
 * A platform admin holds everything. Scopes of different positions are not
 * added up: one position must cover each scope (conservative, and what an
 * admin's single position always does). A serve-anywhere policy is not a
 * grant of records (it lets its holder ask, with proof, for one logged,
 * time-limited share), so it is not compared; roles are defined by admins
 * of the top unit.
 */
export interface GrantPlace {
  /** The unit the role is held in. */
  readonly unitId: string;
  /** True for a role edit: the role may be held at any unit below `unitId` (a root), so only rights reaching every such unit count. */
  readonly anywhereBelow?: boolean;
}

const OPERATIONS = ['read', 'create', 'update', 'delete'] as const;

/** What the role gives beyond the granter's rights at the place, one phrase per right (empty: covered). */
export function rightsBeyond(granter: ActorGrants, role: PermissionDocument, place: GrantPlace, directory: UnitTree): string[] {
  if (granter.isUnrestricted) return [];
  const held = granter.positions.filter((p) => directory.contains(p.unitId, place.unitId));
  const beyond: string[] = [];
  for (const capability of role.capabilities) {
    if (!held.some((p) => p.permissions.capabilities.includes(capability))) beyond.push(`the capability "${capability}"`);
  }
  for (const key of keysToCompare(role.entities, held.map((p) => p.permissions.entities))) {
    const given = grantOf(role.entities, key);
    if (!given) continue;
    const heldGrants = held.flatMap((p) => {
      const grant = grantOf(p.permissions.entities, key);
      return grant ? [{ position: p, grant }] : [];
    });
    const name = key === '*' ? 'every other entity' : `entity "${key}"`;
    for (const operation of OPERATIONS) {
      if (given[operation] !== 'none' && !heldGrants.some((h) => scopeCovers(h.grant[operation], h.position, given[operation], place, directory))) beyond.push(`${operation} "${given[operation]}" on ${name}`);
    }
    if (given.read === 'none') continue;
    const readers = heldGrants.filter((h) => h.grant.read !== 'none').map((h) => h.grant.fields);
    for (const field of keysToCompare(given.fields, readers)) {
      const access = accessOf(given.fields, field);
      if (access === 'hidden') continue;
      const most = readers.reduce<FieldAccess>((widest, fields) => (fieldRank(accessOf(fields, field)) > fieldRank(widest) ? accessOf(fields, field) : widest), 'hidden');
      if (fieldRank(most) < fieldRank(access)) beyond.push(`${access} access to ${field === '*' ? 'the other fields' : `field "${field}"`} of ${name}${most === 'hidden' ? '' : ` (you hold ${most})`}`);
    }
  }
  return beyond;
}

/** Whether a scope held through `position` contains the scope `given` at the place. */
export function scopeCovers(held: RowScope, position: Pick<HeldPosition, 'unitId'>, given: RowScope, place: GrantPlace, directory: UnitTree): boolean {
  if (given === 'none' || held === 'all') return true;
  if (given === 'all' || held === 'none') return false;
  if (given === 'own' && held === 'own') return true;
  if (held === 'subtree') return directory.contains(position.unitId, place.unitId);
  return held === 'unit' && scopeRank(given) <= scopeRank('unit') && position.unitId === place.unitId && !place.anywhereBelow;
}

/**
 * The keys whose rights differ between the two sides: the given side's own
 * keys, and when it has `*`, every key the holder names too (its `*`
 * reaches those, where the holder may hold less).
 */
function keysToCompare(given: Record<string, unknown>, held: readonly Record<string, unknown>[]): string[] {
  const keys = new Set(Object.keys(given));
  if (keys.has('*')) for (const h of held) for (const k of Object.keys(h)) keys.add(k);
  return [...keys];
}

function grantOf(entities: Record<string, EntityGrant>, key: string): EntityGrant | undefined {
  return entities[key] ?? entities['*'];
}

function accessOf(fields: Record<string, FieldAccess>, key: string): FieldAccess {
  return fields[key] ?? fields['*'] ?? 'hidden';
}
