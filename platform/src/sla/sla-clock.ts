import { addBusinessHours, businessTimeBetween, type BusinessCalendar } from '@lattice/runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarStore } from '../calendars/calendar-store.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { executorOfEm } from '../timers/executor-of-em.js';
import type { SqlExecutor } from '../timers/sql-executor.js';
import type { TimerEngine } from '../timers/timer-engine.js';
import { pauseTimers, pausedTimers } from '../timers/timer-store.js';
import type { TimeLimitTarget } from '@lattice/runtime';
import { countBusinessUse, leaveStep } from './step-use.js';
import { leaveAndSchedule } from './sla-move.js';
import type { TimerSpec } from '../timers/timer-row.js';
import { SLA_BREACH, SLA_WARNING, slaPurposePrefix, slaSubject, type SlaTimerPayload } from './sla-timer-payload.js';

const HOUR_MS = 3_600_000;

/** A state's time limit as the workflow document gives it. */
export interface StateTimeLimit {
  readonly hours?: number;
  readonly businessHours?: number;
  readonly warnAt?: number;
  readonly escalate?: readonly { readonly to: TimeLimitTarget }[];
  readonly repeatEveryHours?: number;
}

/** What the clock needs of a workflow's state event (entering or leaving a state, inside the transition's transaction). */
export interface ClockEvent {
  readonly em: EntityManager;
  readonly entity: string;
  readonly recordId: string;
  readonly instanceId: string;
  readonly from: string | null;
  readonly to: string;
  readonly state: { readonly timeLimit?: StateTimeLimit; readonly clockStops: readonly string[] };
  /** The record's org unit id: its calendar. */
  readonly unit: string | null;
  readonly at: Date;
}

/**
 * Time limits on workflow states, kept as timers in the transition's
 * transaction:
 * - entering a state with a limit schedules its warning and breach (business
 *   hours on the record unit's calendar); re-entering it from a state that
 *   stops the clock resumes the paused ones with the time they had left;
 * - leaving it cancels them, or, into a state that stops the clock, pauses
 *   them, keeping the time left (business time for business hours);
 * - entering any other running state cancels what stayed paused.
 */
export class SlaClock {
  constructor(
    private readonly timers: TimerEngine,
    private readonly calendars: CalendarStore,
    private readonly directory: () => OrgDirectory,
  ) {}

  /**
   * A transition. From a step with a limit, not into one that stops its
   * clock, to a step with a fresh clock-hour limit and no clock stops (the
   * common case): leaving and scheduling are one statement, with the
   * wake-ups sent after commit. Otherwise the exit, then the entry.
   */
  async moved(exit: ClockEvent, entry: ClockEvent): Promise<void> {
    const limit = entry.state.timeLimit;
    const leaves = exit.state.timeLimit !== undefined && !exit.state.clockStops.includes(exit.to);
    const fresh = limit !== undefined && limit.businessHours === undefined && limit.hours !== undefined && !entry.state.clockStops.length;
    if (!leaves || !fresh) {
      await this.exited(exit);
      await this.entered(entry);
      return;
    }
    const db = executorOfEm(entry.em);
    const { left, scheduled } = await leaveAndSchedule(db, { subject: slaSubject(exit.entity, exit.recordId), prefix: `sla:${exit.from ?? exit.to}:`, at: exit.at }, this.timersOf(entry, limit, undefined));
    for (const timer of scheduled) this.timers.wakeAfterCommit({ id: timer.id, dueAt: timer.dueAt, xid: timer.xid });
    await countBusinessUse(db, left, exit.at, () => this.calendarFor(exit, db));
  }

  async exited(event: ClockEvent): Promise<void> {
    if (!event.state.timeLimit) return;
    const db = executorOfEm(event.em);
    const subject = slaSubject(event.entity, event.recordId);
    const prefix = `sla:${event.from ?? event.to}:`;
    if (!event.state.clockStops.includes(event.to)) {
      await leaveStep(db, subject, prefix, event.at, () => this.calendarFor(event, db));
      return;
    }
    const paused = await pauseTimers(db, subject, prefix, event.at);
    const calendar = await this.calendarFor(event, db);
    for (const timer of paused) {
      if (!(timer.payload as unknown as SlaTimerPayload).businessHours) continue;
      await db.query('update lattice_timer set remaining_ms = $2 where id = $1', [timer.id, businessTimeBetween(calendar, event.at, timer.dueAt)]);
    }
  }

