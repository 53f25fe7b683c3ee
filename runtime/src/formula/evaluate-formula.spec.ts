import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../field-types/exact-decimal.js';
import type { FormulaType } from '../field-types/field-type.js';
import { evaluateFormula } from './evaluate-formula.js';
import { divideAsPostgres } from './formula-numeric.js';
import { parseFormula } from './parse-formula.js';

const FIELDS: Record<string, FormulaType> = {
  unitPrice: 'money',
  discount: 'money',
  quantity: 'number',
  rate: 'number',
  name: 'text',
  title: 'text',
  active: 'boolean',
  vip: 'boolean',
  startDate: 'date',
  endDate: 'date',
  createdAt: 'datetime',
};

function run(expression: string, record: Record<string, unknown>): unknown {
  const parsed = parseFormula(expression, (name) => FIELDS[name], 'p');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return evaluateFormula(parsed.value.ast, record);
}

describe('evaluateFormula: numbers and money', () => {
  it('adds money exactly: 0.10 + 0.20 is 0.30', () => {
    expect(run('unitPrice + discount', { unitPrice: '0.10', discount: '0.20' })).toBe('0.30');
    expect(run('0.1 + 0.2', {})).toBe('0.30000000');
  });

  it('renders results as the generated column reads back: numeric(18,2) and numeric(30,8)', () => {
    expect(run('unitPrice * quantity', { unitPrice: '199.00', quantity: 3 })).toBe('597.00');
    expect(run('quantity * rate', { quantity: '2.5000', rate: 5 })).toBe('12.50000000');
    expect(run('discount / unitPrice', { discount: '25.00', unitPrice: '100.00' })).toBe('0.25000000');
  });

  it('rounds half away from zero, as Postgres numeric does', () => {
    expect(run('unitPrice * 0.005', { unitPrice: '1.00' })).toBe('0.01');
    expect(run('unitPrice * 0.005', { unitPrice: '-1.00' })).toBe('-0.01');
    expect(run('round(rate, 0)', { rate: '2.5' })).toBe('3.00000000');
    expect(run('round(rate, 0)', { rate: '-2.5' })).toBe('-3.00000000');
    expect(run('unitPrice / 3', { unitPrice: '20.00' })).toBe('6.67');
    expect(run('-unitPrice / 3', { unitPrice: '20.00' })).toBe('-6.67');
    expect(run('unitPrice * 0.001', { unitPrice: '1.00' })).toBe('0.00');
  });

  it('divides like Postgres after casting both sides to numeric(1000,40)', () => {
    expect(run('rate / 3 * 3', { rate: 1 })).toBe('1.00000000');
    // A tiny quotient keeps 16 significant digits past the 40 decimals, as select_div_scale does.
    expect(divideAsPostgres(new ExactDecimal(1), new ExactDecimal('3e30'))?.toFixed()).toBe(`0.${'0'.repeat(30)}${'3'.repeat(18)}`);
    expect(divideAsPostgres(new ExactDecimal(2), new ExactDecimal(3))?.toFixed()).toBe(`0.${'6'.repeat(39)}7`);
  });

  it('gives null for division by zero and for results too large for the column', () => {
    expect(run('unitPrice / quantity', { unitPrice: '10.00', quantity: 0 })).toBeNull();
    expect(run('rate * 10000000000000000000000', { rate: 1 })).toBeNull();
    expect(run('rate * 1000000000000000000000', { rate: 1 })).toBe('1000000000000000000000.00000000');
  });

  it('computes abs, len, year, month and daysBetween', () => {
    expect(run('abs(discount)', { discount: '-5.50' })).toBe('5.50');
    expect(run('len(name)', { name: '中国移动𠀀' })).toBe('5.00000000');
    expect(run('year(startDate) * 100 + month(startDate)', { startDate: '2026-07-09' })).toBe('202607.00000000');
    expect(run('daysBetween(startDate, endDate)', { startDate: '2028-02-01', endDate: '2028-03-01' })).toBe('29.00000000');
    expect(run('daysBetween(startDate, endDate)', { startDate: '2026-03-01', endDate: '2026-02-01' })).toBe('-28.00000000');
    expect(run('daysBetween(startDate, endDate)', { startDate: '1999-12-31', endDate: '2026-11-25' })).toBe('9826.00000000');
  });
});

describe('evaluateFormula: null semantics', () => {
  it('propagates null through arithmetic, comparisons and functions', () => {
    expect(run('unitPrice * quantity', { unitPrice: '10.00', quantity: null })).toBeNull();
    expect(run('quantity > 1', {})).toBeNull();
    expect(run('-quantity', { quantity: null })).toBeNull();
    expect(run('!active', {})).toBeNull();
    expect(run('upper(name)', { name: null })).toBeNull();
    expect(run('daysBetween(startDate, endDate)', { startDate: '2026-01-01' })).toBeNull();
  });

  it('uses three-valued logic for && and ||', () => {
    expect(run('active && vip', { active: false, vip: null })).toBe(false);
    expect(run('active && vip', { active: true, vip: null })).toBeNull();
    expect(run('active || vip', { active: null, vip: true })).toBe(true);
    expect(run('active || vip', { active: null, vip: false })).toBeNull();
  });

  it('takes the else branch of if when the condition is null, and coalesce picks the first value', () => {
    expect(run('if(active, unitPrice, discount)', { active: null, unitPrice: '1.00', discount: '2.00' })).toBe('2.00');
    expect(run('if(active, unitPrice, null)', { active: false, unitPrice: '1.00' })).toBeNull();
    expect(run('coalesce(discount, unitPrice, 0)', { discount: null, unitPrice: '3.00' })).toBe('3.00');
    expect(run('coalesce(discount, 0)', {})).toBe('0.00');
  });

  it('concat treats null as empty text and writes numbers, amounts and dates canonically', () => {
    const record = { name: '张三', quantity: '3.5000', unitPrice: '199', startDate: '2026-11-25', title: null };
    expect(run("concat(name, title, ' x', quantity, ' = ', unitPrice, ' from ', startDate)", record)).toBe('张三 x3.5 = 199.00 from 2026-11-25');
    expect(run('concat(quantity)', { quantity: '-0.000000001' })).toBe('0');
    expect(run('concat(title)', {})).toBe('');
  });
});

describe('evaluateFormula: text, dates and date-times', () => {
  it('compares text by code point, as COLLATE "C"', () => {
    expect(run('name < title', { name: 'Zhang', title: 'li' })).toBe(true);
    expect(run('name > title', { name: 'é', title: 'z' })).toBe(true);
    expect(run('name == title', { name: '张三', title: '张三' })).toBe(true);
  });

  it('changes the case of a-z only, the same in every database locale', () => {
    expect(run('upper(name)', { name: 'straße é abc' })).toBe('STRAßE é ABC');
    expect(run('lower(name)', { name: 'ÉCOLE ABC' })).toBe('École abc');
  });

  it('compares dates and date-times and returns date-times as ISO UTC', () => {
    expect(run('startDate < endDate', { startDate: '2026-01-31', endDate: '2026-02-01' })).toBe(true);
    expect(run('if(active, createdAt, null)', { active: true, createdAt: '2026-11-25T09:30:00+08:00' })).toBe('2026-11-25T01:30:00.000Z');
    expect(run('if(active, startDate, endDate)', { active: false, startDate: '2026-01-01', endDate: '2026-12-31' })).toBe('2026-12-31');
  });
});
