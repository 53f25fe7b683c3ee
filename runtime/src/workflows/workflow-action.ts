/**
 * An action a plugin contributes to workflows (`definePlugin({ workflowActions })`),
 * named in a workflow document as `{ plugin: { action, params } }`. It runs
 * after the transition commits, from the outbox: nothing runs for a
 * transition that rolled back, and a failed run is retried (so it must be
 * idempotent: `deliveryId` is the same on every attempt).
 */
export interface PluginWorkflowAction {
  /** Unique among the deployment's actions (`sms.notify-customer`). */
  readonly name: string;
  run(context: WorkflowActionContext): Promise<void> | void;
}

export interface WorkflowActionContext {
  /** The same on every attempt of one delivery. */
  readonly deliveryId: string;
  readonly entity: string;
  readonly recordId: string;
  readonly workflow: string;
  readonly transition: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly params: Readonly<Record<string, unknown>>;
}
