import { z } from 'zod';
import { problem } from '../problems/problem.js';
import { decimalBoundSchema, decimalRangeError, decimalRangeSettingsProblems, decodeDecimal, type DecimalShape } from './decimal-codec.js';
import { defineFieldType } from './field-type.js';

const decimalSettingsSchema = z.strictObject({
  /** Total significant digits, as in numeric(precision, scale). */
  precision: z.int().min(1).max(38).default(18),
  /** Digits after the decimal point. */
  scale: z.int().min(0).max(38).default(4),
  min: decimalBoundSchema.optional(),
  max: decimalBoundSchema.optional(),
});

export type DecimalSettings = z.output<typeof decimalSettingsSchema>;

function shapeOf(settings: DecimalSettings): DecimalShape {
  return {
    precision: settings.precision,
    scale: settings.scale,
    example: `a decimal number like ${(12.5).toFixed(Math.min(settings.scale, 2))}`,
    scaleHint: `round the value to ${settings.scale} decimal places before sending it, or raise the field's scale`,
  };
}

/**
 * Exact decimal numbers (rates, quantities with fractions). The canonical
 * value is a string with exactly `scale` decimals, "12.5000" for scale 4,
 * the way Postgres reads numeric(precision, scale) back.
 */
export const decimalFieldType = defineFieldType<DecimalSettings>({
  name: 'decimal',
  settings: decimalSettingsSchema,
  storage: (settings) => ({ kind: 'decimal', precision: settings.precision, scale: settings.scale }),
  scalar: 'Decimal',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  widget: 'number',
  formulaType: 'number',
  decode: (input, settings) => decodeDecimal(input, shapeOf(settings)),
  validate: (value, settings) => decimalRangeError(value, settings, settings.scale),
  checkSettings(settings, context) {
    if (settings.scale > settings.precision) {
      return [
        problem(
          'field.invalid-setting',
          `${context.path}.scale`,
          `scale ${settings.scale} is greater than precision ${settings.precision}`,
          'the scale counts the digits after the decimal point, so it cannot exceed the total digits (precision)',
        ),
      ];
    }
    return decimalRangeSettingsProblems(settings, shapeOf(settings), context);
  },
});
