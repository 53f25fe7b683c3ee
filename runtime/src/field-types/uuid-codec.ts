import { describeValue } from './describe-value.js';
import type { DecodeResult } from './field-type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any UUID version, any case; canonical form is lower-case, as Postgres prints uuid. */
export function decodeUuid(input: unknown): DecodeResult {
  if (typeof input === 'string' && UUID.test(input)) return { ok: true, value: input.toLowerCase() };
  const message = `expected a UUID like 0b7e6a52-3c1f-4d2e-9a8b-1f2e3d4c5b6a, got ${describeValue(input)}`;
  if (typeof input === 'string' && /^[0-9a-f]{32}$/i.test(input)) {
    return { ok: false, message, hint: 'add the dashes: 8-4-4-4-12 hex digits' };
  }
  return { ok: false, message };
}

/** Decodes a list of UUIDs, dropping repeats and keeping the first position of each. */
export function decodeUuidList(input: unknown): DecodeResult {
  if (!Array.isArray(input)) return { ok: false, message: `expected a list of record ids, got ${describeValue(input)}` };
  const ids = new Set<string>();
  for (const [index, item] of input.entries()) {
    const decoded = decodeUuid(item);
    if (!decoded.ok) return { ok: false, message: `item ${index + 1}: ${decoded.message}`, ...(decoded.hint ? { hint: decoded.hint } : {}) };
    ids.add(decoded.value as string);
  }
  return { ok: true, value: [...ids] };
}
