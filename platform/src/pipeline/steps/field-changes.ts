import type { CompiledEntity } from '@lattice/runtime';
import type { FieldChanges } from '../audit-trail.js';
import { toPlainRecord } from '../../storage/plain-record.js';

/** Field by field, what changes from `before` to `after` (lists compared as sorted ids). */
export function changesFrom(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [name, value] of Object.entries(after)) {
    const old = before[name] ?? null;
    const next = Array.isArray(value) ? [...value].sort() : value ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[name] = { before: old, after: next };
  }
  return changes;
}

/** Current values of the given fields of a locked row, many-to-many lists as sorted ids. */
export async function currentValues(entity: CompiledEntity, row: Record<string, unknown>, names: string[]): Promise<Record<string, unknown>> {
  const plain = toPlainRecord(entity, row) as Record<string, unknown>;
  for (const name of names) {
    const field = entity.fieldByName(name);
    if (field?.relation?.kind !== 'manyToMany') continue;
    const collection = row[name] as { init(): Promise<unknown>; getItems(): { id: string }[] };
    await collection.init();
    plain[name] = collection.getItems().map((item) => item.id).sort();
  }
  return plain;
}
