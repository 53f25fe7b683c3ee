import type { Problem } from '@lattice/runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { ActorGrants } from '../security/actor-grants.js';
import { rightsBeyond, type GrantPlace } from '../security/grant-bounds.js';
import { permissionDocumentSchema, type PermissionDocument } from '../security/permission-document.js';
import { SharingRuleEntity } from '../security/sharing-entities.js';
import { sharingRuleSchema, type SharingRule } from '../security/sharing-rule.document.js';
import type { OrgDirectory, OrgUnit } from './org-directory.js';
import type { OrgDocument } from './org-document.js';
import { PositionEntity, RoleEntity, UserEntity } from './org-entities.js';

/**
 * What an org file may touch, for an actor who is not a platform admin and
 * holds `org.manage` in some units (every violation is reported at once, as
 * FORBIDDEN, and nothing of the file is applied):
 * - units inside those subtrees (a new unit by its parent); no unit becomes a
 *   top unit;
 * - roles, unit kinds and sharing rules only for an admin of a top unit (they
 *   apply everywhere), and a role or a sharing rule only when both its
 *   current and its new rights (a rule: reading, or changing, its entity's
 *   records anywhere) are covered by the editor's rights everywhere
 *   (`grant-bounds.ts`);
 * - positions only inside those subtrees, and only of roles covered by the
 *   editor's rights in that unit;
 * - existing users only when they are not platform admins, hold at least one
 *   current position, and every current position is inside those subtrees
 *   and of a role the editor could have given there: nobody edits, renames,
 *   disables or demotes someone who holds rights they lack. A user with no
 *   current position belongs to the platform admins;
 * - new users only with a position there (else nobody below could edit them).
 */
