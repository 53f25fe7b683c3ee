import type { FieldTypeDefinition } from '../field-type.js';

/** Decode then validate, as a record write does: the value, or the first problem with its message and hint. */
export function read<S>(type: FieldTypeDefinition<S>, input: unknown, settings: Record<string, unknown> = {}) {
  const parsed = type.settings.parse(settings);
  const decoded = type.decode(input, parsed);
  if (!decoded.ok) return decoded;
  const invalid = type.validate(decoded.value, parsed);
  return invalid ? { ok: false as const, ...invalid } : decoded;
}
