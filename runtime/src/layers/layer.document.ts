import { z } from 'zod';
import { fieldDocumentSchema, keySchema } from '../documents/entity.document.js';
import { tariffOverrideDocumentSchema } from '../tariffs/tariff-override.document.js';
import { formOverlaySchema } from '../forms/form-overlay.document.js';
import { workflowOverlaySchema } from '../workflows/workflow-overlay.document.js';

/**
 * A layer: the metadata one owner (`core`, the group, or an org unit whose
 * kind may own a layer) puts over what the layers above it left. It never
 * copies an element: it names elements by `key` and says what it adds, sets,
 * locks or opens for the layers below.
 */

/** `label.zh-CN` / `pluralLabel.en` (a label in one language), or a property name (`default`, `minLength`). */
export const PROPERTY_PATTERN = /^(?:(?:label|pluralLabel)\.[a-z]{2}(?:-[A-Z]{2})?|[a-z][A-Za-z0-9]{0,63})$/;

export const propertySchema = z
  .string()
  .regex(PROPERTY_PATTERN, 'a property is a name such as default, or a label in one language such as label.zh-CN');

/**
 * One property set by a layer, with the value it saw from the layers above
 * when it was set (`null`: unset). Fold compares `base` with what the layers
 * above give now: a difference means a higher layer changed the property
 * after this layer overrode it, and is reported as a conflict (a 3-way check:
 * base, theirs now, ours).
 */
export const propertyOverrideSchema = z.strictObject({
  value: z.json(),
  base: z.json(),
});

export type PropertyOverride = z.infer<typeof propertyOverrideSchema>;

const propertySetSchema = z.record(propertySchema, propertyOverrideSchema);

/** `*` locks the whole element (for an entity: its properties, its fields and additions to it). */
export const lockTargetSchema = z.union([z.literal('*'), z.literal('addFields'), z.literal('addValidations'), propertySchema]);

export const fieldOverlaySchema = z.strictObject({
  key: keySchema,
  /** Free for every layer unless locked: `label.<language>`, `default`, `options` (a subset of values), `hidden`. Anything else only where a layer above marked it overridable. */
  set: propertySetSchema.optional(),
  /** Properties the layers below may no longer set (`label` locks every language). */
  lock: z.array(lockTargetSchema).optional(),
  /** Properties beyond the free ones that the layers below may set. */
  overridable: z.array(propertySchema).optional(),
});

export type FieldOverlay = z.infer<typeof fieldOverlaySchema>;

/**
 * An entity-level validation rule. Its body belongs to the rules engine and
 * is kept as opaque JSON here; layers only add rules and match them by key.
 */
export const validationRuleSchema = z.looseObject({ key: keySchema });

export type ValidationRuleDocument = z.infer<typeof validationRuleSchema>;

export const entityOverlaySchema = z.strictObject({
  key: keySchema,
  /** Free: `label.<language>`, `pluralLabel.<language>`; anything else only where marked overridable. */
  set: propertySetSchema.optional(),
  /** Whole field documents, stored in the shared table and visible only in this layer's subtree. */
  addFields: z.array(fieldDocumentSchema).optional(),
  fields: z.array(fieldOverlaySchema).optional(),
  addValidations: z.array(validationRuleSchema).optional(),
  lock: z.array(lockTargetSchema).optional(),
  overridable: z.array(propertySchema).optional(),
});

export type EntityOverlay = z.infer<typeof entityOverlaySchema>;

/**
 * A branch's value for a tariff parameter HQ marked overridable (a local
 * price within HQ's band): quotes in the layer's unit and below use it.
 * The unit is the layer's owner, so it is not written again.
 */
export const layerTariffOverrideSchema = tariffOverrideDocumentSchema.omit({ kind: true, orgUnit: true });

export type LayerTariffOverride = z.infer<typeof layerTariffOverrideSchema>;

export const layerDocumentSchema = z.strictObject({
  kind: z.literal('layer'),
  /** The owner: `core`, `group`, or an org unit's key. */
  key: keySchema,
  entities: z.array(entityOverlaySchema).default([]),
  tariffOverrides: z.array(layerTariffOverrideSchema).optional(),
  /** Forms re-laid out for this subtree (`forms/form-overlay.document.ts`), within what the layers above left unlocked. */
  forms: z.array(formOverlaySchema).optional(),
  /** Workflows' state time limits for this subtree (`workflows/workflow-overlay.document.ts`), within what the layers above left unlocked. */
  workflows: z.array(workflowOverlaySchema).optional(),
});

export type LayerDocument = z.infer<typeof layerDocumentSchema>;

/** The owner of the base set in provenance: what no layer set comes from core. */
export const CORE_LAYER_KEY = 'core';