export async function checkOrgEditScope(em: EntityManager, doc: OrgDocument, grants: ActorGrants, directory: OrgDirectory): Promise<void> {
  if (grants.isUnrestricted) return;
  const managed = grants.unitsWith('org.manage').flatMap((id) => directory.byId(id) ?? []);
  if (managed.length === 0) throw LatticeError.capabilityMissing('org.manage');
  const topAdmin = managed.some((m) => m.parentId === null);
  const inside = (unit: OrgUnit | undefined) => !!unit && managed.some((m) => unit.path.startsWith(m.path));
  const inFile = new Map(doc.units.map((u) => [u.key, u]));
  /** Where a unit of the file sits: an existing unit, or the nearest existing unit above a new one (the new one is below it). */
  const placeOf = (key: string | null | undefined, seen = new Set<string>()): GrantPlace | undefined => {
    if (!key || seen.has(key)) return undefined;
    const stored = directory.byKey(key);
    if (stored) return { unitId: stored.id };
    const above = placeOf(inFile.get(key)?.parent, seen.add(key));
    return above && { unitId: above.unitId, anywhereBelow: true };
  };
  const insideOrNew = (key: string | null | undefined) => {
    const place = placeOf(key);
    return !!place && inside(directory.byId(place.unitId));
  };
  const problems: Problem[] = [];
  const refuse = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const outside = (path: string, message: string) => refuse('permission.outside-scope', path, message);

  if (!topAdmin) {
    if (doc.roles.length) outside('roles', 'Roles apply to the whole organisation: only an admin of the top unit may change them');
    if (doc.unitKinds.length) outside('unitKinds', 'Unit kinds apply to the whole organisation: only an admin of the top unit may change them');
    if (doc.sharingRules.length) outside('sharingRules', 'Sharing rules apply to the whole organisation: only an admin of the top unit may change them');
  }
  const roles = new Map((await em.find(RoleEntity, {})).map((r) => [r.key, permissionDocumentSchema.parse(r.permissions)]));
  const roots = [...directory.all()].filter((u) => u.parentId === null);
  const beyondEverywhere = (permissions: PermissionDocument) => [...new Set(roots.flatMap((root) => rightsBeyond(grants, permissions, { unitId: root.id, anywhereBelow: true }, directory)))];
  doc.roles.forEach((role, i) => {
    if (!topAdmin) return;
    const current = roles.get(role.key);
    const held = current ? beyondEverywhere(current) : [];
    if (held.length) refuse('permission.grant-exceeds', `roles[${i}]`, `Role "${role.key}" holds rights you lack (${held.join('; ')}): only someone who holds them may change it`);
    const given = beyondEverywhere(role.permissions);
    if (given.length) refuse('permission.grant-exceeds', `roles[${i}].permissions`, `Role "${role.key}" would give more than you hold: ${given.join('; ')}`);
  });
  // A sharing rule gives its records, wherever they are, for reading or also changing: the editor must hold that everywhere.
  const storedRules = new Map((await em.find(SharingRuleEntity, { key: { $in: doc.sharingRules.map((r) => r.key) } })).map((r) => [r.key, sharingRuleSchema.parse(r.rule)]));
  const rightsOfRule = (rule: SharingRule) => permissionDocumentSchema.parse({ entities: { [rule.entity]: { read: 'subtree', update: rule.access === 'update' ? 'subtree' : 'none' } } });
  doc.sharingRules.forEach((rule, i) => {
    if (!topAdmin) return;
    const current = storedRules.get(rule.key);
    const held = current ? beyondEverywhere(rightsOfRule(current)) : [];
    if (held.length) refuse('permission.grant-exceeds', `sharingRules[${i}]`, `Sharing rule "${rule.key}" shares more than you hold (${held.join('; ')}): only someone who holds it may change it`);
    const given = beyondEverywhere(rightsOfRule(rule));
    if (given.length) refuse('permission.grant-exceeds', `sharingRules[${i}].access`, `Sharing rule "${rule.key}" would share more than you hold: ${given.join('; ')}`);
  });
  doc.units.forEach((unit, i) => {
    if (!insideOrNew(unit.key) || (unit.parent && !insideOrNew(unit.parent))) outside(`units[${i}]`, `Unit "${unit.key}" is outside the part of the organisation you manage`);
    else if (!unit.parent && directory.byKey(unit.key)?.parentId) outside(`units[${i}].parent`, `Unit "${unit.key}" would become a top unit: only a platform admin may make one`);
  });

  // Roles as the file leaves them: a position is checked against the rights it will give.
  const roleAfter = (key: string) => doc.roles.find((r) => r.key === key)?.permissions ?? roles.get(key);
  const beyondAt = (roleKey: string, place: GrantPlace) => {
    const permissions = roleAfter(roleKey);
    return permissions ? rightsBeyond(grants, permissions, place, directory) : []; // an unknown role is the import's to report
  };
  const existing = new Map((await em.find(UserEntity, { login: { $in: doc.users.map((u) => u.login) } })).map((u) => [u.login, u]));
  for (const [i, user] of doc.users.entries()) {
    if (user.platformAdmin) outside(`users[${i}].platformAdmin`, 'Only a platform admin may make someone a platform admin');
    const positions = user.positions ?? [];
    positions.forEach((p, k) => {
      const place = placeOf(p.unit);
      if (!place) return; // an unknown unit is the import's to report
      if (!inside(directory.byId(place.unitId))) return outside(`users[${i}].positions[${k}].unit`, `Unit "${p.unit}" is outside the part of the organisation you manage`);
      const beyond = beyondAt(p.role, place);
      if (beyond.length) refuse('permission.grant-exceeds', `users[${i}].positions[${k}].role`, `Role "${p.role}" in "${p.unit}" gives more than you hold there: ${beyond.join('; ')}`);
    });
    const row = existing.get(user.login);
    if (!row) {
      if (!positions.length) outside(`users[${i}].positions`, `User "${user.login}" needs a position in the part of the organisation you manage`);
      continue;
    }
    if (row.platformAdmin) {
      refuse('permission.user-holds-more', `users[${i}]`, `User "${user.login}" is a platform admin: only a platform admin may change them`);
      continue;
    }
    const held = await em.find(PositionEntity, { userId: row.id, validTo: null });
    if (held.length === 0) outside(`users[${i}]`, `User "${user.login}" holds no position in the part of the organisation you manage`);
    for (const position of held) {
      const unit = directory.byId(position.unitId);
      if (!inside(unit)) {
        outside(`users[${i}]`, `User "${user.login}" also holds a position in "${unit?.key ?? position.unitId}", outside the part of the organisation you manage`);
        continue;
      }
      const stored = roles.get(position.roleKey);
      const beyond = stored ? rightsBeyond(grants, stored, { unitId: position.unitId }, directory) : [];
      if (beyond.length) refuse('permission.user-holds-more', `users[${i}]`, `User "${user.login}" holds role "${position.roleKey}" in "${unit?.key}", which gives more than you hold there (${beyond.join('; ')}): only someone who holds it may change them`);
    }
  }
  if (problems.length) throw LatticeError.orgEditForbidden(problems);
}
