import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';

const booleanSettingsSchema = z.strictObject({});

export type BooleanSettings = z.output<typeof booleanSettingsSchema>;

/** Yes/no flags. Only real booleans: "false" as text is a common import mistake, not a value. */
export const booleanFieldType = defineFieldType<BooleanSettings>({
  name: 'boolean',
  settings: booleanSettingsSchema,
  storage: () => ({ kind: 'boolean' }),
  scalar: 'Boolean',
  filterOperators: ['eq', 'ne', 'isNull'],
  sortable: true,
  widget: 'switch',
  formulaType: 'boolean',
  decode(input) {
    if (typeof input === 'boolean') return { ok: true, value: input };
    const hint = typeof input === 'string' || typeof input === 'number' ? 'send true or false without quotes' : undefined;
    return { ok: false, message: `expected true or false, got ${describeValue(input)}`, ...(hint ? { hint } : {}) };
  },
  validate: (value) => (typeof value === 'boolean' ? null : { message: `expected true or false, got ${describeValue(value)}` }),
});
