import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlExecutor } from './sql-executor.js';
import type { TimerRow, TimerSpec } from './timer-row.js';

/** What a handler gets: the timer it fires and the transaction that marked it fired. */
export interface TimerFiring {
  readonly timer: TimerRow;
  /** The firing's transaction: the handler's effect commits with `fired_at`, or neither does. */
  readonly db: SqlExecutor;
  /** The same transaction as an entity manager, when the engine fires in an ORM transaction (the platform's does). */
  readonly em?: EntityManager;
  /** Schedules a follow-up timer in the same transaction (a repeated escalation). */
  schedule(spec: TimerSpec): Promise<TimerRow>;
}

/**
 * A timer kind's effect. It runs inside the transaction that set the timer's
 * `fired_at`, once per timer: a crash before commit leaves the timer unfired
 * and the effect undone, so the next firing does both.
 */
export type TimerHandler = (firing: TimerFiring) => Promise<void>;

/** Handlers keyed by timer kind, given to the engine as a value. */
export class TimerHandlerRegistry {
  readonly #handlers = new Map<string, TimerHandler>();

  register(kind: string, handler: TimerHandler): this {
    if (this.#handlers.has(kind)) throw new Error(`Timer kind "${kind}" already has a handler`);
    this.#handlers.set(kind, handler);
    return this;
  }

  handlerOf(kind: string): TimerHandler | undefined {
    return this.#handlers.get(kind);
  }

  get kinds(): string[] {
    return [...this.#handlers.keys()];
  }
}
