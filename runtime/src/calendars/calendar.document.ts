import { z } from 'zod';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';

/** Weekdays in the order `Date#getUTCDay()` numbers them. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as HH:MM (00:00 to 24:00)');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const workingHours = z.array(z.object({ from: clock, to: clock }).strict());

/**
 * One org unit's calendar: only what it changes over the calendar of the unit
 * above (a unit with none inherits its parent's whole). `week` replaces the
 * hours of the weekdays it names; an exception replaces one date's hours
 * (`[]`: closed); `nationalDays` says whether China's public holidays and
 * make-up working days (调休) apply.
 */
export const calendarSpecSchema = z
  .object({
    timeZone: z.string().min(1).optional(),
    week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, workingHours.optional()])) as Record<Weekday, z.ZodOptional<typeof workingHours>>).strict().optional(),
    nationalDays: z.enum(['cn', 'none']).optional(),
    /** Hours of a make-up working day that falls on a weekend (default: Monday's). */
    makeUpDayHours: workingHours.optional(),
    exceptions: z.array(z.object({ date: day, hours: workingHours, note: z.string().max(200).optional() }).strict()).max(1000).optional(),
  })
  .strict();

export type CalendarSpec = z.infer<typeof calendarSpecSchema>;
export interface WorkingPeriod {
  readonly from: string;
  readonly to: string;
}

/** Reads a unit's calendar, reporting every problem with its path (hours in order and not overlapping, a known time zone, one exception per date). */
export function parseCalendarSpec(input: unknown, path = 'calendar'): Checked<CalendarSpec> {
  const parsed = calendarSpecSchema.safeParse(input);
  if (!parsed.success) return failed(parsed.error.issues.map((i) => problem('calendar.invalid', [path, ...i.path].join('.'), i.message)));
  const spec = parsed.data;
  const problems: Problem[] = [];
  if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone)) problems.push(problem('calendar.unknown-time-zone', `${path}.timeZone`, `"${spec.timeZone}" is not a known IANA time zone`, 'for example Asia/Shanghai or Asia/Urumqi'));
  for (const weekday of WEEKDAYS) {
    const hours = spec.week?.[weekday];
    if (hours) problems.push(...hoursProblems(hours, `${path}.week.${weekday}`));
  }
  if (spec.makeUpDayHours) problems.push(...hoursProblems(spec.makeUpDayHours, `${path}.makeUpDayHours`));
  const dates = new Set<string>();
  spec.exceptions?.forEach((exception, i) => {
    const where = `${path}.exceptions.${i}`;
    if (dates.has(exception.date)) problems.push(problem('calendar.duplicate-exception', `${where}.date`, `${exception.date} has more than one exception`));
    dates.add(exception.date);
    if (Number.isNaN(Date.parse(`${exception.date}T00:00:00Z`))) problems.push(problem('calendar.invalid', `${where}.date`, `${exception.date} is not a date`));
    problems.push(...hoursProblems(exception.hours, `${where}.hours`));
  });
  return problems.length ? failed(problems) : ok(spec);
}

function hoursProblems(hours: readonly WorkingPeriod[], path: string): Problem[] {
  const out: Problem[] = [];
  let previousEnd = -1;
  hours.forEach((period, i) => {
    const from = minutesOf(period.from);
    const to = minutesOf(period.to);
    if (to <= from) out.push(problem('calendar.hours-order', `${path}.${i}`, `working hours ${period.from}–${period.to} end before they start`));
    else if (from < previousEnd) out.push(problem('calendar.hours-overlap', `${path}.${i}`, `working hours ${period.from}–${period.to} overlap or precede the period before`, 'list the periods of a day in order, without overlaps'));
    previousEnd = Math.max(previousEnd, to);
  });
  return out;
}

/** Minutes after midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
