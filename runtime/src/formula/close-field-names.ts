import type { FormulaType } from '../field-types/field-type.js';

type FieldLookup = (fieldName: string) => FormulaType | null | undefined;

/**
 * Field names a misspelt identifier probably meant, best first. With the
 * entity's field names: those within a small edit distance (Levenshtein,
 * O(n·m) per name, names are short). Without them: the common case and
 * naming-style variants (customer_name → customerName) that the lookup knows.
 */
export function closeFieldNames(name: string, lookup: FieldLookup, fieldNames: readonly string[] = []): string[] {
  const limit = Math.max(1, Math.min(3, Math.ceil(name.length / 3)));
  const scored = fieldNames
    .map((candidate) => ({ candidate, distance: candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => candidate !== name && distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .map(({ candidate }) => candidate);
  const camel = name.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
  const snake = name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);
  const variants = [camel, snake, name.toLowerCase(), name.charAt(0).toLowerCase() + name.slice(1)].filter(
    (variant) => variant !== name && lookup(variant) !== undefined,
  );
  return [...new Set([...scored, ...variants])].slice(0, 3);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
