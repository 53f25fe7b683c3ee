import type { EntityManager } from '@mikro-orm/postgresql';
import type { EscalationTarget, LocalizedText, StateSettings } from '@lattice/runtime';

/**
 * What the timer side hears of a workflow: a record left a state or entered
 * one. Listeners run inside the transition's transaction (`em`), so the
 * timer rows they write commit or roll back with the transition; a listener
 * that throws fails the transition and nothing is stored.
 */
export interface StateEvent {
  /** The transition's transaction: write through it. */
  readonly em: EntityManager;
  /** The record's entity key. */
  readonly entity: string;
  readonly recordId: string;
  readonly instanceId: string;
  readonly workflowKey: string;
  /** The metadata version the record's definition was first published in, and the definition itself. */
  readonly version: number;
  readonly definitionId: string;
  /** The state left (null when the record was just created) and the one entered. */
  readonly from: string | null;
  readonly to: string;
  /** The settings of the state the event is about: the one left on exit, the one entered on enter. */
  readonly state: StateSettings;
  /** The record's org unit (its business calendar). */
  readonly unit: string | null;
  readonly at: Date;
}

export type StateListener = (event: StateEvent) => Promise<void> | void;

/** Hears a transition's exit and entry at once (so it may write both in one statement). */
export type MoveListener = (exit: StateEvent, entry: StateEvent) => Promise<void> | void;

/** The listeners of a node, registered by the timer module at start; a value passed in, never a module global. */
export class StateEvents {
  readonly #exit: StateListener[] = [];
  readonly #enter: StateListener[] = [];
  readonly #move: MoveListener[] = [];

  onExit(listener: StateListener): this {
    this.#exit.push(listener);
    return this;
  }

  onEnter(listener: StateListener): this {
    this.#enter.push(listener);
    return this;
  }

  /** A listener of transitions only: it hears their exits and entries together, the exit and entry listeners still each. */
  onMove(listener: MoveListener): this {
    this.#move.push(listener);
    return this;
  }

  /** A transition: the exit listeners, then the move listeners, then the entry listeners. */
  async moved(exit: StateEvent, entry: StateEvent): Promise<void> {
    await this.exited(exit);
    for (const listener of this.#move) await listener(exit, entry);
    await this.entered(entry);
  }

  async exited(event: StateEvent): Promise<void> {
    for (const listener of this.#exit) await listener(event);
  }

  async entered(event: StateEvent): Promise<void> {
    for (const listener of this.#enter) await listener(event);
  }
}

/**
 * An escalation the timer side asks for when a time limit is breached: the
 * work moves to `to` (resolved from the record's unit and assignee), the
 * history records it, and the new assignees are notified through the
 * outbox. With `em`, it runs inside that transaction (the timer row's);
 * without, in one of its own. It fires no transition and leaves the record's
 * fields as they are.
 */
export interface EscalationRequest {
  readonly em?: EntityManager;
  readonly instanceId: string;
  readonly to: EscalationTarget;
  /** Shown in the history and the notification (`Acknowledge within 2 h: breached`). */
  readonly reason: string;
  readonly message?: LocalizedText;
  /** The state the timer was set for: an instance that left it since is not escalated. */
  readonly state?: string;
  readonly at?: Date;
  /** How many times this target was met before in the escalation chain: `unitHeadAbove` climbs that many more headed units. */
  readonly step?: number;
}

/** What came of an escalation: whether it moved the work, and to whom. */
export interface EscalationResult {
  readonly escalated: boolean;
  /** Why not: the instance left the state, is closed, or the target is nobody. */
  readonly skipped?: 'left-state' | 'closed' | 'no-target';
  readonly assigneeId: string | null;
  readonly assigneeRole: string | null;
  readonly assigneeUnitId: string | null;
}

export type Escalate = (request: EscalationRequest) => Promise<EscalationResult>;
