import { isRaw } from '@mikro-orm/core';

/**
 * MikroORM's `?` placeholders as Postgres' `$1, $2…`, so a statement is sent
 * with its values bound (and can be prepared) instead of inlined. Raw
 * fragments among the parameters (a sharing rule's subquery, the column a
 * nested read is correlated with) are SQL, written in place. Quoted
 * strings and identifiers are copied untouched; `\?` stands for a literal `?`.
 */
export function toPositional(sql: string, params: readonly unknown[], out: unknown[] = []): { text: string; values: unknown[] } {
  let text = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      text += sql.slice(i, end);
      i = end;
      continue;
    }
    if (c === '\\' && sql[i + 1] === '?') {
      text += '?';
      i += 2;
      continue;
    }
    if (c === '?') {
      if (next >= params.length) throw new Error('toPositional: more placeholders than parameters');
      const value = params[next++];
      if (isRaw(value)) text += toPositional(value.sql, value.params, out).text;
      else {
        out.push(value);
        text += `$${out.length}`;
      }
      i++;
      continue;
    }
    text += c;
    i++;
  }
  if (next !== params.length) throw new Error('toPositional: fewer placeholders than parameters');
  return { text, values: out };
}

/** Where a quoted string or identifier starting at `start` ends (after its closing quote; a doubled quote stays inside). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
