import { describe, expect, it } from 'vitest';
import type { AutonumberPattern } from './autonumber-pattern.js';
import { autonumberPeriod, formatAutonumber } from './format-autonumber.js';
import { parseAutonumberPattern } from './parse-autonumber-pattern.js';

function pattern(source: string, timeZone: string): AutonumberPattern {
  const result = parseAutonumberPattern(source, timeZone, 'p');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

// 00:30 on 25 November in Beijing, still 24 November in UTC.
const LATE_EVENING_UTC = new Date('2026-11-24T16:30:00Z');

describe('formatAutonumber', () => {
  it('reads the date in the pattern zone, across the day boundary', () => {
    expect(formatAutonumber(pattern('ORD-{YYYYMMDD}-{seq:6}', 'Asia/Shanghai'), LATE_EVENING_UTC, 42)).toBe('ORD-20261125-000042');
    expect(formatAutonumber(pattern('ORD-{YYYYMMDD}-{seq:6}', 'UTC'), LATE_EVENING_UTC, 42)).toBe('ORD-20261124-000042');
  });

  it('starts a new period at midnight in the zone', () => {
    const daily = pattern('{YYMMDD}{seq:4}', 'Asia/Shanghai');
    expect(autonumberPeriod(daily, new Date('2026-11-24T15:59:59.999Z'))).toBe('20261124');
    expect(autonumberPeriod(daily, new Date('2026-11-24T16:00:00Z'))).toBe('20261125');
    expect(autonumberPeriod(pattern('{YYYY}{seq:4}', 'Asia/Shanghai'), new Date('2026-12-31T16:00:00Z'))).toBe('2027');
    expect(autonumberPeriod(pattern('{YYYY}{seq:4}', 'UTC'), new Date('2026-12-31T16:00:00Z'))).toBe('2026');
    expect(autonumberPeriod(pattern('{YYMM}-{seq:4}', 'Asia/Shanghai'), LATE_EVENING_UTC)).toBe('202611');
    expect(autonumberPeriod(pattern('C{seq:8}', 'Asia/Shanghai'), LATE_EVENING_UTC)).toBe('all');
  });

  it('writes every date part', () => {
    const at = new Date('2026-03-05T12:00:00Z');
    expect(formatAutonumber(pattern('{YYYYMMDD}|{YYMMDD}|{YYYYMM}|{YYMM}|{YYYY}|{YY}|{seq:1}'.replace(/\|/g, '.'), 'UTC'), at, 7)).toBe(
      '20260305.260305.202603.2603.2026.26.7',
    );
  });

  it('writes a sequence wider than its width in full rather than cutting it', () => {
    const small = pattern('T{seq:3}', 'UTC');
    expect(formatAutonumber(small, LATE_EVENING_UTC, 7)).toBe('T007');
    expect(formatAutonumber(small, LATE_EVENING_UTC, 999)).toBe('T999');
    expect(formatAutonumber(small, LATE_EVENING_UTC, 1000)).toBe('T1000');
  });

  it('refuses impossible sequence values and dates', () => {
    expect(() => formatAutonumber(pattern('T{seq:3}', 'UTC'), LATE_EVENING_UTC, -1)).toThrow(RangeError);
    expect(() => formatAutonumber(pattern('T{seq:3}', 'UTC'), LATE_EVENING_UTC, 1.5)).toThrow(RangeError);
    expect(() => autonumberPeriod(pattern('{YYYY}{seq:3}', 'UTC'), new Date(Number.NaN))).toThrow(RangeError);
  });
});
