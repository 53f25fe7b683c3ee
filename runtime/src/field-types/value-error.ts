import type { AnyFieldType } from './field-type.js';

/** Why `input` is not a valid value of the field (decoded, then validated against its settings), or null. */
export function valueError(type: AnyFieldType, settings: Record<string, unknown>, input: unknown): { message: string; hint?: string } | null {
  const decoded = type.decode(input, settings);
  return decoded.ok ? type.validate(decoded.value, settings) : decoded;
}
