import { z } from 'zod';
import { problem } from '../problems/problem.js';
import { describeValue } from './describe-value.js';
import { defineFieldType, type DecodeResult } from './field-type.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const int32 = z.int().min(INT32_MIN).max(INT32_MAX);

const integerSettingsSchema = z.strictObject({
  min: int32.optional(),
  max: int32.optional(),
});

export type IntegerSettings = z.output<typeof integerSettingsSchema>;

function decodeInteger(input: unknown): DecodeResult {
  const expected = 'expected a whole number like 42';
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `${expected}, got ${String(input)}` };
    if (!Number.isInteger(input)) {
      return { ok: false, message: `${input} is not a whole number`, hint: 'use a decimal field for fractional values' };
    }
    value = input;
  } else if (typeof input === 'bigint') {
    value = Number(input);
  } else if (typeof input === 'string' && /^[+-]?\d+$/.test(input)) {
    value = Number(input);
  } else {
    const hint = typeof input === 'string' && /^[+-]?\d+\.\d+$/.test(input) ? 'a whole number has no decimal point' : undefined;
    return { ok: false, message: `${expected}, got ${describeValue(input)}`, ...(hint ? { hint } : {}) };
  }
  if (value < INT32_MIN || value > INT32_MAX) {
    return {
      ok: false,
      message: `${String(input)} is outside the integer range ${INT32_MIN}..${INT32_MAX}`,
      hint: 'use a decimal field (scale 0) for larger numbers',
    };
  }
  return { ok: true, value: value === 0 ? 0 : value }; // no -0
}

/** 32-bit whole numbers (quantities, counts); canonical value a JavaScript number. */
export const integerFieldType = defineFieldType<IntegerSettings>({
  name: 'integer',
  settings: integerSettingsSchema,
  storage: () => ({ kind: 'integer' }),
  scalar: 'Int',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  widget: 'number',
  formulaType: 'number',
  decode: (input) => decodeInteger(input),
  validate(value, settings) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return { message: `expected a whole number, got ${describeValue(value)}` };
    if (settings.min !== undefined && value < settings.min) return { message: `${value} is less than the minimum ${settings.min}` };
    if (settings.max !== undefined && value > settings.max) return { message: `${value} is more than the maximum ${settings.max}` };
    return null;
  },
  checkSettings(settings, context) {
    if (settings.min === undefined || settings.max === undefined || settings.min <= settings.max) return [];
    return [problem('field.invalid-range', `${context.path}.min`, `min ${settings.min} is greater than max ${settings.max}`, 'swap the two values')];
  },
});
