import type { StorageSpec } from '@lattice/runtime';

/**
 * The one closed map from the runtime's neutral storage kinds to MikroORM
 * column options. A new field type reuses these kinds; it never names SQL.
 */
export function columnOptions(storage: StorageSpec): Record<string, unknown> {
  switch (storage.kind) {
    case 'string':
      return { type: 'string', length: storage.length };
    case 'text':
      return { type: 'text' };
    case 'integer':
      return { type: 'integer' };
    case 'bigint':
      return { type: 'bigint' };
    case 'decimal':
      return { type: 'decimal', precision: storage.precision, scale: storage.scale };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'date' };
    case 'datetime':
      return { type: 'datetime', columnType: 'timestamptz' };
    case 'json':
      return { type: 'json' };
    case 'string-array':
      return { type: 'string[]', columnType: `varchar(${storage.length})[]` };
    case 'uuid':
      return { type: 'uuid' };
  }
}

/** Postgres column type of a storage kind, as plan shows it and risk checks compare it. */
export function columnTypeOf(storage: StorageSpec): string {
  switch (storage.kind) {
    case 'string':
      return `varchar(${storage.length})`;
    case 'decimal':
      return `numeric(${storage.precision},${storage.scale})`;
    case 'datetime':
      return 'timestamptz';
    case 'json':
      return 'jsonb';
    case 'string-array':
      return `varchar(${storage.length})[]`;
    default:
      return storage.kind;
  }
}
