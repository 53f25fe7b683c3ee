import { z } from 'zod';
import type { ComputedFact } from '@lattice/plugin-api';
import { readIccid } from './iccid.js';

const simIssuerParams = z.strictObject({
  /** The ICCID field the fact reads, by name. */
  field: z.string().min(1),
  /** How many leading digits identify the issuer: 89, the country code and the issuer's own digits (E.118 allows up to 7). */
  digits: z.number().int().min(3).max(7).optional(),
});

const DEFAULT_DIGITS = 6;

/**
 * `simIssuer`: the issuer prefix of a SIM card's ICCID (`{ fact: "simIssuer",
 * params: { field: "iccid" } }` → `"898600"`), or null when the field holds
 * no valid ICCID. Which prefix is which operator is configuration: the
 * metadata's conditions list the prefixes they mean.
 */
export const simIssuerFact: ComputedFact = {
  name: 'simIssuer',
  type: { kind: 'text' },
  description: 'The first digits of a SIM card number (ICCID): 89, the country code and the issuer',
  params: simIssuerParams,
  compute(params, facts) {
    const { field, digits = DEFAULT_DIGITS } = simIssuerParams.parse(params);
    const value = facts.value(field);
    if (typeof value !== 'string') return null;
    const reading = readIccid(value);
    return reading.ok ? reading.iccid.slice(0, digits) : null;
  },
};
