/** A timer as stored in `lattice_timer`: the row is the truth, jobs only wake it. */
export interface TimerRow {
  readonly id: string;
  readonly kind: string;
  /** What it is about, e.g. `complaint/3f…`: cancelling and pausing go by subject. */
  readonly subject: string;
  /** Why, unique per subject (`sla:acknowledge:breach:1`): scheduling the same purpose twice finds the first. */
  readonly purpose: string;
  readonly dueAt: Date;
  readonly state: TimerState;
  readonly payload: Record<string, unknown>;
  readonly attempt: number;
  readonly lastError: string | null;
  /** While paused: how long was left until due (ms). */
  readonly remainingMs: number | null;
  readonly createdAt: Date;
  readonly firedAt: Date | null;
}

export type TimerState = 'scheduled' | 'paused' | 'fired' | 'cancelled' | 'failed';

/** A timer to schedule. */
export interface TimerSpec {
  readonly kind: string;
  readonly subject: string;
  readonly purpose: string;
  readonly dueAt: Date;
  readonly payload?: Record<string, unknown>;
}

export const TIMER_COLUMNS = `id, kind, subject, purpose, due_at as "dueAt", state, payload, attempt, last_error as "lastError", remaining_ms::float8 as "remainingMs", created_at as "createdAt", fired_at as "firedAt"`;
