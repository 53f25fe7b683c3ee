import { businessTimeBetween, type BusinessCalendar } from '@lattice/runtime';
import type { SqlExecutor } from '../timers/sql-executor.js';
import type { SlaTimerPayload } from './sla-timer-payload.js';

const HOUR_MS = 3_600_000;

/**
 * A record leaves a step (its timers under `purposePrefix`): the timers not
 * yet fired are cancelled, and the step's first breach timer keeps when it
 * left and how much of the limit it used — the limit less the time left
 * (stopped clocks excluded, as the timer kept it while paused), or more
 * than the limit when the breach had fired. SLA figures read these two
 * columns (`sla-figures.ts`). One statement for a clock-hour limit; a
 * business-hour limit's use is then counted on the unit's calendar.
 */
export async function leaveStep(db: SqlExecutor, subject: string, purposePrefix: string, at: Date, calendar: () => Promise<BusinessCalendar>): Promise<void> {
  const left = await db.query<LeftTimer>(`${leaveStepUpdate('$1', '$2', '$3')} returning ${LEFT_COLUMNS}`, [subject, purposePrefix, at]);
  await countBusinessUse(db, left.rows, at, calendar);
}

/** A timer the step left, as `leaveStepUpdate` returns it (`LEFT_COLUMNS`). */
export interface LeftTimer {
  readonly id: string;
  readonly state: string;
  readonly dueAt: Date;
  readonly remainingMs: number | null;
  readonly payload: SlaTimerPayload;
  readonly businessUse: boolean;
}

export const LEFT_COLUMNS = `id, state, due_at as "dueAt", remaining_ms::float8 as "remainingMs", payload, (purpose like '%:breach:0' and left_at = $3::timestamptz and used_ms is null) as "businessUse"`;

/**
 * The update leaving a step, without its `returning`: the subject, the
 * purpose prefix and the instant as the given parameters (`at` must be
 * `$3`, which `LEFT_COLUMNS` reads too), so a transition may join it with
 * the next step's timers in one statement (`sla-move.ts`).
 */
export function leaveStepUpdate(subject: string, prefix: string, at: string): string {
  // Every expression sees the row as it was: `state`, `left_at` and `remaining_ms` before this update.
  return `update lattice_timer set
       state = case when state in ('scheduled', 'paused') then 'cancelled' else state end,
       cancelled_at = case when state in ('scheduled', 'paused') then now() else cancelled_at end,
       left_at = case when purpose like '%:breach:0' and left_at is null then ${at}::timestamptz else left_at end,
       used_ms = case when purpose like '%:breach:0' and left_at is null and not coalesce((payload->>'businessHours')::boolean, false)
         then greatest(0, round(coalesce((payload->>'limitHours')::float8, 0) * ${HOUR_MS}
           - case when state = 'paused' then coalesce(remaining_ms, 0) else extract(epoch from (due_at - ${at}::timestamptz)) * 1000 end)) else used_ms end
     where subject = ${subject} and starts_with(purpose, ${prefix})
       and ((state in ('scheduled', 'paused') and fired_at is null) or (state = 'fired' and left_at is null and purpose like '%:breach:0'))`;
}

/** A business-hour limit's use, counted on the unit's calendar for the breach timers the step left. */
export async function countBusinessUse(db: SqlExecutor, left: readonly LeftTimer[], at: Date, calendar: () => Promise<BusinessCalendar>): Promise<void> {
  for (const timer of left.filter((t) => t.businessUse)) {
    const limitMs = (timer.payload.limitHours ?? 0) * HOUR_MS;
    const dueAt = new Date(timer.dueAt);
    // Cancelled from a pause: it kept its time left; otherwise count it on the calendar, negative when late.
    const remaining = timer.remainingMs !== null && timer.state === 'cancelled'
      ? timer.remainingMs
      : dueAt.getTime() >= at.getTime() ? businessTimeBetween(await calendar(), at, dueAt) : -businessTimeBetween(await calendar(), dueAt, at);
    await db.query('update lattice_timer set used_ms = $2 where id = $1', [timer.id, Math.max(0, Math.round(limitMs - remaining))]);
  }
}
