import { describe, expect, it } from 'vitest';
import { AutonumberSequence } from './autonumber-sequence.js';
import { addMonths, DAY_MS, formatDateTime, formatDay, formatMoney, yearsBetween } from './canonical-values.js';
import { isValidResidentIdNumber, isValidUnifiedSocialCreditCode, luhnCheckDigit, residentIdNumber, unifiedSocialCreditCode } from './identity-numbers.js';
import { createKeyedPermutation } from './keyed-permutation.js';
import { RecordIds } from './record-id.js';

describe('identity numbers', () => {
  it('computes resident ID check characters (ISO 7064 MOD 11-2), including X', () => {
    expect(residentIdNumber('110105', '19491231', 2)).toBe('11010519491231002X');
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false);
  });

  it('computes unified social credit codes that real ones confirm', () => {
    // Published codes of two well-known companies.
    expect(isValidUnifiedSocialCreditCode('9144030071526726XG')).toBe(true);
    expect(isValidUnifiedSocialCreditCode('91330100799655058B')).toBe(true);
    expect(unifiedSocialCreditCode('91', '440300', '71526726')).toBe('9144030071526726XG');
    expect(isValidUnifiedSocialCreditCode('9144030071526726XH')).toBe(false);
  });

  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });
});

describe('createKeyedPermutation', () => {
  it.each([1, 7, 1000, 4097])('is a bijection on [0, %i)', (size) => {
    const permute = createKeyedPermutation(size, 12345);
    const values = Array.from({ length: size }, (_, index) => permute(index));
    expect(new Set(values).size).toBe(size);
    expect(values.every((value) => value >= 0 && value < size)).toBe(true);
  });

  it('depends on its key', () => {
    const a = createKeyedPermutation(1e9, 1);
    const b = createKeyedPermutation(1e9, 2);
    expect([0, 1, 2].map(a)).not.toEqual([0, 1, 2].map(b));
  });
});

describe('RecordIds', () => {
  it('makes distinct UUID v4 ids for distinct (stream, index, slot)', () => {
    const ids = new RecordIds(9);
    const made = new Set<string>();
    for (let stream = 1; stream <= 3; stream++) for (let index = 0; index < 2000; index++) for (let slot = 0; slot < 3; slot++) made.add(ids.idFor(stream, index, slot));
    expect(made.size).toBe(3 * 2000 * 3);
    expect([...made].every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new RecordIds(9).idFor(2, 5, 1)).toBe(ids.idFor(2, 5, 1));
  });
});

describe('canonical values', () => {
  it('formats days, datetimes and month arithmetic as Date does', () => {
    for (let day = -800; day < 40_000; day += 37) {
      const date = new Date(day * DAY_MS);
      expect(formatDay(day)).toBe(date.toISOString().slice(0, 10));
      const ms = day * DAY_MS + ((day * 7919) % DAY_MS);
      expect(formatDateTime(ms)).toBe(new Date(ms).toISOString());
      const plus = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 13, 1));
      const lastOfMonth = new Date(Date.UTC(plus.getUTCFullYear(), plus.getUTCMonth() + 1, 0)).getUTCDate();
      plus.setUTCDate(Math.min(date.getUTCDate(), lastOfMonth));
      expect(formatDay(addMonths(day, 13))).toBe(plus.toISOString().slice(0, 10));
    }
  });

  it('counts ages in whole years', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
    expect(yearsBetween(day('2000-02-29'), day('2018-02-28'))).toBe(17);
    expect(yearsBetween(day('2000-02-29'), day('2018-03-01'))).toBe(18);
  });

  it('writes money with two decimals from fen', () => {
    expect([5900, 5, 0, 123_456_789, -250].map(formatMoney)).toEqual(['59.00', '0.05', '0.00', '1234567.89', '-2.50']);
  });
});

describe('AutonumberSequence', () => {
  const now = new Date('2026-11-15T01:00:00+08:00');
  const yesterday = Date.parse('2026-11-14T23:59:00+08:00');

  it('counts per Beijing-time day', () => {
    const sequence = new AutonumberSequence('ORD-{YYYYMMDD}-{seq:6}', now);
    expect(sequence.next(yesterday)).toBe('ORD-20261114-000001');
    expect(sequence.next(Date.parse('2026-11-14T00:00:00+08:00'))).toBe('ORD-20261114-000002');
    expect(sequence.next(Date.parse('2026-11-13T23:59:59+08:00'))).toBe('ORD-20261113-000001');
  });

  it('refuses values in the current period of the live counter', () => {
    expect(() => new AutonumberSequence('ORD-{YYYYMMDD}-{seq:6}', now).next(Date.parse('2026-11-15T00:00:00+08:00'))).toThrow(RangeError);
    expect(() => new AutonumberSequence('CUS{YYYY}{seq:8}', now).next(yesterday)).toThrow(RangeError);
    expect(new AutonumberSequence('CUS{YYYY}{seq:8}', now).next(Date.parse('2025-12-31T12:00:00+08:00'))).toBe('CUS202500000001');
  });

  it('rejects patterns without exactly one sequence', () => {
    expect(() => new AutonumberSequence('ORD-{YYYYMMDD}', now)).toThrow();
    expect(() => new AutonumberSequence('{seq:3}-{seq:3}', now)).toThrow();
  });
});
