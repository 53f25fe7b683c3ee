import { describe, expect, it } from 'vitest';
import { booleanFieldType } from './boolean.field-type.js';
import { dateFieldType } from './date.field-type.js';
import { datetimeFieldType } from './datetime.field-type.js';
import { read } from './testing/read-value.js';

describe('date', () => {
  it('accepts real calendar dates as YYYY-MM-DD', () => {
    expect(read(dateFieldType, '2026-11-25')).toEqual({ ok: true, value: '2026-11-25' });
    expect(read(dateFieldType, '2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    expect(read(dateFieldType, '2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
  });

  it('refuses dates that do not exist, saying why', () => {
    expect(read(dateFieldType, '2026-02-30')).toMatchObject({ ok: false, message: '"2026-02-30" is not a calendar date: February 2026 has 28 days' });
    expect(read(dateFieldType, '1900-02-29')).toMatchObject({ ok: false, message: '"1900-02-29" is not a calendar date: February 1900 has 28 days' });
    expect(read(dateFieldType, '2026-13-01')).toMatchObject({ ok: false, message: '"2026-13-01" is not a calendar date: there is no month 13' });
    expect(read(dateFieldType, '2026-04-31')).toMatchObject({ ok: false, message: expect.stringContaining('April 2026 has 30 days') });
  });

  it('refuses other formats with a hint to the right one', () => {
    expect(read(dateFieldType, '2026/11/25')).toMatchObject({ ok: false, message: 'expected a date like 2026-11-25, got "2026/11/25"', hint: 'write it as 2026-11-25' });
    expect(read(dateFieldType, '2026年1月5日')).toMatchObject({ ok: false, hint: 'write it as 2026-01-05' });
    expect(read(dateFieldType, '2026-11-25T08:00:00Z')).toMatchObject({ ok: false, hint: expect.stringContaining('no time of day') });
    expect(read(dateFieldType, '25/11/2026')).toMatchObject({ ok: false, hint: 'put the year first: YYYY-MM-DD' });
    expect(read(dateFieldType, new Date())).toMatchObject({ ok: false, message: 'expected a date like 2026-11-25, got a Date object' });
  });

  it('checks min and max and its own settings', () => {
    const settings = { min: '2026-01-01', max: '2026-12-31' };
    expect(read(dateFieldType, '2025-12-31', settings)).toMatchObject({ ok: false, message: '2025-12-31 is before the earliest allowed date 2026-01-01' });
    expect(read(dateFieldType, '2027-01-01', settings)).toMatchObject({ ok: false, message: '2027-01-01 is after the latest allowed date 2026-12-31' });
    expect(dateFieldType.settings.safeParse({ min: '2026-02-30' }).success).toBe(false);
    expect(dateFieldType.checkSettings?.(dateFieldType.settings.parse({ min: '2027-01-01', max: '2026-01-01' }), { path: 'p' })).toEqual([
      expect.objectContaining({ code: 'field.invalid-range', path: 'p.min' }),
    ]);
  });
});

describe('datetime', () => {
  it('normalises any zone to UTC with milliseconds', () => {
    expect(read(datetimeFieldType, '2026-11-25T09:30:00+08:00')).toEqual({ ok: true, value: '2026-11-25T01:30:00.000Z' });
    expect(read(datetimeFieldType, '2026-11-25T01:30Z')).toEqual({ ok: true, value: '2026-11-25T01:30:00.000Z' });
    expect(read(datetimeFieldType, '2026-11-25 01:30:00.123456z')).toEqual({ ok: true, value: '2026-11-25T01:30:00.123Z' });
    expect(read(datetimeFieldType, '2026-01-01T02:00:00+08:00')).toEqual({ ok: true, value: '2025-12-31T18:00:00.000Z' });
    expect(read(datetimeFieldType, new Date(Date.UTC(2026, 10, 25)))).toEqual({ ok: true, value: '2026-11-25T00:00:00.000Z' });
  });

  it('refuses a local time without a zone, with the fix', () => {
    expect(read(datetimeFieldType, '2026-11-25T09:30:00')).toMatchObject({
      ok: false,
      message: '"2026-11-25T09:30:00" has no time zone, so it could be any of 24 instants',
      hint: 'add Z for UTC or an offset such as +08:00 for Beijing time: 2026-11-25T09:30:00+08:00',
    });
  });

  it('refuses impossible dates, times and offsets', () => {
    expect(read(datetimeFieldType, '2026-02-29T00:00:00Z')).toMatchObject({ ok: false, message: expect.stringContaining('February 2026 has 28 days') });
    expect(read(datetimeFieldType, '2026-11-25T24:00:00Z')).toMatchObject({ ok: false, message: '"2026-11-25T24:00:00Z" has no such time of day' });
    expect(read(datetimeFieldType, '2026-11-25T09:00:00+08:75')).toMatchObject({ ok: false, message: expect.stringContaining('impossible offset +08:75') });
    expect(read(datetimeFieldType, '2026-11-25')).toMatchObject({ ok: false, hint: 'add a time and a zone: 2026-11-25T00:00:00+08:00' });
    expect(read(datetimeFieldType, 1764000000000)).toMatchObject({ ok: false, message: 'expected a date-time like 2026-11-25T09:30:00+08:00, got the number 1764000000000' });
    expect(read(datetimeFieldType, new Date(Number.NaN))).toMatchObject({ ok: false });
  });
});

describe('boolean', () => {
  it('accepts only true and false', () => {
    expect(read(booleanFieldType, false)).toEqual({ ok: true, value: false });
    expect(read(booleanFieldType, 'false')).toMatchObject({ ok: false, message: 'expected true or false, got "false"', hint: 'send true or false without quotes' });
    expect(read(booleanFieldType, 1)).toMatchObject({ ok: false, message: 'expected true or false, got the number 1' });
    expect(booleanFieldType.filterOperators).toEqual(['eq', 'ne', 'isNull']);
  });
});
