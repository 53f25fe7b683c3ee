import type { CompiledField } from '@lattice/runtime';
import { scalarOf } from '../graphql/types/field-output-types.js';

/** A column of the row under `alias`, quoted. */
export function columnOf(alias: string, column: string): string {
  return `${alias}."${column.replaceAll('"', '""')}"`;
}

/**
 * A stored value as JSON built by Postgres, exactly as the resolvers answer
 * it: datetimes as `toISOString()` prints them (UTC, milliseconds, `Z`),
 * dates as `YYYY-MM-DD`, money, decimals and 64-bit integers as the exact
 * strings the driver reads, and the String and ID scalars as text whatever
 * the column (GraphQL turns a number or boolean into its text there).
 */
export function valueSql(alias: string, field: CompiledField): string {
  const column = columnOf(alias, field.column as string);
  const kind = field.storage?.kind;
  const scalar = scalarOf(field).name;
  if (kind === 'datetime') return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (kind === 'date') return `to_char(${column}, 'YYYY-MM-DD')`;
  if (kind === 'decimal' || kind === 'bigint') return scalar === 'Int' || scalar === 'Float' ? `${column}::float8` : `${column}::text`;
  if ((scalar === 'String' || scalar === 'ID') && (kind === 'integer' || kind === 'boolean')) return `${column}::text`;
  return column;
}

/** A value as MikroORM's keyset cursor holds it (`Cursor.from`: the mapped row's value, a date as its JSON text). */
export function cursorValueSql(alias: string, field: CompiledField): string {
  const column = columnOf(alias, field.column as string);
  const kind = field.storage?.kind;
  if (kind === 'datetime') return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (kind === 'date') return `to_char(${column}, 'YYYY-MM-DD')`;
  if (kind === 'decimal' || kind === 'bigint') return `${column}::text`;
  return column;
}

/** A string literal of a GraphQL name (response keys, type names: `[_A-Za-z][_0-9A-Za-z]*`, nothing to escape). */
export function nameLiteral(name: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) throw new Error(`Not a GraphQL name: ${name}`);
  return `'${name}'`;
}
