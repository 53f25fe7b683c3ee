import type { CompiledEntity } from '@lattice/runtime';
import type { StoredRecord } from './stored-record.js';

type Conversion = 'value' | 'reference' | 'date' | 'datetime' | 'bigint';
type Mapper = ReadonlyArray<readonly [name: string, conversion: Conversion]>;

const mappers = new WeakMap<CompiledEntity, Map<string, Mapper>>();

/**
 * A row read through the ORM as the API sees a record: stored fields by
 * name, a reference as the target's id (resolved lazily through the batch
 * loaders), dates as `YYYY-MM-DD`, datetimes as ISO strings. Lists (inverse,
 * many-to-many) are not copied: they are loaded when a query asks for them.
 * Hot path (every row of every page): the per-field decisions are made once
 * per entity and field set, not per row.
 */
export function toPlainRecord(entity: CompiledEntity, row: Record<string, unknown>, fields?: readonly string[]): StoredRecord {
  const out: Record<string, unknown> = {};
  for (const [name, conversion] of mapperOf(entity, fields)) {
    const value = row[name];
    if (value === undefined || value === null) out[name] = null;
    else if (conversion === 'value') out[name] = value;
    else if (conversion === 'reference') out[name] = typeof value === 'object' ? (value as { id: string }).id : value;
    else if (conversion === 'bigint') out[name] = String(value);
    else if (value instanceof Date) out[name] = conversion === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
    else out[name] = value;
  }
  return out as StoredRecord;
}

function mapperOf(entity: CompiledEntity, fields: readonly string[] | undefined): Mapper {
  let byFields = mappers.get(entity);
  if (!byFields) mappers.set(entity, (byFields = new Map()));
  const key = fields?.join(',') ?? '*';
  let mapper = byFields.get(key);
  if (!mapper) {
    const wanted = fields ? new Set(fields) : undefined;
    mapper = entity.fields
      .filter((f) => f.column && (!wanted || wanted.has(f.name)))
      .map((f) => [f.name, conversionOf(f.relation?.kind, f.storage?.kind)] as const);
    byFields.set(key, mapper);
  }
  return mapper;
}

function conversionOf(relation: string | undefined, storage: string | undefined): Conversion {
  if (relation === 'reference') return 'reference';
  if (storage === 'date') return 'date';
  if (storage === 'datetime') return 'datetime';
  if (storage === 'bigint') return 'bigint';
  return 'value';
}
