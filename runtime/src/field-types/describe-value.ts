/**
 * A received value as messages show it: strings quoted (cut when long),
 * numbers and booleans as written, anything else by its kind. Messages name
 * the value so that a person fixing an import file can find the cell.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case 'number':
    case 'bigint':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'a list';
      if (value instanceof Date) return 'a Date object';
      return 'an object';
  }
}
