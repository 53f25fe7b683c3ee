import type { WriteStep } from '../write-step.js';

/** Every field written is one the actor may write (field access, read-only fields). */
export const fieldSecurity: WriteStep = {
  name: 'fieldSecurity',
  verbs: ['create', 'update'],
  run({ entity, items, services }) {
    for (const item of items) services.guard.assertWritable(entity, item.patch, items.length > 1 ? `[${item.index}]` : '');
  },
};
