import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from './sql-executor.js';
import { TIMER_COLUMNS, type TimerRow, type TimerSpec } from './timer-row.js';

/**
 * The statements on `lattice_timer`, each on the executor it is given, so a
 * caller's transaction (a workflow transition) schedules, cancels and
 * pauses its timers atomically with its own change.
 */

/** The id of the transaction a statement runs in, returned with the row it wrote: its wake-up waits for that transaction to commit (`wake-ups.ts`). */
const XID = `pg_current_xact_id()::text as "xid"`;

/** Inserts the timer, or returns the one already there for its subject and purpose (scheduling is idempotent); `xid`: the writing transaction. */
export async function insertTimer(db: SqlExecutor, spec: TimerSpec): Promise<{ timer: TimerRow; created: boolean; xid?: string }> {
  const inserted = await db.query<TimerRow & { xid: string }>(
    `insert into lattice_timer (id, kind, subject, purpose, due_at, payload) values ($1, $2, $3, $4, $5, $6)
     on conflict (subject, purpose) do nothing returning ${TIMER_COLUMNS}, ${XID}`,
    [randomUUID(), spec.kind, spec.subject, spec.purpose, spec.dueAt, JSON.stringify(spec.payload ?? {})],
  );
  const row = inserted.rows[0];
  if (row) {
    const { xid, ...timer } = row;
    return { timer, created: true, xid };
  }
  const existing = await db.query<TimerRow>(`select ${TIMER_COLUMNS} from lattice_timer where subject = $1 and purpose = $2`, [spec.subject, spec.purpose]);
  return { timer: existing.rows[0] as TimerRow, created: false };
}

/** Cancels the subject's timers not yet fired whose purpose starts with `purposePrefix`; returns how many. */
export async function cancelTimers(db: SqlExecutor, subject: string, purposePrefix = ''): Promise<number> {
  const result = await db.query(
    `update lattice_timer set state = 'cancelled', cancelled_at = now() where subject = $1 and starts_with(purpose, $2) and state in ('scheduled', 'paused') and fired_at is null returning id`,
    [subject, purposePrefix],
  );
  return result.rows.length;
}

/** Stops the clock of the subject's scheduled timers: each keeps how long it had left. */
export async function pauseTimers(db: SqlExecutor, subject: string, purposePrefix = '', at: Date = new Date()): Promise<TimerRow[]> {
  const result = await db.query<TimerRow>(
    `update lattice_timer set state = 'paused', remaining_ms = greatest(0, floor(extract(epoch from (due_at - $3::timestamptz)) * 1000))
     where subject = $1 and starts_with(purpose, $2) and state = 'scheduled' and fired_at is null returning ${TIMER_COLUMNS}`,
    [subject, purposePrefix, at],
  );
  return result.rows;
}

/** The subject's paused timers. */
export async function pausedTimers(db: SqlExecutor, subject: string, purposePrefix = ''): Promise<TimerRow[]> {
  const result = await db.query<TimerRow>(`select ${TIMER_COLUMNS} from lattice_timer where subject = $1 and starts_with(purpose, $2) and state = 'paused' order by due_at`, [subject, purposePrefix]);
  return result.rows;
}

/** Restarts a paused timer with a new due time; the writing transaction's id, or undefined when it is no longer paused. */
export async function resumeTimer(db: SqlExecutor, id: string, dueAt: Date): Promise<string | undefined> {
  const result = await db.query<{ xid: string }>(`update lattice_timer set state = 'scheduled', due_at = $2, remaining_ms = null where id = $1 and state = 'paused' returning ${XID}`, [id, dueAt]);
  return result.rows[0]?.xid;
}

/** The subject's timers, soonest first (for screens and tests). */
export async function timersOf(db: SqlExecutor, subject: string): Promise<TimerRow[]> {
  const result = await db.query<TimerRow>(`select ${TIMER_COLUMNS} from lattice_timer where subject = $1 order by due_at, purpose`, [subject]);
  return result.rows;
}

/** Ids of timers due and not fired, oldest first, at most `limit`. */
export async function dueTimerIds(db: SqlExecutor, limit: number): Promise<string[]> {
  const result = await db.query<{ id: string }>(`select id from lattice_timer where state = 'scheduled' and due_at <= now() order by due_at limit $1`, [limit]);
  return result.rows.map((r) => r.id);
}
