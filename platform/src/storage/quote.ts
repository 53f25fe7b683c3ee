/** Quotes a Postgres identifier. Names come from checked metadata, but quoting keeps DDL correct whatever they are. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a Postgres string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
