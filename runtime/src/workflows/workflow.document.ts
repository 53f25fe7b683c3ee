import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { approvalStepSchema } from './approval.document.js';
import { clockStopsSchema, timeLimitSchema } from './time-limit.document.js';

/** A condition in json-rules-engine's format (checked node by node by the rule checker). */
const conditionSchema = z.record(z.string(), z.unknown());

/** A value an action writes: a literal, a field of the record (`{ from: 'customer' }`), the record's id (`{ from: '$id' }`) or, in `create … each`, a field of the related record (`{ fromItem: 'product' }`). */
const actionValueSchema = z.union([z.strictObject({ from: z.string().min(1) }), z.strictObject({ fromItem: z.string().min(1) }), z.json()]);

/** Who a record (or the work it stands for) is assigned to. */
export const assignTargetSchema = z.union([
  z.strictObject({ user: z.string().min(1) }),
  z.strictObject({ role: z.string().min(1), unitLevel: z.string().min(1).optional() }),
  z.strictObject({ queue: keySchema }),
]);

export type AssignTarget = z.infer<typeof assignTargetSchema>;

/** Who an in-app notification goes to. */
const notifyTargetSchema = z.union([z.literal('assignee'), z.literal('owner'), z.literal('actor'), z.strictObject({ role: z.string().min(1), unitLevel: z.string().min(1).optional() })]);

export const workflowActionSchema = z.union([
  /** Fields the record takes (in the same write). */
  z.strictObject({ setFields: z.record(z.string().min(1), actionValueSchema) }),
  /** A related record, or one per record of a list of this one (`each: 'items'`: a work order per order item). */
  z.strictObject({ create: z.strictObject({ entity: keySchema, each: z.string().min(1).optional(), values: z.record(z.string().min(1), actionValueSchema) }) }),
  z.strictObject({ assign: assignTargetSchema }),
  z.strictObject({ notify: z.strictObject({ to: notifyTargetSchema, message: localizedTextSchema }) }),
  /** An action a plugin contributes (`definePlugin({ workflowActions })`), run after the transition commits. */
  z.strictObject({ plugin: z.strictObject({ action: z.string().min(1), params: z.record(z.string(), z.json()).optional() }) }),
]);

export type WorkflowAction = z.infer<typeof workflowActionSchema>;

const stateSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  final: z.boolean().optional(),
  timeLimit: timeLimitSchema.optional(),
  onEnter: z.array(workflowActionSchema).optional(),
  onExit: z.array(workflowActionSchema).optional(),
  /** An approval step (`approval.document.ts`): only its decisions and the submitter's recall leave the state. */
  approval: approvalStepSchema.optional(),
  /** Records in this state take no ordinary update, only transitions (an approved tariff is changed by sending it back). */
  readOnly: z.boolean().optional(),
});

export type WorkflowStateDocument = z.infer<typeof stateSchema>;

/**
 * Who may fire a transition: holders of one of `roles` (in a unit at or
 * above the record's: `scope: 'subtree'`, the default; only in the record's
 * own unit: `'unit'`; anywhere: `'anywhere'`), and/or the record's assignee.
 * Absent: whoever may change the record.
 */
const allowSchema = z.strictObject({
  roles: z.array(z.string().min(1)).min(1).optional(),
  scope: z.enum(['subtree', 'unit', 'anywhere']).default('subtree'),
  assignee: z.boolean().optional(),
});

export type TransitionAllow = z.infer<typeof allowSchema>;

const transitionSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  from: z.union([keySchema, z.array(keySchema).min(1)]),
  to: keySchema,
  allow: allowSchema.optional(),
  /** Must hold on the record as the transition leaves it (stored values and its patch), else it is refused with `guardMessage`. */
  guard: conditionSchema.optional(),
  guardMessage: localizedTextSchema.optional(),
  /** Fields that must have a value once the transition is made (given with it, or stored). */
  required: z.array(z.string().min(1)).optional(),
  actions: z.array(workflowActionSchema).optional(),
});

export type WorkflowTransitionDocument = z.infer<typeof transitionSchema>;

/** A named work queue, taken from by the holders of `role` in the record's unit or above. */
const queueSchema = z.strictObject({ key: keySchema, label: localizedTextSchema.optional(), role: z.string().min(1) });

/**
 * A workflow as authored: one entity's states and transitions. The record's
 * state is kept in `stateField` (a text or picklist field of the entity,
 * written only by transitions) and on the workflow instance, which also
 * pins the definition the record started on.
 */
export const workflowDocumentSchema = z.strictObject({
  kind: z.literal('workflow'),
  key: keySchema,
  entity: keySchema,
  label: localizedTextSchema.optional(),
  stateField: z.string().min(1),
  initial: keySchema,
  states: z.array(stateSchema).min(1),
  transitions: z.array(transitionSchema).default([]),
  clockStops: clockStopsSchema.optional(),
  queues: z.array(queueSchema).optional(),
  /** Named conditions, used as `{ condition: name }` in guards. */
  conditions: z.record(z.string().min(1), z.unknown()).optional(),
  /** States whose time limit no layer may change (`*`: every state). */
  lock: z.array(z.union([z.literal('*'), keySchema])).optional(),
});

export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;
