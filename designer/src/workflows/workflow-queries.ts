import type { Language } from '../i18n/messages.js';
import { APPROVAL_STATUS_SELECTION, type Approval } from './approval-queries.js';

/**
 * The record API's workflow verbs as the console asks for them. The state
 * of a record is part of the record page's one query (`statusField`), asked
 * only for the entities that follow a workflow (`workflowEntities`, read
 * once by the shell): any other entity's page never names it.
 */
export const STATUS_SELECTION = `workflow state stateField stateLabel final since dueAt assigneeId assigneeName queue queueLabel
    transitions { key label to requiredFields }
    history { kind transition from to fromLabel toLabel actorName at durationMs comment }
    ${APPROVAL_STATUS_SELECTION}`;

/** The page query's field for the record's state, with labels in the user's language. */
export function statusField(entityName: string, language: Language): string {
  return `workflow: workflowStatus(entity: "${entityName}", id: $id, language: "${language}") { ${STATUS_SELECTION} }`;
}

export const FIRE_MUTATION = `mutation Fire($entity: String!, $id: ID!, $version: Int!, $transition: String!, $input: JSON, $comment: String, $language: String) {
  status: fireTransition(entity: $entity, id: $id, version: $version, transition: $transition, input: $input, comment: $comment, language: $language) { ${STATUS_SELECTION} } }`;

const TASK_SELECTION = 'instanceId entity recordId title workflow state stateLabel(language: $language) dueAt overdue secondsLeft assigneeId queue claimedAt';

export const MY_TASKS_QUERY = `query MyTasks($language: String) { tasks: myTasks(first: 100) { ${TASK_SELECTION} } }`;
export const UNIT_QUEUE_QUERY = `query UnitQueue($language: String) { tasks: unitQueue(first: 100) { ${TASK_SELECTION} } }`;
export const CLAIM_MUTATION = `mutation Claim($instanceId: ID!) { task: claimTask(instanceId: $instanceId) { instanceId } }`;
export const CLAIM_NEXT_MUTATION = `mutation ClaimNext { task: claimNextTask { instanceId entity recordId } }`;
export const RELEASE_MUTATION = `mutation Release($instanceId: ID!) { task: releaseTask(instanceId: $instanceId) { instanceId } }`;
export const NOTIFICATIONS_QUERY = `query Notifications { notifications: myNotifications(first: 20) { id entity recordId message createdAt read } }`;
export const MARK_READ_MUTATION = `mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id read } }`;
export const MARK_ALL_READ_MUTATION = `mutation MarkAllNotificationsRead { markAllNotificationsRead }`;

export interface TransitionOption {
  key: string;
  label: string | null;
  to: string;
  requiredFields: string[];
}

export interface HistoryEntry {
  kind: string;
  transition: string | null;
  from: string | null;
  to: string | null;
  fromLabel: string | null;
  toLabel: string | null;
  actorName: string;
  at: string;
  durationMs: number | null;
  comment: string | null;
}

export interface WorkflowStatus {
  workflow: string;
  state: string;
  stateField: string;
  stateLabel: string | null;
  final: boolean;
  since: string;
  dueAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  queue: string | null;
  queueLabel: string | null;
  transitions: TransitionOption[];
  history: HistoryEntry[];
  /** The pending approval, null when none. */
  approval: Approval | null;
}

export interface Task {
  instanceId: string;
  entity: string;
  recordId: string;
  title: string | null;
  workflow: string;
  state: string;
  stateLabel: string | null;
  dueAt: string | null;
  overdue: boolean;
  secondsLeft: number | null;
  assigneeId: string | null;
  queue: string | null;
  claimedAt: string | null;
}

export interface Notification {
  id: string;
  entity: string;
  recordId: string;
  message: unknown;
  createdAt: string;
  read: boolean;
}
