/**
 * Every generated name comes from here: tables, columns, plural query names.
 * One place to change naming conventions; the rest of the code never builds
 * a name by hand.
 */
export const ENTITY_NAME_PATTERN = /^[A-Z][A-Za-z0-9]{0,47}$/;
export const FIELD_NAME_PATTERN = /^[a-z][A-Za-z0-9]{0,47}$/;

/** `orderItem` → `order_item`, `OrderItem` → `order_item`, `idNumber2` → `id_number2`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** English plural of a camelCase word, good enough for generated query names. */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

export const inflection = {
  tableName: (entityName: string) => snakeCase(entityName),
  columnName: (fieldName: string) => snakeCase(fieldName),
  referenceColumnName: (fieldName: string) => `${snakeCase(fieldName)}_id`,
  joinTableName: (entityName: string, fieldName: string) => `${snakeCase(entityName)}__${snakeCase(fieldName)}`,
  joinOwnerColumn: (entityName: string) => `${snakeCase(entityName)}_id`,
  joinTargetColumn: (targetName: string, ownerName: string) =>
    snakeCase(targetName) === snakeCase(ownerName) ? `related_${snakeCase(targetName)}_id` : `${snakeCase(targetName)}_id`,
  pluralQueryName: (entityName: string) => pluralize(lowerFirst(entityName)),
  indexName: (table: string, indexKey: string) => `${table}__${indexKey}`.slice(0, 63),
  uniqueFieldIndexName: (table: string, column: string) => `${table}__${column}__unique`.slice(0, 63),
  fieldIndexName: (table: string, column: string) => `${table}__${column}__idx`.slice(0, 63),
} as const;
