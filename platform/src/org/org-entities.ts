import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * A foreign key whose property holds the referenced id (not an entity), so
 * rows stay plain data; MikroORM still declares the constraint.
 */
function foreignKey(entity: () => EntitySchema<any>, column: string, options: { nullable?: boolean; deleteRule?: 'set null' | 'restrict' } = {}): never {
  return { kind: 'm:1', entity, mapToPk: true, fieldName: column, nullable: options.nullable ?? false, ...(options.deleteRule ? { deleteRule: options.deleteRule } : {}) } as never;
}

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

export const OrgUnitKindEntity: EntitySchema<OrgUnitKindRow> = new EntitySchema<OrgUnitKindRow>({
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

export const OrgUnitEntity: EntitySchema<OrgUnitRow> = new EntitySchema<OrgUnitRow>({
  name: 'LatticeOrgUnit',
  tableName: 'lattice_org_unit',
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', length: 64, unique: 'lattice_org_unit__key' },
    name: { type: 'json' },
    kind: foreignKey(() => OrgUnitKindEntity, 'kind'),
    parentId: foreignKey(() => OrgUnitEntity, 'parent_id', { nullable: true, deleteRule: 'restrict' }),
    path: { type: 'text' },
    depth: { type: 'integer' },
    headUserId: foreignKey(() => UserEntity, 'head_user_id', { nullable: true, deleteRule: 'set null' }),
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
  indexes: [{ name: 'lattice_org_unit__parent', properties: ['parentId'] }],
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

export const OrgUnitMoveEntity: EntitySchema<OrgUnitMoveRow> = new EntitySchema<OrgUnitMoveRow>({
  name: 'LatticeOrgUnitMove',
  tableName: 'lattice_org_unit_move',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    unitId: foreignKey(() => OrgUnitEntity, 'unit_id'),
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
  /** A platform admin acts without row scope or field limits, like the platform itself (still audited under their login). */
  platformAdmin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const UserEntity: EntitySchema<UserRow> = new EntitySchema<UserRow>({
  name: 'LatticeUser',
  tableName: 'lattice_user',
  properties: {
    id: { type: 'uuid', primary: true },
    login: { type: 'string', length: 100, unique: 'lattice_user__login' },
    displayName: { type: 'string', length: 200 },
    email: { type: 'string', length: 254, nullable: true },
    phone: { type: 'string', length: 20, nullable: true },
    supervisorId: foreignKey(() => UserEntity, 'supervisor_id', { nullable: true, deleteRule: 'set null' }),
    status: { type: 'string', length: 16 },
    platformAdmin: { type: 'boolean', default: false },
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

export const PositionEntity: EntitySchema<PositionRow> = new EntitySchema<PositionRow>({
  name: 'LatticePosition',
  tableName: 'lattice_position',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: foreignKey(() => UserEntity, 'user_id'),
    unitId: foreignKey(() => OrgUnitEntity, 'unit_id'),
    roleKey: foreignKey(() => RoleEntity, 'role_key'),
    isPrimary: { type: 'boolean', default: false },
    validFrom: { type: 'datetime', columnType: 'timestamptz' },
    validTo: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'lattice_position__user', properties: ['userId'] }, { name: 'lattice_position__unit', properties: ['unitId'] }],
});

export interface RoleRow {
  key: string;
  label: unknown;
  description?: string | null;
  /** A permissions document (`security/role-permissions.ts`). */
  permissions: unknown;
  builtin: boolean;
  updatedAt: Date;
  /** Who last changed the role (null: created by the platform). */
  updatedBy?: string | null;
}

export const RoleEntity: EntitySchema<RoleRow> = new EntitySchema<RoleRow>({
  name: 'LatticeRole',
  tableName: 'lattice_role',
  properties: {
    key: { type: 'string', length: 48, primary: true },
    label: { type: 'json' },
    description: { type: 'text', nullable: true },
    permissions: { type: 'json' },
    builtin: { type: 'boolean', default: false },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedBy: { type: 'string', length: 100, nullable: true },
  },
});

export const ORG_ENTITIES = [OrgUnitKindEntity, OrgUnitEntity, OrgUnitMoveEntity, UserEntity, PositionEntity, RoleEntity];
