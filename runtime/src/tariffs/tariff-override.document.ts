import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { moneyTextSchema } from './money-fen.js';

/**
 * A lower layer's value for a parameter HQ marked overridable: an org unit
 * (a branch) sets the local price of a component, or an allowance's overage
 * rate, within HQ's band.
 */
export const tariffOverrideDocumentSchema = z.strictObject({
  kind: z.literal('tariffOverride'),
  key: keySchema,
  /** The org unit whose layer sets it; quotes in that unit and below use it. */
  orgUnit: z.string().min(1),
  offering: keySchema,
  component: keySchema.optional(),
  allowance: keySchema.optional(),
  amount: moneyTextSchema,
});

export type TariffOverrideDocument = z.infer<typeof tariffOverrideDocumentSchema>;
