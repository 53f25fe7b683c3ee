import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { OrgUnitEntity, OrgUnitKindEntity, OrgUnitMoveEntity, PositionEntity, RoleEntity, UserEntity, type OrgUnitRow, type UserRow } from './org-entities.js';
import { orgDocumentSchema, type OrgDocument } from './org-document.js';
import { SharingRuleEntity } from '../security/sharing-entities.js';

export interface OrgImportResult {
  unitKinds: number;
  units: number;
  moved: number;
  roles: number;
  users: number;
  positionsStarted: number;
  positionsEnded: number;
  /** Users created by this import, with the initial password the file gave them. */
  newUsers: { id: string; login: string; password?: string }[];
}

const localized = (label: string | Record<string, string>) => (typeof label === 'string' ? { 'zh-CN': label, en: label } : label);

/** Checks an org file's shape; every problem at once, with its path in the file. */
export function parseOrgDocument(input: unknown): OrgDocument {
  const parsed = orgDocumentSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw LatticeError.invalidInput(
    parsed.error.issues[0]?.path.join('.') ?? '',
    `The org file has ${parsed.error.issues.length} problem(s): ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
}

/**
 * Applies an org file in one transaction: kinds, roles, units (parents
 * before children; a unit whose parent changed is moved, and the move is
 * kept), users, supervisors, then each listed user's current positions (the
 * positions a file lists for a user are the current ones: others end today,
 * history stays; a user listed without positions keeps theirs).
 */
export async function importOrg(em: EntityManager, doc: OrgDocument, by: string): Promise<OrgImportResult> {
  const now = new Date();
  const result: OrgImportResult = { unitKinds: 0, units: 0, moved: 0, roles: 0, users: 0, positionsStarted: 0, positionsEnded: 0, newUsers: [] };
  const problems: Problem[] = [];

  for (const kind of doc.unitKinds) {
    await em.upsert(OrgUnitKindEntity, { key: kind.key, label: localized(kind.label), mayOwnLayer: kind.mayOwnLayer, position: result.unitKinds++ });
  }
  for (const role of doc.roles) {
    await em.upsert(RoleEntity, { key: role.key, label: localized(role.label), description: role.description ?? null, permissions: role.permissions, builtin: false, updatedAt: now, updatedBy: by });
    result.roles++;
  }
  const kinds = new Set((await em.find(OrgUnitKindEntity, {})).map((k) => k.key));
  const units = new Map((await em.find(OrgUnitEntity, {})).map((u) => [u.key, u]));
  const order = parentsFirst(doc, units, problems);
  for (const { item, index } of order) {
    if (!kinds.has(item.kind)) problems.push({ code: 'org.unknown-kind', path: `units[${index}].kind`, message: `Unit kind "${item.kind}" is not defined`, hint: 'Add it under unitKinds' });
  }
  if (problems.length) throw LatticeError.invalidRecord('organisation', problems);

  for (const { item } of order) {
    const parent = item.parent ? (units.get(item.parent) as OrgUnitRow) : undefined;
    const path = `${parent?.path ?? '/'}${item.key}/`;
    const existing = units.get(item.key);
    if (!existing) {
      const row = em.create(OrgUnitEntity, { id: randomUUID(), key: item.key, name: localized(item.name), kind: item.kind, parentId: parent?.id ?? null, path, depth: parent ? parent.depth + 1 : 0, createdAt: now, updatedAt: now });
      units.set(item.key, row);
    } else {
      em.assign(existing, { name: localized(item.name), kind: item.kind, updatedAt: now });
      if (existing.path !== path) {
        await moveSubtree(em, existing, parent ?? null, path, by, now);
        result.moved++;
      }
    }
    result.units++;
  }
  await em.flush();

  const roles = new Set((await em.find(RoleEntity, {})).map((r) => r.key));
  const users = new Map((await em.find(UserEntity, {})).map((u) => [u.login, u]));
  for (const [i, user] of doc.users.entries()) {
    for (const [k, p] of (user.positions ?? []).entries()) {
      if (!units.has(p.unit)) problems.push({ code: 'org.unknown-unit', path: `users[${i}].positions[${k}].unit`, message: `Unit "${p.unit}" does not exist` });
      if (!roles.has(p.role)) problems.push({ code: 'org.unknown-role', path: `users[${i}].positions[${k}].role`, message: `Role "${p.role}" does not exist` });
    }
    if (user.supervisor && !users.has(user.supervisor) && !doc.users.some((u) => u.login === user.supervisor)) {
      problems.push({ code: 'org.unknown-supervisor', path: `users[${i}].supervisor`, message: `Supervisor "${user.supervisor}" is not a user` });
    }
  }
  for (const [i, unit] of doc.units.entries()) {
    if (unit.head && !users.has(unit.head) && !doc.users.some((u) => u.login === unit.head)) problems.push({ code: 'org.unknown-head', path: `units[${i}].head`, message: `Head "${unit.head}" is not a user` });
  }
  if (problems.length) throw LatticeError.invalidRecord('organisation', problems);

  for (const user of doc.users) {
    const existing = users.get(user.login);
    // What gives rights or access (platform admin, status) changes only when the file says so.
    const values = { displayName: user.displayName, email: user.email ?? null, phone: user.phone ?? null, ...(user.platformAdmin === undefined ? {} : { platformAdmin: user.platformAdmin }), ...(user.status ? { status: user.status } : {}), updatedAt: now };
    if (existing) em.assign(existing, values);
    else {
      const row = em.create(UserEntity, { id: randomUUID(), login: user.login, status: 'active', platformAdmin: false, createdAt: now, ...values } as UserRow);
      users.set(user.login, row);
      result.newUsers.push({ id: row.id, login: row.login, ...(user.password ? { password: user.password } : {}) });
    }
    result.users++;
  }
  await em.flush();
  for (const user of doc.users) {
    const row = users.get(user.login) as UserRow;
    row.supervisorId = user.supervisor ? (users.get(user.supervisor)?.id ?? null) : null;
    if (!user.positions) continue;
    const current = await em.find(PositionEntity, { userId: row.id, validTo: null });
    const wanted = user.positions.map((p) => ({ unitId: (units.get(p.unit) as OrgUnitRow).id, roleKey: p.role, isPrimary: p.primary ?? false }));
    for (const position of current) {
      const keep = wanted.find((w) => w.unitId === position.unitId && w.roleKey === position.roleKey);
      if (keep) position.isPrimary = keep.isPrimary;
      else {
        position.validTo = now;
        result.positionsEnded++;
      }
    }
    for (const w of wanted) {
      if (current.some((c) => c.unitId === w.unitId && c.roleKey === w.roleKey)) continue;
      em.create(PositionEntity, { id: randomUUID(), userId: row.id, ...w, validFrom: now });
      result.positionsStarted++;
    }
  }
  for (const unit of doc.units) {
    if (unit.head) (units.get(unit.key) as OrgUnitRow).headUserId = users.get(unit.head)?.id ?? null;
  }
  for (const rule of doc.sharingRules) await em.upsert(SharingRuleEntity, { key: rule.key, entityKey: rule.entity, rule, updatedAt: now });
  await em.flush();
  return result;
}

/** Units ordered so that each comes after its parent; unknown parents and cycles are problems. */
function parentsFirst(doc: OrgDocument, stored: Map<string, OrgUnitRow>, problems: Problem[]) {
  const inFile = new Map(doc.units.map((u, index) => [u.key, { item: u, index }]));
  const out: { item: OrgDocument['units'][number]; index: number }[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string, trail: string[]) => {
    const entry = inFile.get(key);
    if (!entry || state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      problems.push({ code: 'org.cycle', path: `units[${entry.index}].parent`, message: `Units form a cycle: ${[...trail, key].join(' → ')}` });
      return;
    }
    state.set(key, 'visiting');
    const parent = entry.item.parent;
    if (parent && !inFile.has(parent) && !stored.has(parent)) problems.push({ code: 'org.unknown-parent', path: `units[${entry.index}].parent`, message: `Parent unit "${parent}" does not exist` });
    if (parent) visit(parent, [...trail, key]);
    state.set(key, 'done');
    out.push(entry);
  };
  for (const key of inFile.keys()) visit(key, []);
  return out;
}

/** Moves a unit under a new parent: its subtree's paths follow, its records stay with it. */
export async function moveSubtree(em: EntityManager, unit: OrgUnitRow, parent: OrgUnitRow | null, path: string, by: string, now: Date): Promise<void> {
  if (parent && parent.path.startsWith(unit.path)) throw LatticeError.invalidInput('parent', `Unit "${unit.key}" cannot move under its own subtree ("${parent.key}")`);
  em.create(OrgUnitMoveEntity, { unitId: unit.id, fromParentId: unit.parentId ?? null, toParentId: parent?.id ?? null, fromPath: unit.path, toPath: path, at: now, by });
  const depthChange = (parent ? parent.depth + 1 : 0) - unit.depth;
  await em.flush();
  await em.execute(`update lattice_org_unit set path = ? || substr(path, ?), depth = depth + ?, updated_at = ? where starts_with(path, ?) and id <> ?`, [path, unit.path.length + 1, depthChange, now, unit.path, unit.id]);
  em.assign(unit, { parentId: parent?.id ?? null, path, depth: unit.depth + depthChange, updatedAt: now });
}
