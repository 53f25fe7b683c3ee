import type { TimeLimitTarget } from '@lattice/runtime';

/** Timer kinds of time limits. */
export const SLA_WARNING = 'sla.warning';
export const SLA_BREACH = 'sla.breach';

/**
 * What a time limit's timer carries: enough to act at the breach without the
 * workflow document (a record keeps the version it started on; the timer
 * keeps the limit it was scheduled with).
 */
export interface SlaTimerPayload {
  readonly entity: string;
  readonly recordId: string;
  /** The state (or step) whose limit this is. */
  readonly step: string;
  readonly unitId: string | null;
  readonly assigneeId: string | null;
  /** The chain as the workflow gave it: a rule-chosen target is chosen when its breach fires, on the record as it is then. */
  readonly escalate: readonly { readonly to: TimeLimitTarget }[];
  /** 0 for the first breach; each repeat one more (and one target further down `escalate`). */
  readonly level: number;
  /** Repeat the escalation this often after a breach, in hours of the same kind as the limit. */
  readonly repeatEveryHours?: number;
  readonly businessHours: boolean;
  /** The workflow instance, for a workflow state's limit: the breach escalates through the workflow module. */
  readonly instanceId?: string;
  /** The limit, for the history's wording. */
  readonly limitHours?: number;
}

/** A timer's subject: one record. */
export function slaSubject(entity: string, recordId: string): string {
  return `${entity}/${recordId}`;
}

/** The purpose prefix of a step's timers on one entry into it (`entry`: the entry's sequence number). */
export function slaPurposePrefix(step: string, entry: string | number): string {
  return `sla:${step}:${entry}:`;
}
