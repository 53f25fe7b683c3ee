import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';
import { decodeText, lengthSettingsProblems, textLengthError } from './text-codec.js';

const longTextSettingsSchema = z.strictObject({
  /** In characters; no limit when absent (the column is unbounded text). */
  maxLength: z.int().min(1).max(10_000_000).optional(),
  minLength: z.int().min(0).optional(),
});

export type LongTextSettings = z.output<typeof longTextSettingsSchema>;

/** Multi-line text (notes, descriptions), stored as unbounded text; not sortable. */
export const longTextFieldType = defineFieldType<LongTextSettings>({
  name: 'longText',
  settings: longTextSettingsSchema,
  storage: () => ({ kind: 'text' }),
  scalar: 'String',
  filterOperators: ['contains', 'startsWith', 'isNull'],
  sortable: false,
  widget: 'textarea',
  formulaType: 'text',
  decode: (input) => decodeText(input),
  validate(value, settings) {
    if (typeof value !== 'string') return { message: `expected text, got ${describeValue(value)}` };
    return textLengthError(value, settings.minLength, settings.maxLength);
  },
  checkSettings: (settings, context) => lengthSettingsProblems(settings, context.path),
});
