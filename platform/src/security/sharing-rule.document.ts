import { z } from 'zod';

/**
 * A criteria-based sharing rule: records of `entity` matching `criteria`
 * (the record API's filter language, by field name) are shared — for
 * reading, or also for changing — with units (and their subtrees unless
 * `includeSubtree` is false), with roles, or with everyone who may read the
 * entity at all. Criteria that go through related records (`subscriptions:
 * { some: {} }`) are evaluated with the viewer's own row scope on those
 * records, so "a group customer visible to every unit that serves one of
 * its member lines" is `{ customerClass: { eq: group }, subscriptions: {
 * some: {} } }` shared with everyone.
 */
export const sharingRuleSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a key is lower-case letters, digits and _'),
  entity: z.string().min(1),
  label: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  criteria: z.record(z.string(), z.unknown()),
  shareWith: z
    .strictObject({
      units: z.array(z.string()).default([]),
      includeSubtree: z.boolean().default(true),
      roles: z.array(z.string()).default([]),
      everyone: z.boolean().default(false),
    })
    .refine((s) => s.everyone || s.units.length > 0 || s.roles.length > 0, 'share with at least one unit or role, or with everyone'),
  access: z.enum(['read', 'update']).default('read'),
});

export type SharingRule = z.infer<typeof sharingRuleSchema>;
export type SharingRuleInput = z.input<typeof sharingRuleSchema>;
