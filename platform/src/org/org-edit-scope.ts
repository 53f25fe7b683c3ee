import type { Problem } from '@lattice/runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { ActorGrants } from '../security/actor-grants.js';
import type { OrgDirectory } from './org-directory.js';
import type { OrgDocument } from './org-document.js';
import { PositionEntity, UserEntity } from './org-entities.js';

/**
 * What an org file may touch, for an actor holding `org.manage` in some
 * units: units inside those subtrees (a new unit by its parent), users whose
 * every position is inside them, and roles only when the actor manages a
 * root (roles apply everywhere). Every violation is reported at once.
 */
export async function checkOrgEditScope(em: EntityManager, doc: OrgDocument, grants: ActorGrants, directory: OrgDirectory): Promise<void> {
  if (grants.isUnrestricted) return;
  const managed = grants.unitsWith('org.manage').flatMap((id) => directory.byId(id) ?? []);
  if (managed.length === 0) throw LatticeError.capabilityMissing('org.manage');
  const inside = (key: string | null | undefined) => {
    const unit = key ? directory.byKey(key) : undefined;
    return !!unit && managed.some((m) => unit.path.startsWith(m.path));
  };
  const newKeys = new Set(doc.units.filter((u) => !directory.byKey(u.key)).map((u) => u.key));
  const insideOrNew = (key: string | null | undefined): boolean => {
    if (!key) return false;
    if (!newKeys.has(key)) return inside(key);
    return insideOrNew(doc.units.find((u) => u.key === key)?.parent);
  };
  const problems: Problem[] = [];
  const outside = (path: string, message: string) => problems.push({ code: 'permission.outside-scope', path, message });

  if (doc.roles.length && !managed.some((m) => m.parentId === null)) outside('roles', 'Roles apply to the whole organisation: only an admin of the top unit may change them');
  if (doc.unitKinds.length && !managed.some((m) => m.parentId === null)) outside('unitKinds', 'Unit kinds apply to the whole organisation: only an admin of the top unit may change them');
  if (doc.sharingRules.length && !managed.some((m) => m.parentId === null)) outside('sharingRules', 'Sharing rules apply to the whole organisation: only an admin of the top unit may change them');
  doc.units.forEach((unit, i) => {
    if (!insideOrNew(unit.key) || (unit.parent && !insideOrNew(unit.parent))) outside(`units[${i}]`, `Unit "${unit.key}" is outside the part of the organisation you manage`);
  });
  doc.users.forEach((user, i) => {
    if (user.platformAdmin) outside(`users[${i}].platformAdmin`, 'Only a platform admin may make someone a platform admin');
  });
  const existing = new Map((await em.find(UserEntity, { login: { $in: doc.users.map((u) => u.login) } })).map((u) => [u.login, u.id]));
  for (const [i, user] of doc.users.entries()) {
    user.positions.forEach((p, k) => {
      if (!insideOrNew(p.unit)) outside(`users[${i}].positions[${k}].unit`, `Unit "${p.unit}" is outside the part of the organisation you manage`);
    });
    const id = existing.get(user.login);
    if (!id) continue;
    const held = await em.find(PositionEntity, { userId: id, validTo: null });
    if (held.some((p) => !inside(directory.byId(p.unitId)?.key))) outside(`users[${i}]`, `User "${user.login}" also holds positions outside the part of the organisation you manage`);
  }
  if (problems.length) throw LatticeError.invalidRecord('organisation', problems);
}
