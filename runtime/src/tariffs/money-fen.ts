import { z } from 'zod';
import { decodeDecimal, type DecimalShape } from '../field-types/decimal-codec.js';
import { ExactDecimal } from '../field-types/exact-decimal.js';

/**
 * Money in tariffs: written as the money field type writes it ("199.00",
 * exact to the fen, checked by the same decoder), computed as whole fen in
 * JavaScript integers. Integers are exact below 2^53; amounts are limited to
 * 9,000,000.00 so that an amount times a percentage in millionths
 * (9e8 fen × 1e6) stays below it, and every step of a quote or a
 * simulation is exact without allocating decimals per subscription.
 */
export const MAX_TARIFF_FEN = 900_000_000;

const TARIFF_MONEY: DecimalShape = {
  precision: 9,
  scale: 2,
  example: 'an amount like 199.00',
  scaleHint: 'tariff amounts are exact to the fen (0.01)',
};

export const moneyTextSchema = z.union([z.string(), z.number()]).transform((input, context) => {
  const decoded = decodeDecimal(input, TARIFF_MONEY);
  if (!decoded.ok) {
    context.addIssue({ code: 'custom', message: decoded.message });
    return z.NEVER;
  }
  if (new ExactDecimal(decoded.value as string).isNegative()) {
    context.addIssue({ code: 'custom', message: `a tariff amount is never negative, got ${decoded.value as string}` });
    return z.NEVER;
  }
  return decoded.value as string;
});

/** A percentage with at most four decimals (12.5 → 125000 millionths). */
export const percentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Number.isInteger(Math.round(value * 10_000)) && Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6, 'at most four decimals');

export function toFen(text: string): number {
  return new ExactDecimal(text).mul(100).toNumber();
}

/** Whole fen as money text ("-12.05"): integer digits only, no decimal arithmetic needed. */
export function fenText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const magnitude = Math.abs(fen);
  const cents = magnitude % 100;
  return `${fen < 0 ? '-' : ''}${(magnitude - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

export function toMillionths(percent: number): number {
  return Math.round(percent * 10_000);
}

/** `fen × millionths / 1e6`, rounded half up, exactly (integer steps only; inputs are non-negative and bounded). */
export function shareOfFen(fen: number, millionths: number): number {
  const product = fen * millionths;
  const remainder = product % 1_000_000;
  const whole = (product - remainder) / 1_000_000;
  return remainder >= 500_000 ? whole + 1 : whole;
}
