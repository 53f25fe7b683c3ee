/**
 * A deep copy of JSON data (metadata documents are JSON: parsed from YAML or
 * the admin API). Written out rather than `structuredClone`, which the
 * runtime's ES library target does not declare, and which pays for cycles,
 * dates and maps that metadata never has.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}
