/**
 * A role's grant of one entity as the roles screen edits it, in the shape of
 * the platform's permission documents (`security/permission-document.ts`):
 * a row scope per operation and an allow-list of fields, where `*` stands for
 * every field (or every entity) without an entry of its own.
 */
export const ROW_SCOPES = ['none', 'own', 'unit', 'subtree', 'all'] as const;
export type RowScope = (typeof ROW_SCOPES)[number];
export const OPERATIONS = ['read', 'create', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];
export const FIELD_ACCESS = ['hidden', 'read', 'write'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

export interface EntityGrant {
  read: RowScope;
  create: RowScope;
  update: RowScope;
  delete: RowScope;
  fields: Record<string, FieldAccess>;
}

export interface RolePermissions {
  entities: Record<string, Partial<EntityGrant>>;
  capabilities?: string[];
  serveAnywhere?: Record<string, unknown>;
}

export interface RoleInfo {
  key: string;
  label: unknown;
  description?: string | null;
  permissions: RolePermissions;
  builtin: boolean;
  updatedAt?: string;
  updatedBy?: string | null;
}

const complete = (grant: Partial<EntityGrant> | undefined): EntityGrant => ({
  read: grant?.read ?? 'none',
  create: grant?.create ?? 'none',
  update: grant?.update ?? 'none',
  delete: grant?.delete ?? 'none',
  fields: { ...(grant?.fields ?? {}) },
});

/**
 * The grant to start editing from: the entity's own, or (marked `inherited`)
 * the role's `*` grant, which applies to the entity until it has its own;
 * saving makes it the entity's own.
 */
export function grantForEditing(permissions: RolePermissions, entityKey: string): { grant: EntityGrant; inherited: boolean; exists: boolean } {
  const own = permissions.entities[entityKey];
  if (own) return { grant: complete(own), inherited: false, exists: true };
  const every = permissions.entities['*'];
  return { grant: complete(every), inherited: !!every, exists: false };
}

/** What a field gets: its own entry, else the `*` entry, else hidden (a field no grant names is hidden). */
export function fieldAccess(grant: EntityGrant, fieldKey: string): FieldAccess {
  return grant.fields[fieldKey] ?? grant.fields['*'] ?? 'hidden';
}

/** The grant with a field's access set; an entry equal to what `*` gives is dropped, so the document stays as short as it means. */
export function withFieldAccess(grant: EntityGrant, fieldKey: string, access: FieldAccess): EntityGrant {
  const { [fieldKey]: _old, ...fields } = grant.fields;
  const fallback = fieldKey === '*' ? undefined : (fields['*'] ?? 'hidden');
  return { ...grant, fields: access === fallback ? fields : { ...fields, [fieldKey]: access } };
}

/** The entities a role names, `*` last: a summary beside the role's name. */
export function grantedEntities(permissions: RolePermissions): string[] {
  return Object.keys(permissions.entities).sort((a, b) => (a === '*' ? 1 : b === '*' ? -1 : a.localeCompare(b)));
}
