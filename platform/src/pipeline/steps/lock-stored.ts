import { LockMode } from '@mikro-orm/postgresql';
import { LatticeError } from '../../errors/lattice-error.js';
import { toPlainRecord } from '../../storage/plain-record.js';
import { assertId } from '../../storage/record-id.js';
import { withScope } from '../../security/row-scope.js';
import type { WriteContext, WriteItem } from '../write-context.js';
import type { WriteStep } from '../write-step.js';

/**
 * The stored row, locked for the rest of the write, within the actor's
 * scope (a row outside it is not found) and at the version the caller read
 * (else a conflict naming the fields changed since that they may read).
 */
async function lock(context: WriteContext, item: WriteItem, live: boolean): Promise<void> {
  const { em, entity, services } = context;
  const id = item.id ?? '';
  assertId(id, 'id');
  const row = (await em.findOne(services.schemas.of(entity), withScope({ id }, context.scope ?? null), { lockMode: LockMode.PESSIMISTIC_WRITE })) as Record<string, unknown> | null;
  if (!row) throw LatticeError.recordNotFound(entity.name, id);
  if (live && row['deletedAt']) throw LatticeError.conflict(`${entity.name} ${id} is deleted; restore it before changing it`, { entity: entity.name, id });
  const current = Number(row['version']);
  if (item.expectedVersion !== undefined && current !== item.expectedVersion) {
    throw LatticeError.staleVersion(entity.name, id, item.expectedVersion, current, await services.audit.fieldsChangedSince(em, entity.key, id, item.expectedVersion, (name) => services.fieldReadable(entity, name)));
  }
  item.row = row;
  item.stored = toPlainRecord(entity, row) as Record<string, unknown>;
}

/** An update changes a live record only. */
export const lockLive: WriteStep = {
  name: 'lockStored',
  verbs: ['update'],
  async run(context) {
    for (const item of context.items) await lock(context, item, true);
  },
};

/** A delete or restore finds the record whether or not it is deleted. */
export const lockAny: WriteStep = {
  name: 'lockStored',
  verbs: ['softDelete', 'restore'],
  async run(context) {
    for (const item of context.items) await lock(context, item, false);
  },
};
