import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * The organisation as configuration: unit kinds, the unit tree, users with a
 * reporting line, positions (a user holds a role in a unit) and roles with
 * their permission documents. Ordinary platform tables with a migration.
 */
export interface OrgUnitKindRow {
  key: string;
  label: unknown;
  /** Whether a unit of this kind may own a metadata layer. */
  mayOwnLayer: boolean;
  position: number;
}

export const OrgUnitKindEntity = new EntitySchema<OrgUnitKindRow>({
  name: 'LatticeOrgUnitKind',
  tableName: 'lattice_org_unit_kind',
  properties: {
    key: { type: 'string', length: 48, primary: true },
    label: { type: 'json' },
    mayOwnLayer: { type: 'boolean', default: false },
    position: { type: 'integer', default: 0 },
  },
});

export interface OrgUnitRow {
  id: string;
  /** Stable code (e.g. `sc_cd`): imports, layers and paths use it. */
  key: string;
  name: unknown;
  kind: string;
  parentId?: string | null;
  /** Keys from the root, `/group/sc/sc_cd/`: a subtree is a prefix. */
  path: string;
  depth: number;
  headUserId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const OrgUnitEntity = new EntitySchema<OrgUnitRow>({
  name: 'LatticeOrgUnit',
  tableName: 'lattice_org_unit',
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', length: 64, unique: 'lattice_org_unit__key' },
    name: { type: 'json' },
    kind: { type: 'string', length: 48 },
    parentId: { type: 'uuid', nullable: true },
    path: { type: 'text' },
    depth: { type: 'integer' },
    headUserId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** Every move of a unit, so that "where was this hall in March" stays answerable. */
export interface OrgUnitMoveRow {
  id?: string;
  unitId: string;
  fromParentId?: string | null;
  toParentId?: string | null;
  fromPath: string;
  toPath: string;
  at: Date;
  by?: string | null;
}

export const OrgUnitMoveEntity = new EntitySchema<OrgUnitMoveRow>({
  name: 'LatticeOrgUnitMove',
  tableName: 'lattice_org_unit_move',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    unitId: { type: 'uuid' },
    fromParentId: { type: 'uuid', nullable: true },
    toParentId: { type: 'uuid', nullable: true },
    fromPath: { type: 'text' },
    toPath: { type: 'text' },
    at: { type: 'datetime', columnType: 'timestamptz' },
    by: { type: 'string', length: 200, nullable: true },
  },
});

export interface UserRow {
  id: string;
  /** Sign-in name, stored lower-case. */
  login: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  /** The reporting line: "my supervisor" for escalations and approvals. */
  supervisorId?: string | null;
  status: 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'LatticeUser',
  tableName: 'lattice_user',
  properties: {
    id: { type: 'uuid', primary: true },
    login: { type: 'string', length: 100, unique: 'lattice_user__login' },
    displayName: { type: 'string', length: 200 },
    email: { type: 'string', length: 254, nullable: true },
    phone: { type: 'string', length: 20, nullable: true },
    supervisorId: { type: 'uuid', nullable: true },
    status: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** A user holds a role in a unit from `validFrom`; ending a position sets `validTo` (history is kept). */
export interface PositionRow {
  id: string;
  userId: string;
  unitId: string;
  roleKey: string;
  isPrimary: boolean;
  validFrom: Date;
  validTo?: Date | null;
}

export const PositionEntity = new EntitySchema<PositionRow>({
  name: 'LatticePosition',
  tableName: 'lattice_position',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    unitId: { type: 'uuid' },
    roleKey: { type: 'string', length: 48 },
    isPrimary: { type: 'boolean', default: false },
    validFrom: { type: 'datetime', columnType: 'timestamptz' },
    validTo: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export interface RoleRow {
  key: string;
  label: unknown;
  description?: string | null;
  /** A permissions document (`security/role-permissions.ts`). */
  permissions: unknown;
  builtin: boolean;
  updatedAt: Date;
}

export const RoleEntity = new EntitySchema<RoleRow>({
  name: 'LatticeRole',
  tableName: 'lattice_role',
  properties: {
    key: { type: 'string', length: 48, primary: true },
    label: { type: 'json' },
    description: { type: 'text', nullable: true },
    permissions: { type: 'json' },
    builtin: { type: 'boolean', default: false },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const ORG_ENTITIES = [OrgUnitKindEntity, OrgUnitEntity, OrgUnitMoveEntity, UserEntity, PositionEntity, RoleEntity];
