import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { sectionSchema } from './form.document.js';

/**
 * What a layer does to one form for its subtree: hide fields or whole
 * sections (hidden fields are cleared and refused, as any hidden field),
 * move a field to another section, add a section (with fields the layer
 * added to the entity, or any others), relabel a field or a section, and
 * lock sections (or `*`, the whole form) for the layers below.
 */
export const formOverlaySchema = z.strictObject({
  /** The form's key. */
  key: keySchema,
  hideFields: z.array(z.string().min(1)).optional(),
  hideSections: z.array(keySchema).optional(),
  move: z.array(z.strictObject({ field: z.string().min(1), to: keySchema, after: z.string().min(1).optional() })).optional(),
  addSections: z.array(z.strictObject({ tab: keySchema, after: keySchema.optional(), section: sectionSchema })).optional(),
  relabel: z.array(z.union([z.strictObject({ field: z.string().min(1), label: localizedTextSchema }), z.strictObject({ section: keySchema, label: localizedTextSchema })])).optional(),
  lock: z.array(z.union([z.literal('*'), keySchema])).optional(),
});

export type FormOverlay = z.infer<typeof formOverlaySchema>;
