import { z } from 'zod';
import { localizedTextSchema } from './localized-text.js';

/**
 * Metadata documents as authored (admin API drafts or YAML files). Shapes are
 * checked here with zod; meaning (names, references, cycles, formulas) is
 * checked by `check/`. Every element has a `key` that never changes: diffs,
 * exports and layers match on it, so renaming `name` renames, never recreates.
 */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

export const keySchema = z
  .string()
  .regex(KEY_PATTERN, 'a key is lower-case letters, digits and _ (start with a letter, at most 48 characters)');

/** Properties every field has; the rest of a field document is its type's settings. */
export const fieldDocumentSchema = z.looseObject({
  key: keySchema,
  name: z.string().min(1),
  type: z.string().min(1),
  label: localizedTextSchema.optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  indexed: z.boolean().optional(),
  default: z.unknown().optional(),
  /** Personal data (ID numbers, phone numbers, addresses): every read of it is logged. */
  personalData: z.boolean().optional(),
  /**
   * The key this field had in the live version, when an admin changes a key:
   * the plan then treats the field as the same one (its column is renamed,
   * its data kept) instead of a removal and an addition.
   */
  renamedFrom: keySchema.optional(),
});

export type FieldDocument = z.infer<typeof fieldDocumentSchema>;

export const indexDocumentSchema = z.strictObject({
  key: keySchema,
  /** Field keys, in index order. */
  fields: z.array(keySchema).min(1),
  unique: z.boolean().optional(),
});

export type IndexDocument = z.infer<typeof indexDocumentSchema>;

export const entityDocumentSchema = z.strictObject({
  kind: z.literal('entity'),
  key: keySchema,
  name: z.string().min(1),
  /** Plural used for list queries; derived from `name` when absent. */
  pluralName: z.string().min(1).optional(),
  label: localizedTextSchema.optional(),
  pluralLabel: localizedTextSchema.optional(),
  description: z.string().optional(),
  /** Field key shown when a record is referenced (a customer's name, an order's number). */
  titleField: keySchema.optional(),
  fields: z.array(fieldDocumentSchema),
  indexes: z.array(indexDocumentSchema).optional(),
});

export type EntityDocument = z.infer<typeof entityDocumentSchema>;

/**
 * The unit that is drafted, planned, published and versioned: the base
 * entities (`core`) and the layers along the org tree. A layer's shape is
 * checked by `layers/` when the set is compiled (layers build on entities,
 * so this schema only knows they are there).
 */
export const metadataSetSchema = z.strictObject({
  entities: z.array(entityDocumentSchema),
  layers: z.array(z.unknown()).optional(),
  /** Rule sets attached to entities (`rules/`): checked against the compiled entities. */
  ruleSets: z.array(z.unknown()).optional(),
  /** The tariff catalog (`tariffs/`), with `customerEntity` (the entity whose fields quotes read) and optionally `acceptedQuotes: { entity, field }` (the json field that keeps accepted quotes). */
  tariffs: z.looseObject({ customerEntity: keySchema }).optional(),
  /** Facts computed from records (`facts/`), forms (`forms/`) and shared list views (`views/`): each checked by its document kind. */
  facts: z.array(z.unknown()).optional(),
  forms: z.array(z.unknown()).optional(),
  views: z.array(z.unknown()).optional(),
  /** Workflows (`workflows/`): states and transitions of an entity's records. */
  workflows: z.array(z.unknown()).optional(),
});

export type MetadataSet = z.infer<typeof metadataSetSchema>;
