import { z } from 'zod';
import { decimalBoundSchema, decimalRangeError, decimalRangeSettingsProblems, decodeDecimal, type DecimalShape } from './decimal-codec.js';
import { defineFieldType } from './field-type.js';

const moneySettingsSchema = z.strictObject({
  min: decimalBoundSchema.optional(),
  max: decimalBoundSchema.optional(),
  /** Only renminbi in this version; the setting exists so that documents say so. */
  currency: z.literal('CNY').default('CNY'),
});

export type MoneySettings = z.output<typeof moneySettingsSchema>;

const MONEY_SHAPE: DecimalShape = {
  precision: 18,
  scale: 2,
  example: 'an amount like 199.00',
  scaleHint: 'amounts are exact to the fen (0.01) and are never rounded for you; round the value before sending it',
};

/**
 * Amounts in CNY, exact to the fen: numeric(18, 2), canonical value a string
 * with exactly two decimals ("199.00"). Never a float, never rounded.
 */
export const moneyFieldType = defineFieldType<MoneySettings>({
  name: 'money',
  settings: moneySettingsSchema,
  storage: () => ({ kind: 'decimal', precision: MONEY_SHAPE.precision, scale: MONEY_SHAPE.scale }),
  scalar: 'Money',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  widget: 'money',
  formulaType: 'money',
  decode: (input) => decodeDecimal(input, MONEY_SHAPE),
  validate: (value, settings) => decimalRangeError(value, settings, MONEY_SHAPE.scale),
  checkSettings: (settings, context) => decimalRangeSettingsProblems(settings, MONEY_SHAPE, context),
});
