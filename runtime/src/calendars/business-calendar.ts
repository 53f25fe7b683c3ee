import { failed, ok, problem, type Checked } from '../problems/problem.js';
import { WEEKDAYS, minutesOf, type CalendarSpec, type Weekday, type WorkingPeriod } from './calendar.document.js';
import { nationalDayKind } from './national-days.js';
import { weekdayOf } from './wall-clock.js';

/** An org unit's effective calendar: every unit's spec on its path folded, root first. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly week: Readonly<Record<Weekday, readonly WorkingPeriod[]>>;
  readonly nationalDays: 'cn' | 'none';
  readonly makeUpDayHours: readonly WorkingPeriod[];
  readonly exceptions: Readonly<Record<string, { readonly hours: readonly WorkingPeriod[]; readonly note?: string }>>;
}

const officeHours: readonly WorkingPeriod[] = [{ from: '09:00', to: '18:00' }];

/**
 * What a tree with no calendar at all works by: Monday to Friday 09:00–18:00
 * in Asia/Shanghai with China's holidays. Deployments set their own at the
 * top unit; every field of it may be overridden below.
 */
export const BASE_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  week: { sun: [], mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours, sat: [] },
  nationalDays: 'cn',
  makeUpDayHours: officeHours,
  exceptions: {},
};

/**
 * Folds units' calendars root first: each replaces the weekdays, settings and
 * exception dates it names and keeps the rest of the one above. A result
 * with no working hours in its week is refused (no deadline could be found).
 */
export function resolveCalendar(specsRootFirst: readonly CalendarSpec[], base: BusinessCalendar = BASE_CALENDAR): Checked<BusinessCalendar> {
  let calendar = base;
  for (const spec of specsRootFirst) {
    const week = { ...calendar.week };
    for (const weekday of WEEKDAYS) {
      const hours = spec.week?.[weekday];
      if (hours) week[weekday] = hours;
    }
    const exceptions = { ...calendar.exceptions };
    for (const exception of spec.exceptions ?? []) exceptions[exception.date] = exception.note === undefined ? { hours: exception.hours } : { hours: exception.hours, note: exception.note };
    calendar = {
      timeZone: spec.timeZone ?? calendar.timeZone,
      week,
      nationalDays: spec.nationalDays ?? calendar.nationalDays,
      makeUpDayHours: spec.makeUpDayHours ?? calendar.makeUpDayHours,
      exceptions,
    };
  }
  if (WEEKDAYS.every((d) => calendar.week[d].length === 0)) return failed([problem('calendar.no-working-time', 'calendar.week', 'the calendar has no working hours on any weekday', 'give at least one weekday working hours')]);
  return ok(calendar);
}

/** Why a date has the hours it has, for screens and for tests. */
export type DayReason = 'exception' | 'holiday' | 'makeUpWorkday' | 'weekday';

/** A local date's working hours on a calendar: an exception first, then China's holidays and make-up days, then the week. */
export function hoursOn(calendar: BusinessCalendar, date: string): { hours: readonly WorkingPeriod[]; reason: DayReason } {
  const exception = calendar.exceptions[date];
  if (exception) return { hours: exception.hours, reason: 'exception' };
  const weekdayHours = calendar.week[WEEKDAYS[weekdayOf(date)] as Weekday];
  if (calendar.nationalDays === 'cn') {
    const kind = nationalDayKind(date);
    if (kind === 'holiday') return { hours: [], reason: 'holiday' };
    if (kind === 'makeUpWorkday') return { hours: weekdayHours.length ? weekdayHours : calendar.makeUpDayHours, reason: 'makeUpWorkday' };
  }
  return { hours: weekdayHours, reason: 'weekday' };
}

/** Minutes of working time a period holds. */
export function periodMinutes(period: WorkingPeriod): number {
  return minutesOf(period.to) - minutesOf(period.from);
}
