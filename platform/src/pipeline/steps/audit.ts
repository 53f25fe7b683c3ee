import type { WriteVerb } from '@lattice/runtime';
import type { WriteStep } from '../write-step.js';

const ACTION: Record<WriteVerb, string> = { create: 'create', update: 'update', softDelete: 'delete', restore: 'restore' };

/** One audit entry per record written, in the write's transaction: it exists exactly when the write does. */
export const audit: WriteStep = {
  name: 'audit',
  verbs: ['create', 'update', 'softDelete', 'restore'],
  async run({ em, verb, entity, items, services }) {
    for (const item of items) {
      if (item.unchanged) continue;
      const recordVersion = (item.stored ? Number(item.stored['version']) : 0) + 1;
      services.audit.record(em, { actor: services.actor.name, action: ACTION[verb], entity: entity.key, recordId: item.id ?? '', recordVersion, metadataVersion: services.metadataVersion, changes: item.changes });
    }
    await em.flush();
  },
};
