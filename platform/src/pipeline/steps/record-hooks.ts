import type { HookStep, Problem } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import { runHook } from '../run-hook.js';
import { pathIn, recordAfter, type WriteContext } from '../write-context.js';
import type { WriteStep } from '../write-step.js';

/**
 * The hooks registered for the entity, verb and step, one record after
 * another; the problems they return refuse the write as a form problem
 * does (each naming the input in a batch). A record the write leaves
 * unchanged runs none.
 */
async function runHooks(context: WriteContext, step: HookStep): Promise<void> {
  const { verb, entity, services } = context;
  const hooks = services.hooks.at(entity.key, verb, step);
  if (hooks.length === 0) return;
  const problems: Problem[] = [];
  for (const item of context.items) {
    if (item.unchanged) continue;
    const hookContext = { verb, model: services.model, entity, stored: item.stored, patch: item.patch, record: recordAfter(item), id: item.id, actor: { id: services.actor.id, name: services.actor.name }, records: services.records };
    for (const registered of hooks) {
      const found = await runHook(registered, hookContext, services.hookTimeoutMs, services.logHookFailure);
      problems.push(...found.map((p) => ({ ...p, path: pathIn(context, item, p.path) })));
    }
  }
  if (problems.length) throw LatticeError.invalidRecord(entity.name, problems);
}

export const beforePersist: WriteStep = {
  name: 'beforePersist',
  verbs: ['create', 'update', 'softDelete', 'restore'],
  run: (context) => runHooks(context, 'beforePersist'),
};

export const afterPersist: WriteStep = {
  name: 'afterPersist',
  verbs: ['create', 'update', 'softDelete', 'restore'],
  run: (context) => runHooks(context, 'afterPersist'),
};
