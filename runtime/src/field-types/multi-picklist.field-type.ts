import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';
import { duplicateOptionProblems, optionError, picklistSettingsSchema, type PicklistSettings } from './picklist-options.js';

/**
 * Several values from a fixed list (services a customer subscribes to).
 * Canonical value: the values in input order, each once.
 */
export const multiPicklistFieldType = defineFieldType<PicklistSettings>({
  name: 'multiPicklist',
  settings: picklistSettingsSchema,
  storage: () => ({ kind: 'string-array', length: 64 }),
  scalar: 'String',
  list: true,
  filterOperators: ['hasAny', 'hasAll', 'isNull'],
  sortable: false,
  widget: 'multi-select',
  formulaType: null,
  decode(input) {
    if (!Array.isArray(input)) {
      const hint = typeof input === 'string' ? `send a list, e.g. [${JSON.stringify(input)}]` : undefined;
      return { ok: false, message: `expected a list of option values, got ${describeValue(input)}`, ...(hint ? { hint } : {}) };
    }
    const values = new Set<string>();
    for (const [index, item] of input.entries()) {
      if (typeof item !== 'string') return { ok: false, message: `item ${index + 1} is ${describeValue(item)}; expected an option value (text)` };
      values.add(item);
    }
    return { ok: true, value: [...values] };
  },
  validate(value, settings) {
    if (!Array.isArray(value)) return { message: `expected a list of option values, got ${describeValue(value)}` };
    for (const item of value) {
      const error = optionError(item, settings);
      if (error !== null) return error;
    }
    return null;
  },
  checkSettings: (settings, context) => duplicateOptionProblems(settings, context),
});
