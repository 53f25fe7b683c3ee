import { Cursor } from '@mikro-orm/core';
import type { CompiledEntity, CompiledField } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';

type OrderSpec = Record<string, string>;

/**
 * Lattice's page cursors: MikroORM's keyset values, tagged with the entity
 * and the sort they belong to. A cursor from another list or sort, or one whose values are not
 * valid values of the sorted fields, is refused with VALIDATION instead of
 * silently restarting the list or reaching the database as garbage.
 */
export const recordCursor = {
  wrap(entity: CompiledEntity, orderBy: OrderSpec, ormCursor: string | null): string | null {
    if (ormCursor === null) return null;
    return Buffer.from(JSON.stringify({ o: orderKey(entity, orderBy), v: Cursor.decode(ormCursor) })).toString('base64url');
  },

  /** The MikroORM cursor inside a Lattice cursor, after checking it against the sort and the field types. */
  unwrap(entity: CompiledEntity, orderBy: OrderSpec, cursor: string, path: 'after' | 'before'): string {
    const refuse = (why: string) => LatticeError.invalidInput(path, `The cursor is not valid for this list: ${why}`, 'Use a cursor returned by the same list query with the same orderBy');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw refuse('it cannot be read');
    }
    const { o, v } = (decoded ?? {}) as { o?: unknown; v?: unknown };
    if (o !== orderKey(entity, orderBy)) throw refuse('it belongs to another list or sort order');
    const fields = Object.keys(orderBy);
    if (!Array.isArray(v) || v.length !== fields.length) throw refuse('it does not hold one value per sorted field');
    fields.forEach((name, i) => {
      const value = v[i];
      const field = entity.fieldByName(name);
      if (value === null && name !== 'id' && !field?.required) return;
      if (!field || value === null || typeof value === 'object') throw refuse(`the value for "${name}" is not valid`);
      if (!field.formula && !field.type.decode(calendarDateOf(field, value), field.settings).ok) throw refuse(`the value for "${name}" is not valid`);
    });
    return Cursor.encode(v);
  },
};

/** A date column's keyset value comes back from the ORM as the instant of its midnight (UTC, as records show it): its calendar date is what the field type checks. */
function calendarDateOf(field: CompiledField, value: unknown): unknown {
  if (field.storage?.kind !== 'date' || typeof value !== 'string') return value;
  const midnight = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/.exec(value);
  return midnight ? midnight[1] : value;
}

function orderKey(entity: CompiledEntity, orderBy: OrderSpec): string {
  return `${entity.key}|` + Object.entries(orderBy).map(([field, direction]) => `${field}:${direction}`).join(',');
}
