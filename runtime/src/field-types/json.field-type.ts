import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { defineFieldType, type DecodeResult } from './field-type.js';
import { unstorableTextReason } from './storable-text.js';

const jsonSettingsSchema = z.strictObject({});

export type JsonSettings = z.output<typeof jsonSettingsSchema>;

const MAX_DEPTH = 64;

type Copied = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Copies a value that survives JSON unchanged, or says where it would not:
 * JSON.stringify silently drops undefined and functions and turns NaN and
 * dates into something else, so those are refused instead. The copy also
 * detaches the stored value from the caller's object.
 */
function copyJson(value: unknown, at: string, depth: number, open: Set<object>): Copied {
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: `${at} is ${String(value)}; JSON has no NaN or Infinity` };
    return { ok: true, value: value === 0 ? 0 : value };
  }
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    return reason === null ? { ok: true, value } : { ok: false, message: `${at} ${reason}` };
  }
  if (typeof value !== 'object') return { ok: false, message: `${at} is ${describeValue(value)}, which JSON cannot hold` };
  if (depth > MAX_DEPTH) return { ok: false, message: `${at} is nested more than ${MAX_DEPTH} levels deep` };
  if (open.has(value)) return { ok: false, message: `${at} contains itself (a cycle)` };
  open.add(value);
  const result = Array.isArray(value) ? copyArray(value, at, depth, open) : copyObject(value, at, depth, open);
  open.delete(value);
  return result;
}

function copyArray(value: unknown[], at: string, depth: number, open: Set<object>): Copied {
  const copy: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    if (!(index in value)) return { ok: false, message: `${at}[${index}] is an empty slot` };
    const item = copyJson(value[index], `${at}[${index}]`, depth + 1, open);
    if (!item.ok) return item;
    copy.push(item.value);
  }
  return { ok: true, value: copy };
}

function copyObject(value: object, at: string, depth: number, open: Set<object>): Copied {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value.constructor as { name?: string } | undefined)?.name ?? 'object';
    return { ok: false, message: `${at} is a ${name}, not a plain object` };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const keyReason = unstorableTextReason(key);
    if (keyReason !== null) return { ok: false, message: `a key in ${at} ${keyReason}` };
    const copied = copyJson(item, `${at}.${key}`, depth + 1, open);
    if (!copied.ok) return copied;
    // defineProperty, so that a "__proto__" key stays data instead of setting the prototype.
    Object.defineProperty(copy, key, { value: copied.value, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: copy };
}

function decodeJson(input: unknown): DecodeResult {
  const copied = copyJson(input, 'value', 0, new Set());
  if (copied.ok) return copied;
  const hint = /is a Date/.test(copied.message) ? 'send dates as ISO text, e.g. "2026-11-25T09:30:00+08:00"' : undefined;
  return { ok: false, message: copied.message, ...(hint ? { hint } : {}) };
}

/** Free-form structured data (integration payloads, settings); stored as jsonb. */
export const jsonFieldType = defineFieldType<JsonSettings>({
  name: 'json',
  settings: jsonSettingsSchema,
  storage: () => ({ kind: 'json' }),
  scalar: 'JSON',
  filterOperators: ['isNull'],
  sortable: false,
  widget: 'json',
  formulaType: null,
  decode: (input) => decodeJson(input),
  validate: (value) => {
    const copied = copyJson(value, 'value', 0, new Set());
    return copied.ok ? null : { message: copied.message };
  },
});
