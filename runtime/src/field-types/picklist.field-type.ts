import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';
import { duplicateOptionProblems, optionError, picklistSettingsSchema, type PicklistSettings } from './picklist-options.js';

/** One value from a fixed list of options (customer segment, order channel). */
export const picklistFieldType = defineFieldType<PicklistSettings>({
  name: 'picklist',
  settings: picklistSettingsSchema,
  storage: () => ({ kind: 'string', length: 64 }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'isNull'],
  sortable: true,
  widget: 'select',
  formulaType: 'text',
  decode(input) {
    if (typeof input === 'string') return { ok: true, value: input };
    return { ok: false, message: `expected an option value (text), got ${describeValue(input)}` };
  },
  validate: (value, settings) => optionError(value, settings),
  checkSettings: (settings, context) => duplicateOptionProblems(settings, context),
});
