import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType, type DecodeResult } from './field-type.js';

const emailSettingsSchema = z.strictObject({});

export type EmailSettings = z.output<typeof emailSettingsSchema>;

const EXAMPLE = 'zhang.san@example.com';
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LABEL = /^(\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/**
 * A real-world address check, not RFC 5322 in full: one @, a dotted domain,
 * no spaces or quoted local parts. The domain is case-insensitive, so it is
 * lower-cased; the local part is kept as typed (some servers honour case).
 */
function decodeEmail(input: unknown): DecodeResult {
  if (typeof input !== 'string') return { ok: false, message: `expected an email address like ${EXAMPLE}, got ${describeValue(input)}` };
  const shown = JSON.stringify(input);
  if (/\s/u.test(input)) {
    const hint = input.trim() === input ? undefined : 'remove the spaces around the address';
    return { ok: false, message: `${shown} contains a space; an email address has none`, ...(hint ? { hint } : {}) };
  }
  const parts = input.split('@');
  if (parts.length !== 2) {
    const what = parts.length === 1 ? 'has no @' : 'has more than one @';
    return { ok: false, message: `${shown} ${what}`, hint: `expected an address like ${EXAMPLE}` };
  }
  const [local = '', rawDomain = ''] = parts;
  const domain = rawDomain.toLowerCase();
  if (local === '') return { ok: false, message: `${shown} has nothing before the @` };
  if (local.length > 64) return { ok: false, message: `${shown} has more than 64 characters before the @` };
  if (!LOCAL_PART.test(local)) {
    return { ok: false, message: `${shown} has a character or a dot that is not allowed before the @`, hint: 'use letters, digits and . _ - + (no dot at the start or end, no two dots in a row)' };
  }
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, message: `${shown} has no dot in its domain "${domain}"`, hint: `expected an address like ${EXAMPLE}` };
  if (!labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LABEL.test(labels[labels.length - 1] ?? '')) {
    return { ok: false, message: `${shown} has an invalid domain "${domain}"`, hint: 'a domain is dot-separated names of letters, digits and -, ending in a name such as com or cn' };
  }
  const value = `${local}@${domain}`;
  if (value.length > 254) return { ok: false, message: `${shown} is longer than 254 characters` };
  return { ok: true, value };
}

/** Email addresses; the canonical value has a lower-case domain. */
export const emailFieldType = defineFieldType<EmailSettings>({
  name: 'email',
  settings: emailSettingsSchema,
  storage: () => ({ kind: 'string', length: 254 }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'contains', 'startsWith', 'isNull'],
  sortable: true,
  widget: 'email',
  formulaType: 'text',
  decode: (input) => decodeEmail(input),
  validate: (value) => {
    const decoded = decodeEmail(value);
    return decoded.ok ? null : { message: decoded.message };
  },
});
