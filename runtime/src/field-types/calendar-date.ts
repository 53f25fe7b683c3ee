import { describeValue } from './describe-value.js';
import type { DecodeResult } from './field-type.js';

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why year/month/day is not a real date in 0001..9999, or null. Shared by
 * date and datetime so both refuse 2026-02-30 with the same words.
 */
export function calendarDateError(year: number, month: number, day: number): string | null {
  if (year < 1) return 'year 0000 does not exist; years run from 0001 to 9999';
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTH_NAMES[month - 1] ?? ''} ${year} has ${days} days`;
  return null;
}

/** Days since 1970-01-01 of a canonical 'YYYY-MM-DD' (proleptic Gregorian, like Postgres). */
export function dayNumber(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0001..0099
  return Math.round(utc.getTime() / DAY_MS);
}

/** Decodes 'YYYY-MM-DD' that names a real calendar date; the canonical value is the same text. */
export function decodeCalendarDate(input: unknown): DecodeResult {
  const expected = 'expected a date like 2026-11-25';
  if (typeof input !== 'string') return { ok: false, message: `${expected}, got ${describeValue(input)}` };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (match === null) return { ok: false, message: `${expected}, got ${describeValue(input)}`, ...dateFormatHint(input) };
  const error = calendarDateError(Number(match[1]), Number(match[2]), Number(match[3]));
  if (error !== null) return { ok: false, message: `${JSON.stringify(input)} is not a calendar date: ${error}` };
  return { ok: true, value: input };
}

function dateFormatHint(input: string): { hint?: string } {
  if (/^\d{4}-\d{2}-\d{2}[T ]/.test(input)) return { hint: 'a date has no time of day: send only the YYYY-MM-DD part' };
  const loose = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(input);
  if (loose !== null) {
    return { hint: `write it as ${loose[1] ?? ''}-${(loose[2] ?? '').padStart(2, '0')}-${(loose[3] ?? '').padStart(2, '0')}` };
  }
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(input)) return { hint: 'put the year first: YYYY-MM-DD' };
  return {};
}
