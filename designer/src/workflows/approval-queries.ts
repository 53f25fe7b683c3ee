/** The approvals of the record API (the approvals contract): the inbox, deciding, recall, delegation. */
const APPROVAL_SELECTION = `id entity recordId title workflow state stateLabel level levels levelLabel mode approverNames submittedByName submittedAt dueAt
    decisions { approverName decision comment at level onBehalfOf }
    rejectTargets { key label }
    canRecall`;

export const MY_APPROVALS_QUERY = `query MyApprovals { approvals: myApprovals(first: 100) { ${APPROVAL_SELECTION} } delegation: myApprovalDelegation { delegateName delegateId from until } }`;
export const DECIDE_MUTATION = `mutation Decide($id: ID!, $decision: String!, $comment: String, $rejectTo: String) { status: decideApproval(id: $id, decision: $decision, comment: $comment, rejectTo: $rejectTo) { state } }`;
export const RECALL_MUTATION = `mutation Recall($id: ID!, $comment: String) { status: recallApproval(id: $id, comment: $comment) { state } }`;
export const DELEGATE_CANDIDATES_QUERY = `query DelegateCandidates($search: String) { candidates: delegateCandidates(search: $search, first: 20) { id name login } }`;
export const SET_DELEGATION_MUTATION = `mutation Delegate($delegateId: ID!, $from: String!, $until: String!) { delegation: setApprovalDelegation(delegateId: $delegateId, from: $from, until: $until) { delegateName delegateId from until } }`;
export const CLEAR_DELEGATION_MUTATION = `mutation ClearDelegation { cleared: clearApprovalDelegation }`;

/** The record's pending approval, in its status. */
export const APPROVAL_STATUS_SELECTION = `approval { ${APPROVAL_SELECTION} }`;

export interface ApprovalDecision {
  approverName: string;
  decision: 'approve' | 'reject' | string;
  comment: string | null;
  at: string;
  level: number;
  onBehalfOf: string | null;
}

export interface Approval {
  id: string;
  entity: string;
  recordId: string;
  title: string | null;
  workflow: string;
  state: string;
  stateLabel: string | null;
  level: number;
  levels: number;
  levelLabel: string | null;
  mode: 'anyOf' | 'allOf' | string;
  approverNames: string[];
  submittedByName: string;
  submittedAt: string;
  dueAt: string | null;
  decisions: ApprovalDecision[];
  rejectTargets: Array<{ key: string; label: string | null }>;
  canRecall: boolean;
}

export interface Delegation {
  delegateName: string;
  delegateId: string;
  from: string;
  until: string;
}

export interface DelegateCandidate {
  id: string;
  name: string;
  login: string;
}
