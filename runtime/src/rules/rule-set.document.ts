import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';

/**
 * Rule sets as authored: json-rules-engine's rule format (conditions with
 * all/any/not, condition references, fact/operator/value leaves, `path`,
 * `params`, priorities; an event with a type and params) wrapped in
 * Lattice's metadata shape (stable keys, a kind, the entity the rules are
 * attached to). Conditions are parsed node by node in `parse-conditions.ts`
 * so that a problem names the exact node (`conditions.all[1].operator`).
 */
export const RULE_KINDS = ['validation', 'defaulting', 'assignment', 'eligibility', 'pricing', 'discount'] as const;

export type RuleKind = (typeof RULE_KINDS)[number];

/** A fact read on the right-hand side: `value: { fact: 'creditLimit', path: '$.amount' }`. */
export interface FactReference {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
}

/** json-rules-engine's test for a fact reference on the right-hand side (almanac.getValue). */
export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

export interface FactCondition extends FactReference {
  operator: string;
  value: unknown;
  priority?: number;
  name?: string;
}

export interface AllCondition {
  all: ConditionDocument[];
  priority?: number;
  name?: string;
}

export interface AnyCondition {
  any: ConditionDocument[];
  priority?: number;
  name?: string;
}

export interface NotCondition {
  not: ConditionDocument;
  priority?: number;
  name?: string;
}

/** A reference to a named condition of the same rule set (json-rules-engine's `setCondition`). */
export interface ConditionReference {
  condition: string;
  priority?: number;
  name?: string;
}

export type ConditionDocument = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;

/** The top of a rule's conditions: json-rules-engine accepts no bare fact condition there. */
export type TopCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

export const prioritySchema = z.number().int().min(1, 'a priority is a whole number of 1 or more');

const common = { priority: prioritySchema.optional(), name: z.string().min(1).optional() };

export const factConditionSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: z.unknown(),
  path: z.string().min(1).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  ...common,
});

export const factReferenceSchema = z.strictObject({
  fact: z.string().min(1),
  path: z.string().min(1).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const booleanConditionSchemas = {
  all: z.strictObject({ all: z.array(z.unknown()), ...common }),
  any: z.strictObject({ any: z.array(z.unknown()), ...common }),
  not: z.strictObject({ not: z.unknown(), ...common }),
  condition: z.strictObject({ condition: keySchema, ...common }),
};

export const ruleEventSchema = z.strictObject({
  type: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const ruleDocumentSchema = z.strictObject({
  key: keySchema,
  kind: z.enum(RULE_KINDS),
  label: localizedTextSchema.optional(),
  description: z.string().optional(),
  /** Higher runs first, as in json-rules-engine; rules of one priority run together. */
  priority: prioritySchema.optional(),
  conditions: z.unknown(),
  event: ruleEventSchema,
});

export type RuleDocument = Omit<z.infer<typeof ruleDocumentSchema>, 'conditions'> & { conditions: TopCondition };

export const ruleSetDocumentSchema = z.strictObject({
  kind: z.literal('ruleSet'),
  key: keySchema,
  /** The entity whose records the rules read (facts are its fields by name) and act on. */
  entity: keySchema,
  label: localizedTextSchema.optional(),
  description: z.string().optional(),
  /** Named conditions that rules refer to with `{ condition: name }`. */
  conditions: z.record(keySchema, z.unknown()).optional(),
  rules: z.array(ruleDocumentSchema),
});

export type RuleSetDocument = Omit<z.infer<typeof ruleSetDocumentSchema>, 'rules' | 'conditions'> & {
  conditions?: Record<string, TopCondition>;
  rules: RuleDocument[];
};

/** Event params each kind of rule must carry; the others are free-form. */
const fieldValueSchema = z.record(z.string().min(1), z.unknown());

export const ruleParamsSchemas: Partial<Record<RuleKind, z.ZodType>> = {
  validation: z.strictObject({
    message: z.string().min(1),
    /** Field names the message is shown on. */
    fields: z.array(z.string().min(1)).min(1),
    hint: z.string().optional(),
  }),
  /** `set`: values by field name; a value may be a fact reference (`{ fact: 'districtManager' }`). */
  defaulting: z.strictObject({ set: fieldValueSchema }),
  assignment: z.strictObject({ set: fieldValueSchema }),
};
