import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';

/**
 * A form as authored: one entity's screen for creating, editing and viewing
 * a record. Layout (tabs → sections → fields, read-only blocks, related
 * lists) and logic (per field: visible, required, readOnly,
 * readOnlyAfterCreate, invalid, narrowed options). Each piece of logic is
 * `true`, `false` or one condition in json-rules-engine's format, parsed
 * and checked node by node by the rule checker (`check-form.ts`), so a
 * problem names the exact node (`tabs[main].sections[identity].fields[idNumber].visible.all[0].fact`).
 */

/** `true`, `false`, or a json-rules-engine condition (checked in `check-form.ts`). */
const logicSchema = z.union([z.boolean(), z.record(z.string(), z.unknown())]);

export type FormLogic = z.infer<typeof logicSchema>;

const formFieldSchema = z.strictObject({
  /** The field's API name: conditions read fields by the same names. */
  field: z.string().min(1),
  label: localizedTextSchema.optional(),
  help: localizedTextSchema.optional(),
  placeholder: localizedTextSchema.optional(),
  /** A widget name the field type offers, or a plugin's (the designer checks it exists). */
  widget: z.string().min(1).optional(),
  visible: logicSchema.optional(),
  required: logicSchema.optional(),
  readOnly: logicSchema.optional(),
  /** Read-only once the record exists (in update mode), when true or when its condition holds. */
  readOnlyAfterCreate: logicSchema.optional(),
  /** A cross-field check: when the condition holds, the record is refused with the message, at this field. */
  invalid: z.strictObject({ when: z.record(z.string(), z.unknown()), message: localizedTextSchema, hint: z.string().optional() }).optional(),
  /** Picklist values narrowed by condition: the first entry whose condition holds gives the allowed values. */
  options: z.array(z.strictObject({ when: logicSchema, values: z.array(z.string().min(1)).min(1) })).optional(),
});

export type FormFieldDocument = z.infer<typeof formFieldSchema>;

const relatedListSchema = z.strictObject({
  /** A oneToMany or manyToMany field of the entity. */
  field: z.string().min(1),
  /** Field names of the related entity, in order. */
  columns: z.array(z.string().min(1)).min(1),
  sort: z.array(z.strictObject({ field: z.string().min(1), direction: z.enum(['asc', 'desc']).default('asc') })).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
});

export const sectionSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  columns: z.number().int().min(1).max(4).default(1),
  /** A read-only block: every field in it is shown, never written through this form. */
  readOnly: z.boolean().optional(),
  visible: logicSchema.optional(),
  fields: z.array(formFieldSchema).default([]),
  relatedList: relatedListSchema.optional(),
});

export type FormSectionDocument = z.infer<typeof sectionSchema>;

const tabSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  sections: z.array(sectionSchema).min(1),
});

export type FormTabDocument = z.infer<typeof tabSchema>;

/** Who sees this form: every criterion given must hold (roles: any of them; record type: the field's value is one of). */
const audienceSchema = z.strictObject({
  roles: z.array(z.string().min(1)).min(1).optional(),
  channels: z.array(z.string().min(1)).min(1).optional(),
  recordType: z.strictObject({ field: z.string().min(1), values: z.array(z.string().min(1)).min(1) }).optional(),
});

export const formDocumentSchema = z.strictObject({
  kind: z.literal('form'),
  key: keySchema,
  entity: keySchema,
  label: localizedTextSchema.optional(),
  /** The entity's default form: chosen when no other form's audience matches. Exactly one per entity. */
  default: z.boolean().optional(),
  for: audienceSchema.optional(),
  /** Named conditions, used as `{ condition: name }` (json-rules-engine's `setCondition`). */
  conditions: z.record(z.string().min(1), z.unknown()).optional(),
  tabs: z.array(tabSchema).min(1),
});

export type FormDocument = z.infer<typeof formDocumentSchema>;
