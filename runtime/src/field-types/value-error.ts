import type { AnyFieldType } from './field-type.js';

/**
 * Why a field of this type and settings cannot hold `value`: its decode
 * (the value's shape) then its validate (the settings), or null when it
 * can. `null`/`undefined` are the caller's to judge (required or not).
 */
export function valueError(type: AnyFieldType, value: unknown, settings: unknown): { message: string; hint?: string } | null {
  const decoded = type.decode(value, settings);
  if (!decoded.ok) return decoded.hint === undefined ? { message: decoded.message } : { message: decoded.message, hint: decoded.hint };
  return type.validate(decoded.value, settings);
}
