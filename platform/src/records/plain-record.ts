import type { CompiledEntity } from '@lattice/runtime';
import type { StoredRecord } from './stored-record.js';

/**
 * An ORM entity as the API sees a record: stored fields by name, a reference
 * as the target's id (resolved lazily through the batch loaders), datetimes
 * as ISO strings. Lists (inverse, many-to-many) are not copied: they are
 * loaded in batches when a query asks for them.
 */
export function toPlainRecord(entity: CompiledEntity, row: Record<string, unknown>): StoredRecord {
  const out: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (!field.column) continue;
    const value = row[field.name];
    if (value === undefined || value === null) out[field.name] = null;
    else if (field.relation?.kind === 'reference') out[field.name] = typeof value === 'object' ? (value as { id: string }).id : value;
    else if (value instanceof Date) out[field.name] = field.storage?.kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
    else if (typeof value === 'bigint') out[field.name] = value.toString();
    else out[field.name] = value;
  }
  return out as StoredRecord;
}
