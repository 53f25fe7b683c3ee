import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { moneyTextSchema } from './money-fen.js';

/** A calendar date as records write it; validity periods are inclusive. */
export const dateTextSchema = z.iso.date();

export const OFFERING_TYPES = ['mobile', 'broadband', 'iptv', 'fixedVoice', 'valueAdded', 'bundle'] as const;

export const ALLOWANCE_UNITS = ['voiceMinutes', 'sms', 'dataMB'] as const;

/** HQ marks a parameter overridable by lower layers within a band (both ends inclusive). */
export const bandSchema = z.strictObject({ min: moneyTextSchema, max: moneyTextSchema });

export const priceComponentSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  /** `recurring`: every month; `oneTime`: once, when the offering is ordered. */
  charge: z.enum(['recurring', 'oneTime']),
  amount: moneyTextSchema,
  overridable: bandSchema.optional(),
});

export const allowanceSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema.optional(),
  unit: z.enum(ALLOWANCE_UNITS),
  /** Included each month. */
  included: z.number().int().min(0),
  /** Price of each unit used beyond the included quantity. */
  overageRate: moneyTextSchema,
  overridable: bandSchema.optional(),
});

export const offeringDocumentSchema = z.strictObject({
  kind: z.literal('offering'),
  key: keySchema,
  type: z.enum(OFFERING_TYPES),
  label: localizedTextSchema.optional(),
  validFrom: dateTextSchema.optional(),
  validTo: dateTextSchema.optional(),
  /** Months the customer commits to; a quote over fewer months is priced over these. */
  minimumTermMonths: z.number().int().min(0).optional(),
  components: z.array(priceComponentSchema),
  allowances: z.array(allowanceSchema).optional(),
  /**
   * For a bundle (融合套餐): the offerings it includes. Their allowances
   * are part of the bundle; their prices are not: the bundle's own
   * components are its price.
   */
  includes: z.array(keySchema).optional(),
  /** Who may order it: conditions in json-rules-engine's format over the quote's facts. */
  eligibility: z.unknown().optional(),
});

export type PriceComponentDocument = z.infer<typeof priceComponentSchema>;
export type AllowanceDocument = z.infer<typeof allowanceSchema>;
export type OfferingDocument = z.infer<typeof offeringDocumentSchema>;
