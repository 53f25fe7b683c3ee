/** Time left until a due moment, split for display: negative seconds are overdue. */
export interface TimeLeft {
  readonly overdue: boolean;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export function timeLeft(dueAt: string | null, now: number): TimeLeft | null {
  if (!dueAt) return null;
  return spanOf(Math.round((Date.parse(dueAt) - now) / 1000));
}

/** A number of seconds split into days, hours, minutes and seconds (negative: overdue). */
export function spanOf(seconds: number): TimeLeft {
  const abs = Math.abs(seconds);
  return { overdue: seconds < 0, days: Math.floor(abs / 86_400), hours: Math.floor((abs % 86_400) / 3600), minutes: Math.floor((abs % 3600) / 60), seconds: abs % 60 };
}

/** The units a duration is written with, in the reader's language. */
export interface DurationUnits {
  readonly d: string;
  readonly h: string;
  readonly m: string;
  readonly s: string;
}

const UNITS: DurationUnits = { d: 'd', h: 'h', m: 'm', s: 's' };

/** `1d 2h 05m`, `2h 05m 09s`, `4m 09s`: what a counter clerk reads at a glance. */
export function durationText(left: TimeLeft, u: DurationUnits = UNITS): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (left.days) return `${left.days}${u.d} ${left.hours}${u.h} ${pad(left.minutes)}${u.m}`;
  if (left.hours) return `${left.hours}${u.h} ${pad(left.minutes)}${u.m} ${pad(left.seconds)}${u.s}`;
  return `${left.minutes}${u.m} ${pad(left.seconds)}${u.s}`;
}

/** Tasks overdue first, then the nearest due, then those without a limit (the server's order, kept after a claim). */
export function byUrgency<T extends { dueAt: string | null }>(tasks: readonly T[]): T[] {
  const due = (t: T) => (t.dueAt ? Date.parse(t.dueAt) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => due(a) - due(b));
}
