import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import { OrgUnitKindEntity, PositionEntity, RoleEntity, UserEntity, type UserRow } from '../org/org-entities.js';
import type { OrgService } from '../org/org-service.js';
import type { OrgUnit } from '../org/org-directory.js';
import type { AdminContext } from './admin-context.js';

export const orgTypeDefs = /* GraphQL */ `
  type OrgUnitKind { key: String!, label: JSON!, mayOwnLayer: Boolean! }
  type OrgUnit {
    id: ID!
    key: String!
    name: JSON!
    kind: String!
    path: String!
    depth: Int!
    parent: OrgUnit
    children: [OrgUnit!]!
    "The unit and its ancestors, nearest first"
    ancestry: [OrgUnit!]!
    head: User
  }
  type Position { unit: OrgUnit!, role: String!, primary: Boolean!, validFrom: DateTime!, validTo: DateTime }
  type User {
    id: ID!
    login: String!
    displayName: String!
    "Only to platform admins, the user themselves, and admins of a unit where the user holds a position (else null)"
    email: String
    "As email"
    phone: String
    "active or disabled"
    status: String!
    supervisor: User
    "Supervisor, their supervisor, and so on: where escalations and approvals go"
    reportingLine: [User!]!
    "Current positions; with history: true, ended ones too (empty for a reader who may not see the user's contact data)"
    positions(history: Boolean = false): [Position!]!
  }
  type Role { key: String!, label: JSON!, description: String, permissions: JSON!, builtin: Boolean!, updatedAt: DateTime!, updatedBy: String }
  type OrgImportResult { unitKinds: Int!, units: Int!, moved: Int!, roles: Int!, users: Int!, positionsStarted: Int!, positionsEnded: Int! }

  extend type Query {
    orgUnitKinds: [OrgUnitKind!]!
    "Units in the tree (under a unit, when given), in path order"
    orgUnits(under: String): [OrgUnit!]!
    orgUnit(key: String!): OrgUnit
    "Users holding a position in the unit's subtree (default: in the subtrees you manage)"
    users(unit: String): [User!]!
    "Null for a user outside the subtrees you manage"
    user(login: String!): User
    roles: [Role!]!
  }
  extend type Mutation {
    "Applies an org file (units, roles, users and positions), upserting by key and login, in one transaction"
    importOrg(source: JSON!): OrgImportResult!
    "Sets one entity's grant of a role (row scope per operation, field access), the rest of the role kept; grant: null removes it. Bounded like an org file: nobody grants more than they hold"
    grantRoleEntity(role: String!, entity: String!, grant: JSON): Role!
    "Moves a unit and its subtree under another parent; their records move with them; the move is kept"
    moveOrgUnit(unit: String!, parent: String!): OrgUnit!
  }
`;

type Args = Record<string, any>;

