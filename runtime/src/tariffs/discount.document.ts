import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { prioritySchema } from '../rules/rule-set.document.js';
import { dateTextSchema } from './offering.document.js';
import { moneyTextSchema, percentSchema } from './money-fen.js';

/**
 * A discount or promotion. What it takes off:
 * - `percent`: a share of the component's price (list, branch or group price);
 * - `fixed`: an amount off the component, never below zero;
 * - `priceOverride`: the component costs `amount` instead;
 * - `freeMonths`: the first `months` of a recurring component are free
 *   (it lowers the term total, not the monthly fee);
 * - `freeAllowance`: `quantity` more units of an allowance, for free.
 * Who gets it: `eligibility`, conditions in json-rules-engine's format over
 * the quote's facts (the customer's fields, the line, the org unit).
 */
const common = {
  kind: z.literal('discount'),
  key: keySchema,
  label: localizedTextSchema.optional(),
  description: z.string().optional(),
  /** Higher applies first; an exclusive discount with the highest priority applies alone. */
  priority: prioritySchema,
  stacking: z.enum(['stackable', 'exclusive']),
  /** Offerings it applies to; all when absent. */
  offerings: z.array(keySchema).min(1).optional(),
  validFrom: dateTextSchema.optional(),
  validTo: dateTextSchema.optional(),
  eligibility: z.unknown().optional(),
};

/**
 * A cap limits the total taken off the component by every discount applied
 * with this one: a share of the component's price, or an amount.
 */
export const discountCapSchema = z.strictObject({ percent: percentSchema.optional(), amount: moneyTextSchema.optional() }).refine((cap) => cap.percent !== undefined || cap.amount !== undefined, 'a cap has a percent or an amount');

const onComponent = { component: keySchema, cap: discountCapSchema.optional() };

export const discountDocumentSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, ...onComponent, type: z.literal('percent'), percent: percentSchema }),
  z.strictObject({ ...common, ...onComponent, type: z.literal('fixed'), amount: moneyTextSchema }),
  z.strictObject({ ...common, ...onComponent, type: z.literal('priceOverride'), amount: moneyTextSchema }),
  z.strictObject({ ...common, component: keySchema, type: z.literal('freeMonths'), months: z.number().int().min(1) }),
  z.strictObject({ ...common, type: z.literal('freeAllowance'), allowance: keySchema, quantity: z.number().int().min(1) }),
]);

export type DiscountDocument = z.infer<typeof discountDocumentSchema>;
