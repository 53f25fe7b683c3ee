import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType, type DecodeResult } from './field-type.js';
import { patternMismatch, patternSettingProblems } from './pattern-setting.js';

const phoneSettingsSchema = z.strictObject({
  /** Regular expression on the canonical form, e.g. ^1[3-9]\d{9}$ for a mainland mobile number. */
  pattern: z.string().min(1).optional(),
});

export type PhoneSettings = z.output<typeof phoneSettingsSchema>;

const MAX_LENGTH = 32;

/**
 * Canonical form: digits with an optional leading +. NFKC first turns
 * full-width digits and brackets typed with a Chinese input method into
 * ASCII; then spaces, dashes and parentheses go.
 */
function decodePhone(input: unknown): DecodeResult {
  if (typeof input !== 'string') {
    const hint = typeof input === 'number' ? 'send phone numbers as text, so that a leading + or 0 is kept' : undefined;
    return { ok: false, message: `expected a phone number like 138 0013 8000, got ${describeValue(input)}`, ...(hint ? { hint } : {}) };
  }
  const canonical = input.normalize('NFKC').replace(/[\s\-()]/gu, '');
  if (/^\+?\d+$/.test(canonical)) return { ok: true, value: canonical };
  const stray = [...canonical.replace(/^\+/, '')].find((char) => !/\d/.test(char));
  const what = canonical === '' || canonical === '+' ? 'has no digits' : `contains ${JSON.stringify(stray)}`;
  return {
    ok: false,
    message: `${JSON.stringify(input)} ${what}`,
    hint: 'a phone number is digits with an optional leading +; spaces, dashes and parentheses are allowed and removed',
  };
}

/** Phone numbers, stored canonical so that search and uniqueness ignore formatting. */
export const phoneFieldType = defineFieldType<PhoneSettings>({
  name: 'phone',
  settings: phoneSettingsSchema,
  storage: () => ({ kind: 'string', length: MAX_LENGTH }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'startsWith', 'contains', 'isNull'],
  sortable: true,
  widget: 'phone',
  formulaType: 'text',
  decode: (input) => decodePhone(input),
  validate(value, settings) {
    if (typeof value !== 'string') return { message: `expected a phone number, got ${describeValue(value)}` };
    if (value.length > MAX_LENGTH) return { message: `${JSON.stringify(value)} is longer than ${MAX_LENGTH} characters` };
    if (settings.pattern !== undefined) return patternMismatch(value, settings.pattern);
    const digits = value.replace(/^\+/, '').length;
    if (digits < 5 || digits > 20) return { message: `${JSON.stringify(value)} has ${digits} digits; a phone number has 5 to 20` };
    return null;
  },
  checkSettings: (settings, context) => patternSettingProblems(settings.pattern, context),
});