  async entered(event: ClockEvent): Promise<void> {
    const db = executorOfEm(event.em);
    const subject = slaSubject(event.entity, event.recordId);
    if (event.state.clockStops.includes(event.to)) return;
    const prefix = `sla:${event.to}:`;
    // Timers are paused only by states that stop the clock: a workflow with none has nothing paused to look for.
    const paused = event.state.clockStops.length ? await pausedTimers(db, subject, 'sla:') : [];
    const own = paused.filter((t) => t.purpose.startsWith(prefix));
    for (const other of paused.filter((t) => !t.purpose.startsWith(prefix))) {
      // A step paused and never resumed ends here: the time it used is what it had used when its clock stopped.
      await leaveStep(db, subject, other.purpose, event.at, () => this.calendarFor(event, db));
    }
    const limit = event.state.timeLimit;
    if (!limit) return;
    // The unit's calendar is read only for business hours (one query a transition saved for clock-hour limits).
    const calendar = once(() => this.calendarFor(event, db));
    let breachAt: Date | undefined;
    if (own.length) {
      for (const timer of own) {
        const left = timer.remainingMs ?? 0;
        const dueAt = (timer.payload as unknown as SlaTimerPayload).businessHours ? addBusinessHours(await calendar(), event.at, left / HOUR_MS) : new Date(event.at.getTime() + left);
        await this.timers.resume(db, timer.id, dueAt);
        if (timer.kind === SLA_BREACH) breachAt = dueAt;
      }
    } else breachAt = await this.schedule(db, event, limit, calendar);
    // The work queues sort and show time left by the instance's due time: the breach's, on the calendar and after pauses.
    // A fresh clock-hour limit's due time is the one the transition already wrote.
    const written = !own.length && limit.businessHours === undefined;
    if (breachAt && !written) await db.query('update lattice_workflow_instance set due_at = $2 where id = $1', [event.instanceId, breachAt]);
  }

  private async schedule(db: SqlExecutor, event: ClockEvent, limit: StateTimeLimit, calendar: () => Promise<BusinessCalendar>): Promise<Date> {
    const specs = this.timersOf(event, limit, limit.businessHours !== undefined ? await calendar() : undefined);
    let breachAt = new Date(Number.NaN);
    for (const spec of specs) {
      const timer = await this.timers.schedule(db, spec);
      if (spec.kind === SLA_BREACH) breachAt = timer.dueAt;
    }
    return breachAt;
  }

  /** A limit's timers on entering a state: the warning (when the limit has one) and the first breach; `on`, the calendar of a business-hour limit. */
  private timersOf(event: ClockEvent, limit: StateTimeLimit, on: BusinessCalendar | undefined): TimerSpec[] {
    const business = limit.businessHours !== undefined;
    const hours = (limit.businessHours ?? limit.hours) as number;
    const after = (share: number) => (on ? addBusinessHours(on, event.at, hours * share) : new Date(event.at.getTime() + hours * share * HOUR_MS));
    const prefix = slaPurposePrefix(event.to, event.at.getTime());
    const payload: SlaTimerPayload = {
      entity: event.entity,
      recordId: event.recordId,
      instanceId: event.instanceId,
      step: event.to,
      unitId: event.unit,
      assigneeId: null,
      escalate: limit.escalate ?? [],
      level: 0,
      businessHours: business,
      limitHours: hours,
      ...(limit.repeatEveryHours ? { repeatEveryHours: limit.repeatEveryHours } : {}),
    };
    const subject = slaSubject(event.entity, event.recordId);
    const warning: TimerSpec[] = limit.warnAt !== undefined && limit.warnAt > 0 && limit.warnAt < 1 ? [{ kind: SLA_WARNING, subject, purpose: `${prefix}warning`, dueAt: after(limit.warnAt), payload: { ...payload } }] : [];
    return [...warning, { kind: SLA_BREACH, subject, purpose: `${prefix}breach:0`, dueAt: after(1), payload: { ...payload } }];
  }

  private calendarFor(event: ClockEvent, db: SqlExecutor): Promise<BusinessCalendar> {
    return this.calendars.calendarOf(this.directory(), event.unit, db);
  }
}

/** `make` run at most once, on first call. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
