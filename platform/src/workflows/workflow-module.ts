import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompileOptions, LatticePlugin, PluginWorkflowAction } from '@lattice/runtime';
import type { OrgDirectory } from '../org/org-directory.js';
import type { WriteStep } from '../pipeline/write-step.js';
import { escalator } from './escalate.js';
import type { Escalate } from './state-events.js';
import { StateEvents } from './state-events.js';
import { withWorkflowSteps } from './transition-steps.js';
import { WorkflowApi } from './workflow-api.js';
import { WorkflowDefinitions } from './workflow-definitions.js';
import { WorkflowOutbox, type OutboxOptions } from './workflow-outbox.js';
import { WorkQueues } from './work-queues.js';
import type { RecordAccess } from '../records/record-access.js';
import { markAllNotificationsRead, markNotificationRead, notificationsOf, type NotificationView } from './notifications.js';
import { ApprovalApi } from './approvals/approval-api.js';
import { ApprovalSteps } from './approvals/approval-steps.js';

export interface WorkflowModuleParts {
  /** A fresh entity manager of the platform's ORM (reads and deliveries outside any request's transaction). */
  em(): EntityManager;
  directory(): OrgDirectory;
  readonly compileOptions: CompileOptions;
  readonly plugins: readonly LatticePlugin[];
  readonly outbox: OutboxOptions;
  log(message: string, error: unknown): void;
}

/**
 * Workflows as a module of the platform: its write steps (placed in the one
 * pipeline by the composition root), the state events the timer side
 * listens to, escalation, the outbox and the record API's verbs.
 */
export interface WorkflowModule {
  readonly events: StateEvents;
  readonly escalate: Escalate;
  readonly outbox: WorkflowOutbox;
  readonly api: WorkflowApi;
  readonly queues: WorkQueues;
  /** Approvals: the inbox, decisions, recalls and delegations (`approvals/`). */
  readonly approvals: ApprovalApi;
  /** The in-app notifications delivered to the caller, newest first. */
  notifications(access: RecordAccess, first: number): Promise<NotificationView[]>;
  /** One of the caller's own notifications marked read (another's: NOT_FOUND). */
  markNotificationRead(access: RecordAccess, id: string): Promise<NotificationView>;
  /** All the caller's unread notifications marked read: how many. */
  markAllNotificationsRead(access: RecordAccess): Promise<number>;
  /** The pipeline's steps with the workflow steps placed among them. */
  steps(base: readonly WriteStep[]): WriteStep[];
}

export function createWorkflowModule(parts: WorkflowModuleParts): WorkflowModule {
  const definitions = new WorkflowDefinitions(parts.compileOptions);
  const events = new StateEvents();
  const outbox = new WorkflowOutbox(parts.em, workflowActionsOf(parts.plugins), parts.outbox, parts.log);
  const approvals = new ApprovalSteps(parts.directory);
  const api: WorkflowApi = new WorkflowApi({ em: parts.em, definitions, outbox, directory: parts.directory, approvalOf: (access, entity, id) => approvalApi.ofRecord(access, entity, id) });
  const approvalApi = new ApprovalApi({ em: parts.em, definitions, outbox, directory: parts.directory, status: (access, entity, id) => api.status(access, entity, id) });
  return {
    events,
    escalate: escalator(parts.em, parts.directory),
    outbox,
    api,
    queues: new WorkQueues({ em: parts.em, directory: parts.directory }),
    notifications: (access, first) => notificationsOf(parts.em(), access, first),
    markNotificationRead: (access, id) => markNotificationRead(parts.em(), access, id),
    markAllNotificationsRead: (access) => markAllNotificationsRead(parts.em(), access),
    approvals: approvalApi,
    steps: (base) => withWorkflowSteps(base, { definitions, events, approvals, directory: parts.directory }),
  };
}

/** Every plugin's workflow actions by name; a name two plugins give stops the start, naming both. */
export function workflowActionsOf(plugins: readonly LatticePlugin[]): ReadonlyMap<string, PluginWorkflowAction> {
  const actions = new Map<string, PluginWorkflowAction>();
  const owners = new Map<string, string>();
  for (const plugin of plugins) {
    for (const action of plugin.workflowActions ?? []) {
      const owner = owners.get(action.name);
      if (owner) throw new Error(`Plugins "${owner}" and "${plugin.key}" both give the workflow action "${action.name}"`);
      if (typeof action.run !== 'function') throw new Error(`Plugin "${plugin.key}" gives the workflow action "${action.name}" without a run(context) function`);
      owners.set(action.name, plugin.key);
      actions.set(action.name, action);
    }
  }
  return actions;
}
