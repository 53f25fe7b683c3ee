import type { WriteIntent } from '../../pipeline/write-context.js';

export const APPROVAL_DECISION = 'workflow.approval';

export type ApprovalAction = 'approve' | 'reject' | 'recall';

/** An update that is an approval decision (or the submitter's recall): which approval, at which level it was read, and the comment. */
export interface ApprovalIntent extends WriteIntent {
  readonly kind: typeof APPROVAL_DECISION;
  readonly approvalId: string;
  /** The level the decider saw: a level decided meanwhile makes this decision a conflict. */
  readonly level: number;
  readonly action: ApprovalAction;
  readonly comment: string | null;
  /** Where a rejection sends the record back (one of the step's `rejectTo`; the first by default). */
  readonly rejectTo: string | null;
}

export function isApprovalDecision(intent: WriteIntent | undefined): intent is ApprovalIntent {
  return intent?.kind === APPROVAL_DECISION;
}
