import { z } from 'zod';
import { problem, type Problem } from '../problems/problem.js';
import { describeValue } from './describe-value.js';
import { ExactDecimal, toFixedText } from './exact-decimal.js';
import type { DecodeResult, FieldTypeContext } from './field-type.js';

/** Plain decimal notation: no exponent, no separators, no NaN/Infinity. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A bound in settings (`min`, `max`): a number or a decimal string. */
export const decimalBoundSchema = z.union([
  z.number(),
  z.string().regex(DECIMAL_TEXT, 'a decimal number such as 12.50'),
]);

export type DecimalBound = z.infer<typeof decimalBoundSchema>;

export interface DecimalShape {
  precision: number;
  scale: number;
  /** How an accepted value looks, for messages: `an amount like 199.00`. */
  example: string;
  /** Hint when the value has more decimals than the scale. */
  scaleHint: string;
}

/**
 * Decodes a number or a numeric string into the canonical decimal string with
 * exactly `scale` decimals (what Postgres renders for numeric(p,s)). Never
 * rounds: a value that does not fit is an error. JavaScript numbers are read
 * through their shortest round-trip text, so 0.1 is 0.1 and 0.1 + 0.2 (a
 * float 0.30000000000000004) is refused for a two-decimal field.
 */
export function decodeDecimal(input: unknown, shape: DecimalShape): DecodeResult {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      return { ok: false, message: `expected ${shape.example}, got ${String(input)}`, hint: 'only finite numbers can be stored' };
    }
    text = String(input);
  } else if (typeof input === 'string') {
    if (!DECIMAL_TEXT.test(input)) return { ok: false, ...badDecimalText(input, shape) };
    text = input;
  } else {
    return { ok: false, message: `expected ${shape.example}, got ${describeValue(input)}` };
  }
  const value = new ExactDecimal(text);
  const shown = typeof input === 'string' ? JSON.stringify(input) : text;
  const places = value.decimalPlaces();
  if (places > shape.scale) {
    return {
      ok: false,
      message: `${shown} has ${places} decimal places; at most ${shape.scale} allowed`,
      hint: shape.scaleHint,
    };
  }
  const integerDigits = value.abs().lt(1) ? 0 : value.abs().trunc().toFixed().length;
  const maxIntegerDigits = shape.precision - shape.scale;
  if (integerDigits > maxIntegerDigits) {
    return {
      ok: false,
      message: `${shown} has ${integerDigits} digits before the decimal point; at most ${maxIntegerDigits} fit (precision ${shape.precision}, scale ${shape.scale})`,
    };
  }
  return { ok: true, value: toFixedText(value, shape.scale) };
}

function badDecimalText(input: string, shape: DecimalShape): { message: string; hint?: string } {
  const message = `expected ${shape.example}, got ${describeValue(input)}`;
  if (/^[+-]?[\d,]+(\.\d*)?$/.test(input)) return { message, hint: 'remove the thousands separators' };
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(input)) return { message, hint: 'write the number without an exponent' };
  if (input.trim() !== input) return { message, hint: 'remove the spaces around the number' };
  return { message };
}

/** The value against the `min`/`max` settings, both inclusive. */
export function decimalRangeError(
  value: unknown,
  bounds: { min?: DecimalBound; max?: DecimalBound },
  scale: number,
): { message: string } | null {
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) {
    return { message: `expected a canonical decimal string, got ${describeValue(value)}` };
  }
  const decimal = new ExactDecimal(value);
  if (bounds.min !== undefined && decimal.lt(new ExactDecimal(bounds.min))) {
    return { message: `${value} is less than the minimum ${toFixedText(new ExactDecimal(bounds.min), scale)}` };
  }
  if (bounds.max !== undefined && decimal.gt(new ExactDecimal(bounds.max))) {
    return { message: `${value} is more than the maximum ${toFixedText(new ExactDecimal(bounds.max), scale)}` };
  }
  return null;
}

/** `min` must not exceed `max`, and each must itself fit the column. */
export function decimalRangeSettingsProblems(
  bounds: { min?: DecimalBound; max?: DecimalBound },
  shape: DecimalShape,
  context: FieldTypeContext,
): Problem[] {
  const problems: Problem[] = [];
  for (const name of ['min', 'max'] as const) {
    const bound = bounds[name];
    if (bound === undefined) continue;
    const decoded = decodeDecimal(bound, shape);
    if (!decoded.ok) problems.push(problem('field.invalid-setting', `${context.path}.${name}`, `${name}: ${decoded.message}`, decoded.hint));
  }
  if (problems.length === 0 && bounds.min !== undefined && bounds.max !== undefined) {
    if (new ExactDecimal(bounds.min).gt(new ExactDecimal(bounds.max))) {
      problems.push(
        problem('field.invalid-range', `${context.path}.min`, `min ${String(bounds.min)} is greater than max ${String(bounds.max)}`, 'swap the two values'),
      );
    }
  }
  return problems;
}
