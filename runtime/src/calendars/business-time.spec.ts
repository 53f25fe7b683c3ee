import { describe, expect, it } from 'vitest';
import { addBusinessHours, businessTimeBetween } from './business-time.js';
import { BASE_CALENDAR, hoursOn, resolveCalendar, type BusinessCalendar } from './business-calendar.js';
import { parseCalendarSpec, type CalendarSpec } from './calendar.document.js';
import { nationalDayName } from './national-days.js';

/** An instant written as Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;

function calendarOf(...specs: CalendarSpec[]): BusinessCalendar {
  const resolved = resolveCalendar(specs);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.value;
}

describe("business hours on China's calendar", () => {
  it('skips the whole National Day week: two hours asked on 30 September at 17:00 end on 9 October at 10:00', () => {
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-09-30T17:00:00'), 2)).toEqual(bj('2025-10-09T10:00:00'));
    expect(hoursOn(BASE_CALENDAR, '2025-10-06').reason).toBe('holiday');
    expect(nationalDayName('2025-10-01')?.['zh-CN']).toBe('国庆节');
  });

  it('counts a make-up Saturday (调休) as a working day: 11 October 2025 works, the Saturday after does not', () => {
    expect(hoursOn(BASE_CALENDAR, '2025-10-11')).toEqual({ hours: BASE_CALENDAR.makeUpDayHours, reason: 'makeUpWorkday' });
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-10-10T17:00:00'), 3)).toEqual(bj('2025-10-11T11:00:00'));
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-10-17T17:00:00'), 3)).toEqual(bj('2025-10-20T11:00:00'));
  });

  it('carries a deadline across a weekend: four hours from Friday 16:00 end on Monday 11:00', () => {
    const due = addBusinessHours(BASE_CALENDAR, bj('2025-11-14T16:00:00'), 4);
    expect(due).toEqual(bj('2025-11-17T11:00:00'));
    expect(businessTimeBetween(BASE_CALENDAR, bj('2025-11-14T16:00:00'), due)).toBe(4 * HOUR);
  });

  it('starts counting at the opening hour when asked outside working hours, and ends at closing time exactly', () => {
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-11-18T06:30:00'), 1)).toEqual(bj('2025-11-18T10:00:00'));
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-11-18T09:00:00'), 9)).toEqual(bj('2025-11-18T18:00:00'));
  });

  it('stops the clock in paused intervals, and an open pause stops it for good', () => {
    const paused = [{ from: bj('2025-11-18T10:00:00'), to: bj('2025-11-18T15:00:00') }];
    expect(addBusinessHours(BASE_CALENDAR, bj('2025-11-18T09:00:00'), 2, paused)).toEqual(bj('2025-11-18T16:00:00'));
    expect(businessTimeBetween(BASE_CALENDAR, bj('2025-11-18T09:00:00'), bj('2025-11-18T18:00:00'), paused)).toBe(4 * HOUR);
    expect(businessTimeBetween(BASE_CALENDAR, bj('2025-11-18T09:00:00'), bj('2025-11-20T18:00:00'), [{ from: bj('2025-11-18T12:00:00') }])).toBe(3 * HOUR);
  });
});

describe('calendars inherited down the org tree', () => {
  const province: CalendarSpec = { week: { mon: [{ from: '08:30', to: '12:00' }, { from: '14:00', to: '17:30' }], tue: [{ from: '08:30', to: '12:00' }, { from: '14:00', to: '17:30' }] } };
  // A rural county's halls open on Saturday mornings and close for a local festival.
  const county: CalendarSpec = { week: { sat: [{ from: '09:00', to: '12:00' }] }, exceptions: [{ date: '2025-11-25', hours: [], note: 'county fair' }] };

  it("gives a county its own Saturday and closed day over the province's hours, which it keeps otherwise", () => {
    const provinceCalendar = calendarOf(province);
    const countyCalendar = calendarOf(province, county);
    // Monday 17 November 2025, 11:00: the province's lunch break applies to both.
    expect(addBusinessHours(provinceCalendar, bj('2025-11-17T11:00:00'), 2)).toEqual(bj('2025-11-17T15:00:00'));
    expect(addBusinessHours(countyCalendar, bj('2025-11-17T11:00:00'), 2)).toEqual(bj('2025-11-17T15:00:00'));
    // Friday 21 November 17:00 + 2 h: the province resumes on Monday, the county on Saturday morning.
    expect(addBusinessHours(provinceCalendar, bj('2025-11-21T17:00:00'), 2)).toEqual(bj('2025-11-24T09:30:00'));
    expect(addBusinessHours(countyCalendar, bj('2025-11-21T17:00:00'), 2)).toEqual(bj('2025-11-22T10:00:00'));
    expect(hoursOn(countyCalendar, '2025-11-25')).toEqual({ hours: [], reason: 'exception' });
    expect(hoursOn(provinceCalendar, '2025-11-25').hours).toHaveLength(2);
  });

  it("reads wall-clock hours in the calendar's own time zone", () => {
    const urumqi = calendarOf({ timeZone: 'Asia/Urumqi' });
    // 09:00 in Urumqi (UTC+6) is 11:00 in Beijing.
    expect(addBusinessHours(urumqi, bj('2025-11-18T06:00:00'), 1)).toEqual(bj('2025-11-18T12:00:00'));
  });

  it('can leave the national holidays out', () => {
    const noHolidays = calendarOf({ nationalDays: 'none' });
    expect(addBusinessHours(noHolidays, bj('2025-09-30T17:00:00'), 2)).toEqual(bj('2025-10-01T10:00:00'));
  });

  it('refuses a calendar without working hours, and says which rule each bad entry breaks', () => {
    const closed = resolveCalendar([{ week: { mon: [], tue: [], wed: [], thu: [], fri: [] } }]);
    expect(closed.ok ? [] : closed.problems.map((p) => p.code)).toEqual(['calendar.no-working-time']);
    const bad = parseCalendarSpec({ timeZone: 'Mars/Olympus', week: { mon: [{ from: '12:00', to: '09:00' }], tue: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] }, exceptions: [{ date: '2025-10-01', hours: [] }, { date: '2025-10-01', hours: [] }, { date: '2025-1-1', hours: [] }] });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['calendar.invalid calendar.exceptions.2.date']);
    const shaped = parseCalendarSpec({ timeZone: 'Mars/Olympus', week: { mon: [{ from: '12:00', to: '09:00' }], tue: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] }, exceptions: [{ date: '2025-10-01', hours: [] }, { date: '2025-10-01', hours: [] }] });
    expect(shaped.ok ? [] : shaped.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'calendar.unknown-time-zone calendar.timeZone',
      'calendar.hours-order calendar.week.mon.0',
      'calendar.hours-overlap calendar.week.tue.1',
      'calendar.duplicate-exception calendar.exceptions.1.date',
    ]);
  });
});
