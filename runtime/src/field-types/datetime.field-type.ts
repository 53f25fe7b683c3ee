import { z } from 'zod';
import { calendarDateError } from './calendar-date.js';
import { describeValue } from './describe-value.js';
import { defineFieldType, type DecodeResult } from './field-type.js';

const datetimeSettingsSchema = z.strictObject({});

export type DatetimeSettings = z.output<typeof datetimeSettingsSchema>;

const EXAMPLE = '2026-11-25T09:30:00+08:00';
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/**
 * An ISO-8601 instant with an explicit zone. Parsed by hand rather than with
 * Date.parse, whose handling of zone-less and non-standard text differs
 * between engines (and would read a local time in the server's zone).
 * Fractions past milliseconds are dropped (JavaScript dates hold ms).
 */
function decodeDatetime(input: unknown): DecodeResult {
  if (input instanceof Date) {
    return inRange(input.getTime()) ? { ok: true, value: input.toISOString() } : { ok: false, message: 'the Date object is invalid or outside years 0001..9999' };
  }
  const expected = `expected a date-time like ${EXAMPLE}`;
  if (typeof input !== 'string') return { ok: false, message: `${expected}, got ${describeValue(input)}` };
  const match = ISO_DATETIME.exec(input);
  if (match === null) {
    const hint = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `add a time and a zone: ${input}T00:00:00+08:00` : 'use ISO 8601: date, T, time, then Z or an offset';
    return { ok: false, message: `${expected}, got ${describeValue(input)}`, hint };
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = match;
  if (zone === undefined) {
    return {
      ok: false,
      message: `${JSON.stringify(input)} has no time zone, so it could be any of 24 instants`,
      hint: `add Z for UTC or an offset such as +08:00 for Beijing time: ${input}+08:00`,
    };
  }
  const dateError = calendarDateError(Number(year), Number(month), Number(day));
  if (dateError !== null) return { ok: false, message: `${JSON.stringify(input)} is not a calendar date: ${dateError}` };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return { ok: false, message: `${JSON.stringify(input)} has no such time of day`, hint: 'hours run 00..23, minutes and seconds 00..59' };
  }
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : offsetOf(zone);
  if (Math.abs(offsetMinutes) >= 24 * 60 || Number(zone.slice(4)) > 59) {
    return { ok: false, message: `${JSON.stringify(input)} has an impossible offset ${zone}` };
  }
  const utc = new Date(0);
  utc.setUTCFullYear(Number(year), Number(month) - 1, Number(day)); // keeps years below 100
  utc.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  const time = utc.getTime() - offsetMinutes * 60_000;
  if (!inRange(time)) return { ok: false, message: `${JSON.stringify(input)} falls outside years 0001..9999` };
  return { ok: true, value: new Date(time).toISOString() };
}

function offsetOf(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

function inRange(time: number): boolean {
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/**
 * Instants (when an order was placed). The canonical value is UTC ISO-8601
 * with milliseconds, `new Date(x).toISOString()`; input must carry Z or an
 * offset, because a bare local time means different instants in different
 * branches' zones.
 */
export const datetimeFieldType = defineFieldType<DatetimeSettings>({
  name: 'datetime',
  settings: datetimeSettingsSchema,
  storage: () => ({ kind: 'datetime' }),
  scalar: 'DateTime',
  filterOperators: ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  widget: 'datetime',
  formulaType: 'datetime',
  decode: (input) => decodeDatetime(input),
  validate(value) {
    if (typeof value === 'string' && decodeDatetime(value).ok) return null;
    return { message: `expected a date-time like ${EXAMPLE}, got ${describeValue(value)}` };
  },
});