/** Resolvers of the organisation part of the admin API; each checks the capability it needs. */
export function orgResolvers(org: OrgService, orm: MikroORM) {
  const em = () => orm.em.fork() as EntityManager;
  const unitByKey = (key: string) => org.directory.byKey(key);
  /**
   * Whether the reader sees a user's contact data and positions: a platform
   * admin, the user themselves, or an admin (`org.manage`) of a unit where
   * the user holds a current position. Anyone else (a unit's head, a
   * supervisor up the line) shows only their login, name and status.
   */
  const seesUser = async (c: AdminContext, u: UserRow): Promise<boolean> => {
    if (c.actor.grants.isUnrestricted || c.actor.id === u.id) return true;
    const managed = c.actor.grants.unitsWith('org.manage');
    if (managed.length === 0) return false;
    const held = await em().find(PositionEntity, { userId: u.id, validTo: null });
    return held.some((p) => managed.some((m) => org.directory.contains(m, p.unitId)));
  };
  return {
    Query: {
      orgUnitKinds: async () => em().find(OrgUnitKindEntity, {}, { orderBy: { position: 'asc' } }),
      orgUnits: (_r: unknown, a: Args) => {
        const all = [...org.directory.all()].sort((x, y) => x.path.localeCompare(y.path));
        const under = a['under'] ? unitByKey(a['under']) : undefined;
        if (a['under'] && !under) throw LatticeError.notFound(`Org unit ${a['under']}`);
        return under ? all.filter((u) => u.path.startsWith(under.path)) : all;
      },
      orgUnit: (_r: unknown, a: Args) => unitByKey(a['key']) ?? null,
      users: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage');
        const unit = a['unit'] ? unitByKey(a['unit']) : undefined;
        if (a['unit'] && !unit) throw LatticeError.notFound(`Org unit ${a['unit']}`);
        if (unit && !org.manages(c.actor, unit.id)) throw LatticeError.outsideScope('organisation', 'unit', `The users of "${unit.key}" are outside the part of the organisation you manage`);
        // A regional admin lists the users holding a position in the subtrees they manage, and no one else.
        const units = unit ? [unit.id] : c.actor.grants.isUnrestricted ? null : c.actor.grants.unitsWith('org.manage');
        const ids = units && (await em().find(PositionEntity, { unitId: { $in: [...new Set(units.flatMap((id) => org.directory.subtreeIds(id)))] }, validTo: null })).map((p) => p.userId);
        return em().find(UserEntity, ids ? { id: { $in: ids } } : {}, { orderBy: { login: 'asc' } });
      },
      user: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage');
        const user = await em().findOne(UserEntity, { login: String(a['login']).toLowerCase() });
        // Someone outside what the reader manages answers as one who does not exist.
        return user && (await seesUser(c, user)) ? user : null;
      },
      roles: async (_r: unknown, _a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage', 'metadata.read');
        return em().find(RoleEntity, {}, { orderBy: { key: 'asc' } });
      },
    },
    Mutation: {
      importOrg: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage');
        return org.importDocument(a['source'], c.actor);
      },
      grantRoleEntity: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage');
        return org.editRoleEntity({ role: String(a['role']), entity: String(a['entity']), grant: a['grant'] ?? null }, c.actor);
      },
      moveOrgUnit: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('org.manage');
        await org.moveUnit(a['unit'], a['parent'], c.actor);
        return unitByKey(a['unit']);
      },
    },
    OrgUnit: {
      parent: (u: OrgUnit) => (u.parentId ? org.directory.byId(u.parentId) : null),
      children: (u: OrgUnit) => org.directory.children(u.id),
      ancestry: (u: OrgUnit) => org.directory.ancestry(u.id),
      head: async (u: OrgUnit) => (u.headUserId ? em().findOne(UserEntity, { id: u.headUserId }) : null),
    },
    User: {
      email: async (u: UserRow, _a: Args, c: AdminContext) => ((await seesUser(c, u)) ? (u.email ?? null) : null),
      phone: async (u: UserRow, _a: Args, c: AdminContext) => ((await seesUser(c, u)) ? (u.phone ?? null) : null),
      supervisor: async (u: UserRow) => (u.supervisorId ? em().findOne(UserEntity, { id: u.supervisorId }) : null),
      reportingLine: async (u: UserRow) => {
        const line = await org.reportingLine(u.id);
        return line.length ? em().find(UserEntity, { id: { $in: line.map((l) => l.id) } }).then((rows) => line.map((l) => rows.find((r) => r.id === l.id))) : [];
      },
      positions: async (u: UserRow, a: Args, c: AdminContext) => {
        if (!(await seesUser(c, u))) return [];
        const rows = await em().find(PositionEntity, { userId: u.id, ...(a['history'] ? {} : { validTo: null }) }, { orderBy: { validFrom: 'asc' } });
        return rows.map((p) => ({ unit: org.directory.byId(p.unitId), role: p.roleKey, primary: p.isPrimary, validFrom: p.validFrom, validTo: p.validTo ?? null }));
      },
    },
  };
}
