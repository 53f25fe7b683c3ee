import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';
import { patternMismatch, patternSettingProblems } from './pattern-setting.js';
import { decodeText, lengthSettingsProblems, textLengthError } from './text-codec.js';

const textSettingsSchema = z.strictObject({
  /** In characters (code points): 中国移动 is 4. */
  maxLength: z.int().min(1).max(10000).default(255),
  minLength: z.int().min(0).max(10000).optional(),
  /** JavaScript regular expression (u flag), not anchored: write ^...$ to match the whole value. */
  pattern: z.string().min(1).optional(),
});

export type TextSettings = z.output<typeof textSettingsSchema>;

/** Single-line text, stored as varchar(maxLength). */
export const textFieldType = defineFieldType<TextSettings>({
  name: 'text',
  settings: textSettingsSchema,
  storage: (settings) => ({ kind: 'string', length: settings.maxLength }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'contains', 'startsWith', 'isNull'],
  sortable: true,
  widget: 'input',
  formulaType: 'text',
  decode: (input) => decodeText(input),
  validate(value, settings) {
    if (typeof value !== 'string') return { message: `expected text, got ${describeValue(value)}` };
    return textLengthError(value, settings.minLength, settings.maxLength) ?? patternMismatch(value, settings.pattern);
  },
  checkSettings: (settings, context) => [
    ...lengthSettingsProblems(settings, context.path),
    ...patternSettingProblems(settings.pattern, context),
  ],
});
