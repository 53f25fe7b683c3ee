import { problem, type Problem } from '../problems/problem.js';
import { describeValue } from './describe-value.js';
import type { DecodeResult } from './field-type.js';
import { characterCount, unstorableTextReason } from './storable-text.js';

/** Decodes any string as given (no trimming): shared with longText. */
export function decodeText(input: unknown): DecodeResult {
  if (typeof input !== 'string') {
    const hint = typeof input === 'number' ? `send it as text: "${String(input)}"` : undefined;
    return { ok: false, message: `expected text, got ${describeValue(input)}`, ...(hint ? { hint } : {}) };
  }
  const reason = unstorableTextReason(input);
  if (reason !== null) return { ok: false, message: `the text ${reason}`, hint: 'remove the character' };
  return { ok: true, value: input };
}

/** Length bounds in characters: shared with longText. */
export function textLengthError(value: string, minLength: number | undefined, maxLength: number | undefined): { message: string } | null {
  const length = characterCount(value);
  if (maxLength !== undefined && length > maxLength) {
    return { message: `${describeValue(value)} is ${length} characters long; at most ${maxLength} allowed` };
  }
  if (minLength !== undefined && length < minLength) {
    return { message: `${describeValue(value)} is ${length} characters long; at least ${minLength} required` };
  }
  return null;
}

/** minLength must not exceed maxLength. */
export function lengthSettingsProblems(settings: { minLength?: number; maxLength?: number }, path: string): Problem[] {
  if (settings.minLength === undefined || settings.maxLength === undefined || settings.minLength <= settings.maxLength) return [];
  return [problem('field.invalid-range', `${path}.minLength`, `minLength ${settings.minLength} is greater than maxLength ${settings.maxLength}`)];
}
