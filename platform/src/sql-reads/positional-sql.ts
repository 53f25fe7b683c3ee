import { isRaw } from '@mikro-orm/core';

/**
 * MikroORM's `?` placeholders as Postgres' `$1, $2…`, so a statement is sent
 * with its values bound (and can be prepared) instead of inlined. Raw
 * fragments among the parameters (a sharing rule's subquery, the column a
 * nested read is correlated with) are SQL, written in place. Quoted
 * strings and identifiers are copied untouched; `\?` stands for a literal `?`.
 */
export function toPositional(sql: string, params: readonly unknown[], out: unknown[] = []): { text: string; values: unknown[] } {
  let next = 0;
  const text = sql.replace(TOKENS, (token) => {
    if (token === '\\?') return '?';
    if (token !== '?') return token;
    if (next >= params.length) throw new Error('toPositional: more placeholders than parameters');
    const value = params[next++];
    if (isRaw(value)) return toPositional(value.sql, value.params, out).text;
    out.push(value);
    return `$${out.length}`;
  });
  if (next !== params.length) throw new Error('toPositional: fewer placeholders than parameters');
  return { text, values: out };
}

/** Quoted strings and identifiers (copied as they are: a doubled quote stays inside), an escaped `?`, and placeholders. */
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\\\?|\?/g;
