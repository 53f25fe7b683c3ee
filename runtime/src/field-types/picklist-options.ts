import { z } from 'zod';
import { localizedTextSchema } from '../documents/localized-text.js';
import { problem, type Problem } from '../problems/problem.js';
import type { FieldTypeContext } from './field-type.js';

/** Options shared by picklist and multiPicklist. Values are stored, labels shown. */
export const picklistSettingsSchema = z.strictObject({
  options: z
    .array(
      z.strictObject({
        value: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an option value is 1 to 64 letters, digits, _ . or -'),
        label: localizedTextSchema.optional(),
        /** Kept so stored values stay valid; screens stop offering it. */
        deprecated: z.boolean().optional(),
      }),
    )
    .min(1, 'a picklist needs at least one option'),
});

export type PicklistSettings = z.output<typeof picklistSettingsSchema>;

/** Each repeated value once, at `options[<value>]`. */
export function duplicateOptionProblems(settings: PicklistSettings, context: FieldTypeContext): Problem[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const option of settings.options) {
    if (seen.has(option.value) && !reported.has(option.value)) {
      reported.add(option.value);
      problems.push(
        problem(
          'field.duplicate-option',
          `${context.path}.options[${option.value}]`,
          `option value "${option.value}" appears more than once`,
          'each option needs its own value; give one of them another value or remove it',
        ),
      );
    }
    seen.add(option.value);
  }
  return problems;
}

/** Why `value` is not one of the options, or null. Deprecated options still count. */
export function optionError(value: unknown, settings: PicklistSettings): { message: string; hint?: string } | null {
  if (settings.options.some((option) => option.value === value)) return null;
  const offered = settings.options.filter((option) => option.deprecated !== true);
  const values = (offered.length > 0 ? offered : settings.options).map((option) => option.value);
  const allowed = values.length > 20 ? `${values.slice(0, 20).join(', ')}, ... (${values.length} in all)` : values.join(', ');
  const message = `${JSON.stringify(value)} is not an option; allowed: ${allowed}`;
  const near = typeof value === 'string' ? nearOption(value, settings) : undefined;
  return near === undefined ? { message } : { message, hint: `did you mean "${near}"?` };
}

/** An option whose value differs only in case, or whose label is the input (a label pasted instead of a value). */
function nearOption(input: string, settings: PicklistSettings): string | undefined {
  const lower = input.toLowerCase();
  for (const option of settings.options) {
    if (option.value.toLowerCase() === lower) return option.value;
    const labels = option.label === undefined ? [] : typeof option.label === 'string' ? [option.label] : Object.values(option.label);
    if (labels.includes(input)) return option.value;
  }
  return undefined;
}
