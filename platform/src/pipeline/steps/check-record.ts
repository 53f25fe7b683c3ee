import { checkRecordWrite, type Problem } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import { pathIn } from '../write-context.js';
import type { WriteStep } from '../write-step.js';
import { changesFrom, currentValues } from './field-changes.js';

/**
 * Form logic, validation and rules: the runtime's `checkRecordWrite` (field
 * types, the writer's form on the record as it will be, rule sets, required
 * fields, the layers' validations), the same function the browser runs.
 * Every input of a batch is checked; any problem refuses them all, each
 * problem naming its input.
 */
export const checkNew: WriteStep = {
  name: 'checkRecord',
  verbs: ['create'],
  async run(context) {
    const { entity, services } = context;
    const placement = services.guard.placement(entity);
    const placed = { orgUnitId: placement.orgUnitId, unitKeys: services.unitKeys };
    const problems: Problem[] = [];
    for (const item of context.items) {
      const result = checkRecordWrite(services.model, placed, { entity, mode: 'create' }, item.patch, await services.factsOf(entity, item.patch));
      if (!result.ok) {
        problems.push(...result.problems.map((p) => ({ ...p, path: pathIn(context, item, p.path) })));
        continue;
      }
      item.values = { ...result.value.values };
      // A routing rule may place the record elsewhere than its creator's unit.
      item.ownerId = result.value.ownerId ?? placement.ownerId;
      item.orgUnitId = result.value.orgUnitId ?? placement.orgUnitId;
    }
    if (problems.length) throw LatticeError.invalidRecord(entity.name, problems);
  },
};

/** An update is checked against the row it locked, and stores the patch plus the fields its form now hides (cleared). */
export const checkChange: WriteStep = {
  name: 'checkRecord',
  verbs: ['update'],
  async run({ entity, services, items }) {
    for (const item of items) {
      const stored = item.stored ?? {};
      const facts = await services.factsOf(entity, { ...stored, ...item.patch }, item.id ?? undefined);
      const result = checkRecordWrite(services.model, { orgUnitId: null, unitKeys: services.unitKeys }, { entity, mode: 'update', stored }, item.patch, facts);
      if (!result.ok) throw LatticeError.invalidRecord(entity.name, result.problems);
      item.values = result.value.values;
      item.changes = changesFrom(await currentValues(entity, item.row ?? {}, Object.keys(item.values)), item.values);
      item.unchanged = Object.keys(item.changes).length === 0;
    }
  },
};

/** A delete or restore sets or clears `deletedAt`; one of a record already in that state changes nothing. */
function deletion(verb: 'softDelete' | 'restore', deleted: boolean): WriteStep {
  return {
    name: 'checkRecord',
    verbs: [verb],
    run({ items, now }) {
      for (const item of items) {
        const was = (item.row?.['deletedAt'] as Date | null | undefined) ?? null;
        item.unchanged = (was !== null) === deleted;
        const deletedAt = deleted ? now : null;
        item.values = { deletedAt };
        item.changes = { deletedAt: { before: was?.toISOString() ?? null, after: deletedAt?.toISOString() ?? null } };
      }
    },
  };
}

export const markDeleted = deletion('softDelete', true);
export const markRestored = deletion('restore', false);
