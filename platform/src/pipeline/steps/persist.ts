import { randomUUID } from 'node:crypto';
import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import { translateDatabaseError } from '../../errors/translate-database-error.js';
import { nextAutonumbers } from '../../storage/autonumber-counter.js';
import type { WriteContext } from '../write-context.js';
import type { WriteStep } from '../write-step.js';
import { changesFrom } from './field-changes.js';

/** New rows with their autonumbers (a counter row per period, gap-free: it commits or rolls back with the record). */
export const persistNew: WriteStep = {
  name: 'persist',
  verbs: ['create'],
  async run(context) {
    const { em, entity, services, now, items } = context;
    const actorId = services.actor.id;
    for (const item of items) {
      const id = randomUUID();
      item.values = { ...item.values, ...(await nextAutonumbers(em, entity, now)) };
      item.id = id;
      item.changes = changesFrom({}, item.values);
      em.create(services.schemas.of(entity), { ...item.values, id, createdAt: now, updatedAt: now, createdBy: actorId, updatedBy: actorId, ownerId: item.ownerId ?? null, orgUnitId: item.orgUnitId ?? null, version: 1 });
    }
    await flush(context, items.length > 1);
  },
};

/** The locked row takes the checked values (its version moves on: optimistic locking). */
export const persistChange: WriteStep = {
  name: 'persist',
  verbs: ['update', 'softDelete', 'restore'],
  async run(context) {
    for (const item of context.items) {
      if (item.unchanged || !item.row) continue;
      context.em.assign(item.row, { ...item.values, updatedAt: context.now, updatedBy: context.services.actor.id } as never);
    }
    await flush(context, false);
  },
};

/** A duplicate the database finds is refused as validation is, naming the field (and in a batch, the input). */
async function flush(context: WriteContext, batch: boolean): Promise<void> {
  try {
    await context.em.flush();
  } catch (error) {
    const translated = error instanceof LatticeError ? error : translateDatabaseError(error, context.entity);
    if (!translated) throw error;
    throw batch ? locateInBatch(translated, context.entity, context.items.map((item) => item.values)) : translated;
  }
}

/**
 * A duplicate found by the database names the input that holds it
 * (`[3].code`), as validation problems do: the second holder when the batch
 * repeats a value, else the one input that collides with a stored record.
 */
function locateInBatch(error: LatticeError, entity: CompiledEntity, values: Record<string, unknown>[]): LatticeError {
  const duplicate = error.details['duplicate'] as { fields: string[]; values: string[] } | undefined;
  if (!duplicate?.values.length) return error;
  const holders = values.flatMap((record, i) => (duplicate.fields.every((name, k) => String(record[name]) === duplicate.values[k]) ? [i] : []));
  const position = holders.length > 1 ? holders[1] : holders[0];
  if (position === undefined) return error;
  return LatticeError.invalidRecord(entity.name, (error.details.problems ?? []).map((p) => ({ ...p, path: `[${position}].${p.path}` })), { duplicate });
}
