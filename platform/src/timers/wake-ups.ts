import type { SqlExecutor } from './sql-executor.js';

/** A wake-up to send once the transaction that wrote its timer (`xid`, `pg_current_xact_id()`) has committed. */
export interface PendingWakeUp {
  readonly id: string;
  readonly dueAt: Date;
  readonly xid: string;
}

/**
 * Wake-ups sent after commit, in batches. A timer's row is written in its
 * caller's transaction (the truth); its wake-up waits here with that
 * transaction's id, and a flush `delayMs` later asks Postgres how each
 * transaction ended (`pg_xact_status`, one statement outside any
 * transaction): committed ones get their jobs in one insert, rolled-back
 * ones none, and those still running wait for the next flush. A wake-up
 * lost with a crash before its flush loses no timer: the sweep fires every
 * due row.
 */
export class WakeUps {
  #pending: PendingWakeUp[] = [];
  #armed: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly db: SqlExecutor,
    private readonly send: (wakeUps: readonly PendingWakeUp[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly log: (message: string) => void,
  ) {}

  /** How many wait for their transaction's outcome or their flush. */
  get pending(): number {
    return this.#pending.length;
  }

  add(wakeUp: PendingWakeUp): void {
    this.#pending.push(wakeUp);
    this.#arm();
  }

  /** Sends the wake-ups of committed transactions now; those of running ones stay for the next flush. */
  flush(): Promise<void> {
    if (this.#armed) clearTimeout(this.#armed);
    this.#armed = undefined;
    this.#flushing ??= this.#flush().finally(() => {
      this.#flushing = undefined;
      if (this.#pending.length) this.#arm();
    });
    return this.#flushing;
  }

  /** Stops the flushes: what is pending is sent if its transaction has committed, else left to the sweep. */
  async stop(): Promise<void> {
    await this.flush().catch(() => undefined);
    if (this.#armed) clearTimeout(this.#armed);
    this.#armed = undefined;
    this.#pending = [];
  }

  #arm(): void {
    if (this.#armed || this.#flushing) return;
    this.#armed = setTimeout(() => void this.flush().catch((error: Error) => this.log(`wake-ups after commit: ${error.message}`)), this.delayMs);
    this.#armed.unref();
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    if (!batch.length) return;
    let outcome: Map<string, string | null>;
    try {
      const xids = [...new Set(batch.map((w) => w.xid))];
      const rows = await this.db.query<{ xid: string; status: string | null }>('select x as xid, pg_xact_status(x::xid8) as status from unnest($1::text[]) as x', [xids]);
      outcome = new Map(rows.rows.map((r) => [r.xid, r.status]));
    } catch (error) {
      this.#pending.unshift(...batch);
      throw error;
    }
    this.#pending.unshift(...batch.filter((w) => outcome.get(w.xid) === 'in progress'));
    const committed = batch.filter((w) => outcome.get(w.xid) === 'committed');
    if (committed.length) await this.send(committed);
  }
}
