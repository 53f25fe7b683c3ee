import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { discountDocumentSchema } from './discount.document.js';
import { tariffOverrideDocumentSchema } from './tariff-override.document.js';
import { offeringDocumentSchema } from './offering.document.js';

/** Everything that prices a quote: offerings, discounts and the layers' overrides (group tariffs are records: `group-tariff-source.ts`). */
export const tariffCatalogSchema = z.strictObject({
  offerings: z.array(offeringDocumentSchema),
  discounts: z.array(discountDocumentSchema).default([]),
  overrides: z.array(tariffOverrideDocumentSchema).default([]),
  /** Named conditions eligibility uses as `{ condition: name }` ("an enterprise with 50+ lines", written once). */
  conditions: z.record(keySchema, z.unknown()).optional(),
});

export type TariffCatalogDocument = z.infer<typeof tariffCatalogSchema>;
