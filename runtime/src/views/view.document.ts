import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';

/**
 * A shared list view of one entity: its columns, default filter (the neutral
 * filter language, `record-filter.ts`) and sort, page size, and who it is
 * shared with (roles, org units and the units below them; everyone when
 * absent). Views a user saves are the platform's records, not metadata.
 */
export const viewDocumentSchema = z.strictObject({
  kind: z.literal('view'),
  key: keySchema,
  entity: keySchema,
  label: localizedTextSchema.optional(),
  columns: z.array(z.string().min(1)).min(1),
  filter: z.record(z.string(), z.unknown()).optional(),
  sort: z.array(z.strictObject({ field: z.string().min(1), direction: z.enum(['asc', 'desc']).default('asc') })).optional(),
  pageSize: z.number().int().min(1).max(500).default(50),
  sharedWith: z.strictObject({ roles: z.array(z.string().min(1)).optional(), units: z.array(z.string().min(1)).optional() }).optional(),
  /** The entity's default list: shown when the user picks none. */
  default: z.boolean().optional(),
});

export type ViewDocument = z.infer<typeof viewDocumentSchema>;
