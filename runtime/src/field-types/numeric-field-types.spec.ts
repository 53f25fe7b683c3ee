import { describe, expect, it } from 'vitest';
import { decimalFieldType } from './decimal.field-type.js';
import { read } from './testing/read-value.js';
import { integerFieldType } from './integer.field-type.js';
import { moneyFieldType } from './money.field-type.js';

const context = { path: 'entities[plan].fields[fee]' };

describe('integer', () => {
  it('accepts whole numbers and integer strings as numbers', () => {
    expect(read(integerFieldType, 42)).toEqual({ ok: true, value: 42 });
    expect(read(integerFieldType, '-7')).toEqual({ ok: true, value: -7 });
    expect(read(integerFieldType, '+007')).toEqual({ ok: true, value: 7 });
    expect(read(integerFieldType, -0)).toEqual({ ok: true, value: 0 });
    expect(Object.is((read(integerFieldType, -0) as { value: number }).value, 0)).toBe(true);
  });

  it('refuses fractions and non-numeric text with the value in the message', () => {
    expect(read(integerFieldType, 2.5)).toMatchObject({ ok: false, message: '2.5 is not a whole number' });
    expect(read(integerFieldType, '2.5')).toMatchObject({ ok: false, message: 'expected a whole number like 42, got "2.5"', hint: 'a whole number has no decimal point' });
    expect(read(integerFieldType, 'ten')).toMatchObject({ ok: false, message: 'expected a whole number like 42, got "ten"' });
    expect(read(integerFieldType, Number.NaN)).toMatchObject({ ok: false, message: 'expected a whole number like 42, got NaN' });
  });

  it('keeps to the 32-bit column range', () => {
    expect(read(integerFieldType, 2147483647)).toEqual({ ok: true, value: 2147483647 });
    expect(read(integerFieldType, -2147483648)).toEqual({ ok: true, value: -2147483648 });
    expect(read(integerFieldType, 2147483648)).toMatchObject({
      ok: false,
      message: '2147483648 is outside the integer range -2147483648..2147483647',
      hint: expect.stringContaining('decimal field'),
    });
    expect(read(integerFieldType, '99999999999999999999')).toMatchObject({ ok: false, message: expect.stringContaining('99999999999999999999 is outside') });
  });

  it('checks min and max, and that min is not above max', () => {
    expect(read(integerFieldType, 0, { min: 1, max: 12 })).toMatchObject({ ok: false, message: '0 is less than the minimum 1' });
    expect(read(integerFieldType, 13, { min: 1, max: 12 })).toMatchObject({ ok: false, message: '13 is more than the maximum 12' });
    expect(integerFieldType.checkSettings?.(integerFieldType.settings.parse({ min: 5, max: 1 }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-range', path: 'entities[plan].fields[fee].min' }),
    ]);
  });
});

describe('decimal', () => {
  it('renders exactly `scale` decimals, as Postgres reads numeric back', () => {
    expect(read(decimalFieldType, '12.5')).toEqual({ ok: true, value: '12.5000' });
    expect(read(decimalFieldType, 12.5)).toEqual({ ok: true, value: '12.5000' });
    expect(read(decimalFieldType, '-0.0001')).toEqual({ ok: true, value: '-0.0001' });
    expect(read(decimalFieldType, '-0')).toEqual({ ok: true, value: '0.0000' });
    expect(read(decimalFieldType, 7, { precision: 5, scale: 0 })).toEqual({ ok: true, value: '7' });
  });

  it('is exact: never goes through a float for text input', () => {
    expect(read(decimalFieldType, '12345678901234.1234')).toEqual({ ok: true, value: '12345678901234.1234' });
    expect(read(decimalFieldType, '1234567890123456789012345678.1234567890', { precision: 38, scale: 10 })).toEqual({
      ok: true,
      value: '1234567890123456789012345678.1234567890',
    });
  });

  it('refuses more decimals than the scale instead of rounding, but allows trailing zeros', () => {
    expect(read(decimalFieldType, '1.23456')).toMatchObject({ ok: false, message: '"1.23456" has 5 decimal places; at most 4 allowed', hint: expect.stringContaining('round the value') });
    expect(read(decimalFieldType, '1.23450000')).toEqual({ ok: true, value: '1.2345' });
  });

  it('refuses more integer digits than precision - scale', () => {
    expect(read(decimalFieldType, '123456789012345')).toMatchObject({
      ok: false,
      message: '"123456789012345" has 15 digits before the decimal point; at most 14 fit (precision 18, scale 4)',
    });
  });

  it('refuses other notations with a hint', () => {
    expect(read(decimalFieldType, '1,234.5')).toMatchObject({ ok: false, message: 'expected a decimal number like 12.50, got "1,234.5"', hint: 'remove the thousands separators' });
    expect(read(decimalFieldType, '1e3')).toMatchObject({ ok: false, hint: 'write the number without an exponent' });
    expect(read(decimalFieldType, 'NaN')).toMatchObject({ ok: false, message: 'expected a decimal number like 12.50, got "NaN"' });
    expect(read(decimalFieldType, Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, message: 'expected a decimal number like 12.50, got Infinity' });
  });

  it('checks min/max exactly and checks its settings', () => {
    expect(read(decimalFieldType, '0.0001', { min: '0.001' })).toMatchObject({ ok: false, message: '0.0001 is less than the minimum 0.0010' });
    expect(decimalFieldType.checkSettings?.(decimalFieldType.settings.parse({ precision: 4, scale: 6 }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-setting', path: 'entities[plan].fields[fee].scale' }),
    ]);
    expect(decimalFieldType.checkSettings?.(decimalFieldType.settings.parse({ min: '10', max: 1 }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-range' }),
    ]);
    expect(decimalFieldType.storage(decimalFieldType.settings.parse({}))).toEqual({ kind: 'decimal', precision: 18, scale: 4 });
  });
});

describe('money', () => {
  it('is CNY with exactly two decimals', () => {
    expect(read(moneyFieldType, 199)).toEqual({ ok: true, value: '199.00' });
    expect(read(moneyFieldType, '0.1')).toEqual({ ok: true, value: '0.10' });
    expect(read(moneyFieldType, 0.1)).toEqual({ ok: true, value: '0.10' });
    expect(moneyFieldType.settings.parse({})).toEqual({ currency: 'CNY' });
    expect(moneyFieldType.settings.safeParse({ currency: 'USD' }).success).toBe(false);
    expect(moneyFieldType.storage(moneyFieldType.settings.parse({}))).toEqual({ kind: 'decimal', precision: 18, scale: 2 });
  });

  it('refuses fractions of a fen instead of rounding them', () => {
    expect(read(moneyFieldType, '0.001')).toMatchObject({
      ok: false,
      message: '"0.001" has 3 decimal places; at most 2 allowed',
      hint: expect.stringContaining('exact to the fen'),
    });
    // The float sum of 0.1 and 0.2 is not 0.3, and money says so instead of hiding it.
    expect(read(moneyFieldType, 0.1 + 0.2)).toMatchObject({ ok: false, message: '0.30000000000000004 has 17 decimal places; at most 2 allowed' });
  });

  it('refuses non-finite numbers and more than 16 integer digits', () => {
    expect(read(moneyFieldType, Number.NaN)).toMatchObject({ ok: false, message: 'expected an amount like 199.00, got NaN' });
    expect(read(moneyFieldType, '99999999999999999')).toMatchObject({ ok: false, message: expect.stringContaining('17 digits before the decimal point; at most 16') });
    expect(read(moneyFieldType, '9999999999999999.99')).toEqual({ ok: true, value: '9999999999999999.99' });
  });

  it('checks min and max given as strings or numbers', () => {
    expect(read(moneyFieldType, '-0.01', { min: 0 })).toMatchObject({ ok: false, message: '-0.01 is less than the minimum 0.00' });
    expect(read(moneyFieldType, '5000.01', { max: '5000' })).toMatchObject({ ok: false, message: '5000.01 is more than the maximum 5000.00' });
    expect(moneyFieldType.checkSettings?.(moneyFieldType.settings.parse({ min: '0.001' }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-setting', path: 'entities[plan].fields[fee].min' }),
    ]);
  });
});
