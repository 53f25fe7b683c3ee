import type { MetadataEntity, MetadataField } from '../shell/console-metadata.js';
import { plainRecord, sameValue } from './record-editor.js';

/** One field someone else changed since the record was loaded: what it was, what it is now, and what this user typed. */
export interface ConflictRow {
  readonly field: MetadataField;
  readonly loaded: unknown;
  readonly theirs: unknown;
  /** What this user typed into it, when they did. */
  readonly yours?: unknown;
  /** Both changed it, to different values: reapplying puts this user's value over theirs. */
  readonly clash: boolean;
}

/**
 * A stale edit, explained: the fields changed since the user loaded the
 * record (the server's `changedFields`, else every field that differs),
 * each with the value loaded, the current one and the user's own edit.
 */
export function conflictRows(entity: MetadataEntity, loaded: Readonly<Record<string, unknown>>, current: Readonly<Record<string, unknown>>, edits: Readonly<Record<string, unknown>>, changedFields: readonly string[] | undefined): ConflictRow[] {
  const before = plainRecord(entity, loaded).values;
  const now = plainRecord(entity, current).values;
  const named = changedFields?.length ? new Set(changedFields) : undefined;
  return entity.fields.flatMap((field): ConflictRow[] => {
    if (!(field.name in now)) return [];
    const changed = named ? named.has(field.name) : !sameValue(before[field.name], now[field.name]);
    if (!changed) return [];
    const typed = field.name in edits;
    return [{ field, loaded: before[field.name], theirs: now[field.name], ...(typed ? { yours: edits[field.name] } : {}), clash: typed && !sameValue(edits[field.name], now[field.name]) }];
  });
}

/** The user's edits to reapply over the current record: those that still change something. */
export function editsToReapply(entity: MetadataEntity, current: Readonly<Record<string, unknown>>, edits: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const now = plainRecord(entity, current).values;
  return Object.fromEntries(Object.entries(edits).filter(([name, value]) => !sameValue(value, now[name])));
}
