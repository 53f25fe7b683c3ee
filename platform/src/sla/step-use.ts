import { businessTimeBetween, type BusinessCalendar } from '@lattice/runtime';
import type { SqlExecutor } from '../timers/sql-executor.js';
import type { SlaTimerPayload } from './sla-timer-payload.js';

const HOUR_MS = 3_600_000;

/**
 * Keeps, on the first breach timer of the step a record is leaving, when it
 * left and how much of the limit it used: the limit less the time left
 * (business time for a business-hours limit, stopped clocks excluded, as the
 * timer kept it while paused), or more than the limit when the breach had
 * fired. SLA figures read these two columns (`sla-figures.ts`).
 */
export async function recordStepLeft(db: SqlExecutor, subject: string, purposePrefix: string, at: Date, calendar: () => Promise<BusinessCalendar>): Promise<void> {
  const open = await db.query<{ id: string; state: string; dueAt: Date; remainingMs: number | null; payload: SlaTimerPayload }>(
    `select id, state, due_at as "dueAt", remaining_ms::float8 as "remainingMs", payload from lattice_timer
     where subject = $1 and starts_with(purpose, $2) and purpose like '%:breach:0' and left_at is null and state in ('scheduled', 'paused', 'fired')`,
    [subject, purposePrefix],
  );
  for (const timer of open.rows) {
    const limitMs = (timer.payload.limitHours ?? 0) * HOUR_MS;
    const business = timer.payload.businessHours;
    let left: number;
    if (timer.state === 'paused') left = timer.remainingMs ?? 0;
    else if (timer.dueAt.getTime() >= at.getTime()) left = business ? businessTimeBetween(await calendar(), at, timer.dueAt) : timer.dueAt.getTime() - at.getTime();
    else left = -(business ? businessTimeBetween(await calendar(), timer.dueAt, at) : at.getTime() - timer.dueAt.getTime());
    await db.query('update lattice_timer set left_at = $2, used_ms = $3 where id = $1', [timer.id, at, Math.max(0, Math.round(limitMs - left))]);
  }
}
