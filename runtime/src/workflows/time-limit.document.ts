import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';

const roleTargetSchema = z.strictObject({ role: z.string().min(1), unitLevel: z.string().min(1).optional() });

/**
 * Who a breached time limit escalates to: the assignee's supervisor, the head
 * of the unit above the record's, or the holders of a role in a unit found by
 * kind up the record's org path (`unitLevel: 'city'`; the record's own unit
 * when absent).
 */
export const escalationTargetSchema = z.union([z.literal('assigneeSupervisor'), z.literal('unitHeadAbove'), roleTargetSchema]);

export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/** The targets a document may name, for problems. */
const targets = (choice: boolean) => (choice ? 'assigneeSupervisor, unitHeadAbove, { role, unitLevel? } or { choose, otherwise }' : 'assigneeSupervisor, unitHeadAbove or { role, unitLevel? }');

/**
 * Parses a target with the one schema its shape asks for (a text, a role, a
 * choice), so a problem names the part that is wrong instead of "no option
 * matched"; `choice` is the schema of a rule-chosen target where one may
 * stand (none: inside a choice, which cannot choose again).
 */
function targetOf<C extends z.ZodType = z.ZodNever>(choice?: C) {
  return z.unknown().transform((value, context): EscalationTarget | z.output<C> => {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    let schema: z.ZodType;
    if (typeof value === 'string') schema = z.enum(['assigneeSupervisor', 'unitHeadAbove'], { error: () => `no target "${value}": a target is ${targets(!!choice)}` });
    else if (isObject && 'choose' in value) {
      if (!choice) {
        context.addIssue({ code: 'custom', message: `a rule-chosen target cannot choose again: name ${targets(false)} here` });
        return z.NEVER;
      }
      schema = choice;
    } else if (isObject) schema = roleTargetSchema;
    else {
      context.addIssue({ code: 'custom', message: value === undefined ? `a target is required: ${targets(!!choice)}` : `expected a target: ${targets(!!choice)}` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as EscalationTarget | z.output<C>;
    for (const issue of parsed.error.issues) context.addIssue({ ...issue, path: [...issue.path] } as never);
    return z.NEVER;
  });
}

/** A target inside a choice: named directly. */
const chosenTargetSchema = targetOf();

/**
 * A target chosen by rule when the timer fires: the first branch whose
 * `when` (a condition in the rule format, `{ condition: name }` for the
 * workflow's named conditions) holds on the record as it is then picks its
 * `to`; none holds: `otherwise`. `name` is what the history shows of the
 * branch (the named condition's name when `when` is one).
 */
export const escalationChoiceSchema = z.strictObject({
  choose: z.array(z.strictObject({ when: z.record(z.string(), z.unknown()), to: chosenTargetSchema, name: z.string().min(1).optional() })).min(1),
  otherwise: chosenTargetSchema,
});

export type EscalationChoice = z.infer<typeof escalationChoiceSchema>;

/** What a time limit escalates to: a target, or one chosen by rule. */
export type TimeLimitTarget = EscalationTarget | EscalationChoice;

export function isEscalationChoice(target: TimeLimitTarget): target is EscalationChoice {
  return typeof target === 'object' && 'choose' in target;
}

const timeLimitTargetSchema = targetOf(escalationChoiceSchema);

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
    escalate: z.array(z.strictObject({ to: timeLimitTargetSchema })).optional(),
    repeatEveryHours: z.number().positive().optional(),
  })
  .refine((limit) => (limit.hours === undefined) !== (limit.businessHours === undefined), { message: 'a time limit is either hours or businessHours, exactly one of them' });

export type TimeLimit = z.infer<typeof timeLimitSchema>;

/** States that stop the clock (waiting for the customer): keys of the workflow's states. */
export const clockStopsSchema = z.array(keySchema);
