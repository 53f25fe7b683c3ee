import type { RecordOperation } from '../../security/permission-document.js';
import { LatticeError } from '../../errors/lattice-error.js';
import type { WriteVerb } from '@lattice/runtime';
import type { WriteStep } from '../write-step.js';

const OPERATION: Record<WriteVerb, RecordOperation> = { create: 'create', update: 'update', softDelete: 'delete', restore: 'delete' };

/** The actor's roles allow the verb on the entity, for no more inputs than one batch may hold. */
export const authorise: WriteStep = {
  name: 'authorise',
  verbs: ['create', 'update', 'softDelete', 'restore'],
  run({ verb, entity, items, services }) {
    services.guard.require(entity, OPERATION[verb]);
    if (items.length > services.maxBatchInputs) throw LatticeError.limitExceeded('The number of inputs of one batch', services.maxBatchInputs, items.length);
  },
};
