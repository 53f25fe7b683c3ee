import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { localizedTextSchema } from '../documents/localized-text.js';
import { moneyTextSchema } from './money-fen.js';
import { dateTextSchema } from './offering.document.js';

/** Group customers' personalised tariffs (集团个性化资费): prices by component for the group's member lines. */
export const groupTariffDocumentSchema = z.strictObject({
  kind: z.literal('groupTariff'),
  key: keySchema,
  label: localizedTextSchema.optional(),
  /** The group customer's id (its member lines carry it as `groupCustomer`). */
  groupCustomer: z.string().min(1),
  offering: keySchema,
  prices: z.record(keySchema, moneyTextSchema),
  /** Takes effect only once approved (a status until approval workflows exist). */
  status: z.enum(['draft', 'pendingApproval', 'approved', 'rejected']),
  validFrom: dateTextSchema.optional(),
  validTo: dateTextSchema.optional(),
});

export type GroupTariffDocument = z.infer<typeof groupTariffDocumentSchema>;
