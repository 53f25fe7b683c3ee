import type { CompiledWorkflow } from '@lattice/runtime';
import type { WriteContext, WriteItem } from '../../pipeline/write-context.js';
import type { ApprovalRow, ApprovalStatus, DecisionEntry } from './approval-rows.js';

/** The key of the decision in the entry's `changes`: a `$` key names no field, so every reader of the record's entries sees it. */
const APPROVAL_DECISION = '$approval';

/**
 * The audit entry of one approval decision (approve or reject), in the
 * decision's transaction: who decided (and for whom), at which level, what,
 * with which comment, and how the approval stands after it. A decision that
 * moves the record leaves the record's update entry too; one that does not
 * (a level approved, the next one opened) leaves only this one. It is read
 * like the record's other entries (`audit/record-audit.ts`): `audit.read`
 * within the reader's scope, or the record's owner.
 */
export async function auditDecision(context: WriteContext, item: WriteItem, decided: { approval: ApprovalRow; workflow: CompiledWorkflow; entry: DecisionEntry; ends: Exclude<ApprovalStatus, 'pending'> | null; advance: boolean }): Promise<void> {
  const { em, entity, services } = context;
  const { approval, entry } = decided;
  const level = decided.workflow.state(approval.state)?.approval?.levels[approval.level - 1];
  const version = Number(item.stored?.['version'] ?? 0) + (item.unchanged ? 0 : 1);
  services.audit.record(em, {
    actor: services.actor.name,
    action: 'approval',
    entity: entity.key,
    recordId: item.id ?? approval.recordId,
    recordVersion: version,
    metadataVersion: services.metadataVersion,
    changes: {
      [APPROVAL_DECISION]: {
        before: { status: 'pending', level: approval.level },
        after: {
          approval: approval.id,
          level: approval.level,
          levels: approval.levels,
          levelKey: level?.key ?? null,
          decision: entry.decision,
          comment: entry.comment,
          decidedBy: entry.name,
          ...(entry.onBehalfOf ? { onBehalfOf: entry.onBehalfOf } : {}),
          status: decided.ends ?? 'pending',
          ...(decided.advance ? { nextLevel: approval.level + 1 } : {}),
        },
      },
    },
  });
  await em.flush();
}
