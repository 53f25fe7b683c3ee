import { minutesOf } from './calendar.document.js';
import { hoursOn, type BusinessCalendar } from './business-calendar.js';
import { instantOf, localDateOf, nextDate } from './wall-clock.js';

/** A span the clock stood still (a state that stops it); `to` null: still paused. */
export interface PausedInterval {
  readonly from: Date;
  readonly to?: Date | null;
}

const HOUR_MS = 3_600_000;
/** Ten years of days: a calendar with working hours in its week always finds some well before. */
const MAX_DAYS = 3_660;

/**
 * The instant `hours` of working time after `start` on a calendar, skipping
 * time outside working hours and inside paused intervals. Walks the
 * calendar a local day at a time: cost grows with the days spanned, not the hours.
 */
export function addBusinessHours(calendar: BusinessCalendar, start: Date, hours: number, paused: readonly PausedInterval[] = []): Date {
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining <= 0) return start;
  let result: number | undefined;
  walkWorkingTime(calendar, start.getTime(), paused, (from, to) => {
    if (to - from >= remaining) {
      result = from + remaining;
      return false;
    }
    remaining -= to - from;
    return true;
  });
  if (result === undefined) throw new RangeError('The calendar has no working time in the next ten years');
  return new Date(result);
}

/** Working time between two instants on a calendar, outside paused intervals, in milliseconds (0 when `to` is not after `from`). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date, paused: readonly PausedInterval[] = []): number {
  const end = to.getTime();
  let total = 0;
  walkWorkingTime(calendar, from.getTime(), paused, (start, stop) => {
    if (start >= end) return false;
    total += Math.min(stop, end) - start;
    return stop < end;
  });
  return total;
}

/** Calls `visit` with each working interval at or after `start`, in order, until it returns false. */
function walkWorkingTime(calendar: BusinessCalendar, start: number, paused: readonly PausedInterval[], visit: (from: number, to: number) => boolean): void {
  const pauses = paused.map((p) => [p.from.getTime(), p.to ? p.to.getTime() : Infinity] as const).sort((a, b) => a[0] - b[0]);
  let date = localDateOf(calendar.timeZone, start);
  for (let day = 0; day < MAX_DAYS; day++, date = nextDate(date)) {
    for (const period of hoursOn(calendar, date).hours) {
      const from = Math.max(start, instantOf(calendar.timeZone, date, minutesOf(period.from)));
      const to = instantOf(calendar.timeZone, date, minutesOf(period.to));
      for (const [a, b] of withoutPauses(from, to, pauses)) if (!visit(a, b)) return;
    }
  }
}

/** The parts of [from, to) outside every pause (pauses sorted by start). */
function withoutPauses(from: number, to: number, pauses: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let cursor = from;
  for (const [a, b] of pauses) {
    if (b <= cursor || a >= to) continue;
    if (a > cursor) out.push([cursor, a]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}
