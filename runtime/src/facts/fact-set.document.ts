import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';

/**
 * Facts computed from a record, declared in metadata: rules, tariff
 * eligibility, form conditions and views read them by name like fields.
 * Each declaration says what it computes from, so its type is known at plan
 * time:
 * - `monthsSince` / `yearsSince` a date or datetime field: whole months or
 *   years from that date to today (tenure, age), null when the field is empty;
 * - `count` over a related list (oneToMany, manyToMany), optionally of the
 *   related records a filter matches: its value is supplied by the caller
 *   (the platform counts in the database), the runtime declares and checks it.
 */
const factDeclarationSchema = z.union([
  z.strictObject({ name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a fact name is camelCase'), description: z.string().optional(), monthsSince: z.string().min(1) }),
  z.strictObject({ name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a fact name is camelCase'), description: z.string().optional(), yearsSince: z.string().min(1) }),
  z.strictObject({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a fact name is camelCase'),
    description: z.string().optional(),
    count: z.strictObject({ list: z.string().min(1), where: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

export type FactDeclaration = z.infer<typeof factDeclarationSchema>;

export const factSetDocumentSchema = z.strictObject({
  kind: z.literal('facts'),
  key: keySchema,
  entity: keySchema,
  facts: z.array(factDeclarationSchema).min(1),
});

export type FactSetDocument = z.infer<typeof factSetDocumentSchema>;
