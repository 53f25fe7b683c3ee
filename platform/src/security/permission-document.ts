import { z } from 'zod';

/**
 * What a role may do, as a document admins edit (roles are configuration):
 * per entity (by key, or `*` for every entity without its own entry) a row
 * scope per operation and an allow-list of fields (by key, or `*`): a field
 * a role was not granted is hidden from it, so a new field stays hidden
 * until someone grants it.
 */
export const ROW_SCOPES = ['none', 'own', 'unit', 'subtree', 'all'] as const;
export type RowScope = (typeof ROW_SCOPES)[number];

export const FIELD_ACCESS = ['hidden', 'read', 'write'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

/** Platform abilities outside records. A closed set: each is checked by name where it applies. */
export const CAPABILITIES = [
  'metadata.read', // read drafts, plans and versions
  'metadata.publish', // save drafts, publish, roll back
  'layers.edit', // edit and publish the metadata layers of the holder's unit and the units below it
  'org.manage', // units, users, positions and roles within the holder's subtree
  'audit.read', // audit entries of records the holder may read, beyond their own
  'access-log.read', // the serve-anywhere and personal-data access log of the holder's subtree
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const scope = z.enum(ROW_SCOPES);

export const entityGrantSchema = z.strictObject({
  read: scope.default('none'),
  create: scope.default('none'),
  update: scope.default('none'),
  delete: scope.default('none'),
  fields: z.record(z.string(), z.enum(FIELD_ACCESS)).default({}),
});

export type EntityGrant = z.infer<typeof entityGrantSchema>;

/**
 * Serving a customer from outside one's scope (异地服务): which exact
 * identifier combinations (field keys, all required together) prove the
 * customer is present, how long the access lasts, and how many refused
 * attempts in a window stop further tries.
 */
export const serveAnywherePolicySchema = z.strictObject({
  identify: z.array(z.array(z.string()).min(2)).min(1),
  minutes: z.number().int().positive(),
  access: z.enum(['read', 'update']).default('update'),
  refusals: z.strictObject({ limit: z.number().int().positive(), windowMinutes: z.number().int().positive() }).optional(),
});

export type ServeAnywherePolicy = z.infer<typeof serveAnywherePolicySchema>;

export const permissionDocumentSchema = z.strictObject({
  entities: z.record(z.string(), entityGrantSchema).default({}),
  capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  /** By entity key. */
  serveAnywhere: z.record(z.string(), serveAnywherePolicySchema).default({}),
});

export type PermissionDocument = z.infer<typeof permissionDocumentSchema>;
export type PermissionDocumentInput = z.input<typeof permissionDocumentSchema>;

export type RecordOperation = 'read' | 'create' | 'update' | 'delete';

/** Order of scopes, widest last: a union of grants takes the widest. */
export const scopeRank = (s: RowScope): number => ROW_SCOPES.indexOf(s);
export const fieldRank = (a: FieldAccess): number => FIELD_ACCESS.indexOf(a);
