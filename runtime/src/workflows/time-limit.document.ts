import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';

/**
 * Who a breached time limit escalates to: the assignee's supervisor, the head
 * of the unit above the record's, or the holders of a role in a unit found by
 * kind up the record's org path (`unitLevel: 'city'`; the record's own unit
 * when absent).
 */
export const escalationTargetSchema = z.union([
  z.literal('assigneeSupervisor'),
  z.literal('unitHeadAbove'),
  z.strictObject({ role: z.string().min(1), unitLevel: z.string().min(1).optional() }),
]);

export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/**
 * A state's time limit, as the timer engine reads it: hours on the clock or
 * business hours on the unit's calendar (one of them), a warning at a share
 * of it, escalations on breach (in order, one per breach), repeated every
 * `repeatEveryHours` while the record stays late.
 */
export const timeLimitSchema = z
  .strictObject({
    hours: z.number().positive().optional(),
    businessHours: z.number().positive().optional(),
    /** Share of the limit (0..1) at which a warning is sent. */
    warnAt: z.number().min(0).max(1).optional(),
    escalate: z.array(z.strictObject({ to: escalationTargetSchema })).optional(),
    repeatEveryHours: z.number().positive().optional(),
  })
  .refine((limit) => (limit.hours === undefined) !== (limit.businessHours === undefined), { message: 'a time limit is either hours or businessHours, exactly one of them' });

export type TimeLimit = z.infer<typeof timeLimitSchema>;

/** States that stop the clock (waiting for the customer): keys of the workflow's states. */
export const clockStopsSchema = z.array(keySchema);
