import { z } from 'zod';
import { permissionDocumentSchema } from '../security/permission-document.js';
import { sharingRuleSchema } from '../security/sharing-rule.document.js';

/**
 * The organisation as a file (YAML or JSON), for bulk import and for the
 * example: unit kinds, units (by key, with their parent's key), roles and
 * users with their positions. Importing upserts by key and login, so the
 * same file can be applied again after edits.
 */
const code = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a key is lower-case letters, digits and _, starting with a letter');
const label = z.union([z.string().min(1), z.record(z.string(), z.string())]);

export const orgDocumentSchema = z.strictObject({
  unitKinds: z.array(z.strictObject({ key: code, label, mayOwnLayer: z.boolean().default(false) })).default([]),
  units: z.array(z.strictObject({ key: code, name: label, kind: code, parent: code.nullable().optional(), head: z.string().optional() })).default([]),
  roles: z.array(z.strictObject({ key: code, label, description: z.string().optional(), permissions: permissionDocumentSchema })).default([]),
  sharingRules: z.array(sharingRuleSchema).default([]),
  users: z
    .array(
      z.strictObject({
        login: z.string().min(2).max(100).regex(/^[a-z0-9._-]+$/, 'a login is lower-case letters, digits, ".", "_" or "-"'),
        displayName: z.string().min(1).max(200),
        email: z.email().optional(),
        phone: z.string().regex(/^\d{5,20}$/).optional(),
        supervisor: z.string().optional(),
        /** Unrestricted, like the platform itself: for the few who run the installation. Left out: unchanged (new users: no). */
        platformAdmin: z.boolean().optional(),
        /** A disabled user cannot sign in and their sessions end. Left out: unchanged (new users: active). */
        status: z.enum(['active', 'disabled']).optional(),
        /** Initial password (the example's users); people change it at first sign-in. */
        password: z.string().optional(),
        /** The user's current positions (others end). Left out: unchanged. */
        positions: z.array(z.strictObject({ unit: code, role: code, primary: z.boolean().optional() })).optional(),
      }),
    )
    .default([]),
});

export type OrgDocument = z.infer<typeof orgDocumentSchema>;
export type OrgDocumentInput = z.input<typeof orgDocumentSchema>;
