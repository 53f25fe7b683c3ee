import { ExactDecimal, toFixedText } from '../field-types/exact-decimal.js';

/**
 * Numeric rules the JavaScript evaluator shares with the SQL that the
 * platform generates (platform/src/storage/formula-sql.ts), so that a value
 * computed in a browser equals the one Postgres stores.
 *
 * Postgres adds, subtracts, multiplies and rounds numeric exactly, as
 * ExactDecimal does; only division rounds on its own. The SQL casts both
 * operands to numeric(1000, 40) and divides, so the quotient has
 * max(40, 16 - 4·qweight) decimals, rounded half away from zero
 * (select_div_scale in Postgres's numeric.c). divideAsPostgres reproduces that.
 */
export const DIVISION_OPERAND_SCALE = 40;

export function divideAsPostgres(dividend: ExactDecimal, divisor: ExactDecimal): ExactDecimal | null {
  const a = dividend.toDecimalPlaces(DIVISION_OPERAND_SCALE);
  const b = divisor.toDecimalPlaces(DIVISION_OPERAND_SCALE);
  if (b.isZero()) return null; // NULLIF(divisor, 0)
  const [weightA, firstA] = baseTenThousand(a);
  const [weightB, firstB] = baseTenThousand(b);
  const qweight = weightA - weightB - (firstA <= firstB ? 1 : 0);
  const scale = Math.min(1000, Math.max(DIVISION_OPERAND_SCALE, 16 - qweight * 4));
  return a.div(b).toDecimalPlaces(scale);
}

/** Weight and first digit of the value in base 10000, as Postgres stores numeric (0, 0 for zero). */
function baseTenThousand(value: ExactDecimal): [number, number] {
  if (value.isZero()) return [0, 0];
  const weight = Math.floor(value.e / 4);
  const first = value.abs().div(new ExactDecimal(10).pow(weight * 4)).trunc().toNumber();
  return [weight, first];
}

/** A number inside concat(): trim_scale(round(x, 8))::text, so 12.5000 reads 12.5. */
export function numberAsText(value: ExactDecimal): string {
  const rounded = value.toDecimalPlaces(8);
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed();
}

/** An amount inside concat(): round(x, 2)::text, always two decimals. */
export function moneyAsText(value: ExactDecimal): string {
  return toFixedText(value, 2);
}
