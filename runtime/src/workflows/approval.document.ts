import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { escalationTargetSchema } from './time-limit.document.js';

/**
 * Who decides at an approval level: the holders of `role` in a unit on the
 * record's org path, found by kind (`unitLevel: 'city'`: the nearest unit of
 * that kind at or above the record's) or by distance (`up: 1`: the parent of
 * the record's unit; 0 is the unit itself).
 */
export const approverSchema = z.union([
  z.strictObject({ role: z.string().min(1), unitLevel: z.string().min(1) }),
  z.strictObject({ role: z.string().min(1), up: z.number().int().min(0) }),
]);

export type ApproverTarget = z.infer<typeof approverSchema>;

/**
 * One level of an approval: decided after the previous one; `anyOf` (the
 * first approval of any approver decides the level) or `allOf` (each
 * approver once). A level with no one able to act (no holder of the role,
 * every holder absent without a delegate who can act) escalates to
 * `escalate` (the SLA escalation targets) instead of waiting for ever.
 */
export const approvalLevelSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  approvers: approverSchema,
  mode: z.enum(['anyOf', 'allOf']).default('anyOf'),
  escalate: z.array(z.strictObject({ to: escalationTargetSchema })).optional(),
});

export type ApprovalLevel = z.infer<typeof approvalLevelSchema>;

/**
 * A state that is an approval step: entered by a transition (the submit),
 * left only by decisions: every level approved → `approved`; a rejection →
 * one of `rejectTo` (the approver chooses; the first by default); a recall
 * by the submitter, while no level has decided → the state it came from.
 * The record takes no other change while it is in this state.
 */
export const approvalStepSchema = z.strictObject({
  levels: z.array(approvalLevelSchema).min(1),
  approved: keySchema,
  rejectTo: z.array(keySchema).min(1),
});

export type ApprovalStep = z.infer<typeof approvalStepSchema>;
