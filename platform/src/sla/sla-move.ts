import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../timers/sql-executor.js';
import type { TimerSpec } from '../timers/timer-row.js';
import { LEFT_COLUMNS, leaveStepUpdate, type LeftTimer } from './step-use.js';

/** A timer the move scheduled, with the transaction its wake-up waits for. */
export interface ScheduledTimer {
  readonly id: string;
  readonly purpose: string;
  readonly dueAt: Date;
  readonly xid: string;
}

/**
 * A transition from a step with a time limit into one with a fresh
 * clock-hour limit, as one statement: the timers of the step left are
 * cancelled and its use kept (`leaveStepUpdate`), and the new step's
 * timers inserted (idempotent per subject and purpose, as `insertTimer`).
 * Both parts see the rows as they were before it: the new timers are never
 * among those left.
 */
export async function leaveAndSchedule(db: SqlExecutor, leave: { subject: string; prefix: string; at: Date }, timers: readonly TimerSpec[]): Promise<{ left: LeftTimer[]; scheduled: ScheduledTimer[] }> {
  const values: unknown[] = [leave.subject, leave.prefix, leave.at];
  const rows = timers.map((spec) => {
    const at = values.length;
    values.push(randomUUID(), spec.kind, spec.purpose, spec.dueAt, JSON.stringify(spec.payload ?? {}));
    return `($${at + 1}::uuid, $${at + 2}, $1, $${at + 3}, $${at + 4}::timestamptz, $${at + 5}::jsonb)`;
  });
  const scheduled = rows.length
    ? `, scheduled as (insert into lattice_timer (id, kind, subject, purpose, due_at, payload) values ${rows.join(', ')}
         on conflict (subject, purpose) do nothing returning id, purpose, due_at as "dueAt", pg_current_xact_id()::text as "xid")`
    : ', scheduled as (select null::uuid as id, null::text as purpose, null::timestamptz as "dueAt", null::text as "xid" where false)';
  const result = await db.query<{ left: LeftTimer[]; scheduled: ScheduledTimer[] }>(
    `with left_step as (${leaveStepUpdate('$1', '$2', '$3')} returning ${LEFT_COLUMNS})${scheduled}
     select (select coalesce(json_agg(l), '[]'::json) from left_step l) as "left", (select coalesce(json_agg(s), '[]'::json) from scheduled s) as "scheduled"`,
    values,
  );
  const row = result.rows[0] ?? { left: [], scheduled: [] };
  return { left: row.left.map((t) => ({ ...t, dueAt: new Date(t.dueAt) })), scheduled: row.scheduled.map((t) => ({ ...t, dueAt: new Date(t.dueAt) })) };
}
