import { Decimal } from 'decimal.js';

/**
 * Decimal arithmetic for money, decimals and formulas: a private clone so
 * that nobody's `Decimal.set(...)` elsewhere in the process or page changes
 * our results. 1000 significant digits keeps sums and products of stored
 * values exact (numeric(38) operands stay far below it); rounding is half
 * away from zero, as Postgres rounds numeric; never exponent notation.
 */
export const ExactDecimal = Decimal.clone({
  precision: 1000,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type ExactDecimal = InstanceType<typeof ExactDecimal>;

/** Fixed-point text with `places` decimals, never "-0.00". */
export function toFixedText(value: ExactDecimal, places: number): string {
  const rounded = value.toDecimalPlaces(places);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(places);
}
