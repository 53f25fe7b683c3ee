/**
 * Why Postgres cannot store this string, or null when it can. Postgres text
 * rejects NUL characters, and a lone UTF-16 surrogate has no UTF-8 form (the
 * driver would silently replace it), so both are refused before they reach
 * the database.
 */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which text columns cannot store';
  // With the u flag a well-formed pair is one code point, so only lone halves match.
  if (/[\uD800-\uDFFF]/u.test(text)) return 'contains a broken character (an unpaired UTF-16 surrogate)';
  return null;
}

/** Length in characters (code points), as Postgres counts varchar(n): 中国 is 2. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
