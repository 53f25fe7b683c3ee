import { LatticeError } from '../../errors/lattice-error.js';
import type { WriteStep } from '../write-step.js';

/**
 * A record may only point at records the actor can see: otherwise a
 * reference (or a many-to-many link) to a guessed id could pull a hidden
 * record into their view through a sharing rule, or confirm it exists.
 * Refused exactly as a reference to a record that does not exist.
 */
export const referenceVisibility: WriteStep = {
  name: 'referenceVisibility',
  verbs: ['create', 'update'],
  async run({ entity, items, services }) {
    const { guard, model } = services;
    if (guard.unrestricted) return;
    const inputs = items.map((item) => item.patch);
    for (const field of entity.fields) {
      const target = field.relation && field.relation.kind !== 'oneToMany' ? model.entityByKey(field.relation.target) : undefined;
      if (!target) continue;
      const ids = [...new Set(inputs.flatMap((input) => [input[field.name]].flat().filter((v): v is string => typeof v === 'string')))];
      if (ids.length === 0) continue;
      const visible = new Set(guard.mayRead(target) ? await services.visibleIds(target, ids) : []);
      const missing = inputs.findIndex((input) => [input[field.name]].flat().some((v) => typeof v === 'string' && !visible.has(v)));
      if (missing >= 0) throw LatticeError.danglingReference(entity.name, `${inputs.length > 1 ? `[${missing}].` : ''}${field.name}`, field.name);
    }
  },
};
