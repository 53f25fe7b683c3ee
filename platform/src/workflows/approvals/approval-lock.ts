import { textIn, type CompiledWorkflow } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import type { WriteContext } from '../../pipeline/write-context.js';
import type { InstanceRow } from '../instance-rows.js';
import { pendingApprovalOf } from './approval-rows.js';

/**
 * The error of an ordinary write (the generated API, a plugin, an import)
 * on a record under approval: CONFLICT, naming the approval, its level and
 * who submitted it, so the writer knows whom to ask.
 */
export async function lockedByApproval(context: WriteContext, instance: InstanceRow, workflow: CompiledWorkflow | undefined): Promise<LatticeError> {
  const approval = await pendingApprovalOf(context.em, instance.id);
  const name = context.entity.name;
  const state = workflow?.state(instance.state);
  const label = textIn(state?.label, 'en') ?? instance.state;
  const level = approval ? state?.approval?.levels[approval.level - 1] : undefined;
  const where = approval ? ` (level ${approval.level} of ${approval.levels}${level ? `: ${textIn(level.label, 'en') ?? level.key}` : ''}, submitted by ${approval.submittedByName})` : '';
  const message = `This ${name} is under approval "${label}"${where}: it cannot be changed until the approval ends, or its submitter recalls it`;
  return LatticeError.conflict(message, { entity: name, id: instance.recordId, ...(approval ? { approval: approval.id } : {}), problems: [{ code: 'workflow.under-approval', path: 'id', message }] });
}

/** The error of an ordinary update on a record in a read-only state (`readOnly: true`): only its transitions change it. */
export function lockedByState(context: WriteContext, instance: InstanceRow, workflow: CompiledWorkflow): LatticeError {
  const state = workflow.state(instance.state);
  const out = workflow.transitionsFrom(instance.state).map((t) => t.key);
  const message = `This ${context.entity.name} is ${textIn(state?.label, 'en') ?? instance.state}: it takes no change in that state${out.length ? `; fire ${out.join(' or ')} to change it` : ''}`;
  return LatticeError.conflict(message, { entity: context.entity.name, id: instance.recordId, problems: [{ code: 'workflow.read-only-state', path: 'id', message }] });
}
