import { describe, expect, it } from 'vitest';
import type { FormulaType } from '../field-types/field-type.js';
import { parseFormula } from './parse-formula.js';

const FIELDS: Record<string, FormulaType | null> = {
  unitPrice: 'money',
  discount: 'money',
  quantity: 'number',
  rate: 'number',
  name: 'text',
  title: 'text',
  active: 'boolean',
  startDate: 'date',
  endDate: 'date',
  createdAt: 'datetime',
  customer_name: 'text',
  services: null,
  customer: null,
};
const lookup = (name: string) => (Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined);
const PATH = 'entities[order].fields[total].expression';

function typeOf(expression: string) {
  const result = parseFormula(expression, lookup, PATH, Object.keys(FIELDS));
  return result.ok ? result.value.resultType : result.problems;
}

function problemsOf(expression: string, fieldNames: readonly string[] | undefined = Object.keys(FIELDS)) {
  const result = parseFormula(expression, lookup, PATH, fieldNames);
  if (result.ok) throw new Error(`expected problems for ${expression}`);
  return result.problems;
}

describe('parseFormula', () => {
  it('builds a typed tree and lists the fields read, in order', () => {
    const result = parseFormula('unitPrice * quantity - discount', lookup, PATH);
    expect(result).toEqual({
      ok: true,
      value: {
        resultType: 'money',
        dependencies: ['unitPrice', 'quantity', 'discount'],
        ast: {
          kind: 'binary',
          type: 'money',
          op: '-',
          left: {
            kind: 'binary',
            type: 'money',
            op: '*',
            left: { kind: 'field', type: 'money', field: 'unitPrice' },
            right: { kind: 'field', type: 'number', field: 'quantity' },
          },
          right: { kind: 'field', type: 'money', field: 'discount' },
        },
      },
    });
  });

  it('keeps number literals as exact decimal text', () => {
    const result = parseFormula('rate * 0.1 + 1e3', lookup, PATH);
    expect(result.ok && result.value.ast).toMatchObject({
      left: { right: { kind: 'literal', type: 'number', value: '0.1' } },
      right: { kind: 'literal', type: 'number', value: '1000' },
    });
  });

  it('types money arithmetic as money and ratios as numbers', () => {
    expect(typeOf('unitPrice + discount')).toBe('money');
    expect(typeOf('quantity + unitPrice')).toBe('money');
    expect(typeOf('unitPrice * 0.95')).toBe('money');
    expect(typeOf('unitPrice / 3')).toBe('money');
    expect(typeOf('discount / unitPrice')).toBe('number');
    expect(typeOf('-unitPrice')).toBe('money');
    expect(typeOf('round(unitPrice * rate, 2)')).toBe('money');
    expect(typeOf('abs(quantity)')).toBe('number');
  });

  it('types comparisons, logic and functions', () => {
    expect(typeOf('unitPrice > 100 && !active')).toBe('boolean');
    expect(typeOf('startDate <= endDate')).toBe('boolean');
    expect(typeOf('name == "VIP"')).toBe('boolean');
    expect(typeOf('if(active, unitPrice, null)')).toBe('money');
    expect(typeOf('coalesce(discount, unitPrice)')).toBe('money');
    expect(typeOf('coalesce(discount, 0)')).toBe('money');
    expect(typeOf('if(active, quantity, 0)')).toBe('number');
    expect(typeOf("concat(name, ' x', quantity, ' = ', unitPrice, ' on ', startDate)")).toBe('text');
    expect(typeOf('upper(lower(name))')).toBe('text');
    expect(typeOf('len(name) + year(startDate) + month(endDate) + daysBetween(startDate, endDate)')).toBe('number');
    expect(typeOf('if(active, createdAt, null)')).toBe('datetime');
  });

  it('refuses + on text and points to concat', () => {
    expect(problemsOf('name + title')).toEqual([
      { code: 'formula.type-mismatch', path: PATH, message: '"name + title": + does not join text', hint: 'use concat(name, title)' },
    ]);
  });

  it('refuses mixed types, naming both sides', () => {
    expect(problemsOf('unitPrice * discount')[0]).toMatchObject({ code: 'formula.type-mismatch', message: '"unitPrice * discount": two amounts of money cannot be multiplied' });
    expect(problemsOf('quantity / unitPrice')[0]).toMatchObject({ code: 'formula.type-mismatch' });
    expect(problemsOf('startDate > createdAt')[0]).toMatchObject({
      code: 'formula.type-mismatch',
      message: '"startDate > createdAt": > compares values of one type, but startDate is a date and createdAt is a date-time',
    });
    expect(problemsOf('startDate > "2026-01-01"')[0]?.hint).toContain('cannot be compared with text');
    expect(problemsOf('endDate - startDate')[0]).toMatchObject({ hint: expect.stringContaining('daysBetween') });
    expect(problemsOf('active && quantity')[0]).toMatchObject({ message: '"active && quantity": && needs two booleans, but active is a boolean and quantity is a number' });
    expect(problemsOf('if(active, unitPrice, name)')[0]).toMatchObject({
      message: '"if(active, unitPrice, name)": both branches of if() must have the same type: unitPrice is an amount of money but name is text',
      hint: 'turn the other value into text with concat(unitPrice)',
    });
    expect(problemsOf('coalesce(startDate, createdAt)')[0]).toMatchObject({ code: 'formula.type-mismatch' });
    expect(problemsOf('upper(quantity)')[0]).toMatchObject({ message: '"upper(quantity)": argument 1 of upper must be text, but quantity is a number', hint: 'upper(text)' });
    expect(problemsOf('concat(name, active)')[0]).toMatchObject({ hint: "turn it into text first: if(active, 'yes', 'no')" });
    expect(problemsOf('concat(name, createdAt)')[0]?.message).toContain('depends on the time zone');
  });

  it('reports unknown fields with close names, and unusable fields', () => {
    expect(problemsOf('unitPrise * quantity')).toEqual([
      { code: 'formula.unknown-field', path: PATH, message: 'the formula uses "unitPrise", which is not a field of this entity', hint: 'did you mean unitPrice?' },
    ]);
    // Without the list of names, naming-style variants are still found through the lookup.
    expect(problemsOf('customerName', undefined)[0]?.hint).toBe('did you mean customer_name?');
    expect(problemsOf('zzz', undefined)[0]?.hint).toContain('check the spelling');
    expect(problemsOf('services == "x"')).toEqual([expect.objectContaining({ code: 'formula.unusable-field', message: 'the field "services" cannot be used in a formula' })]);
    expect(problemsOf('customer')[0]?.hint).toContain('other formula fields');
  });

  it('reports every independent mistake once', () => {
    expect(problemsOf('nmae + tilte').map((p) => p.code)).toEqual(['formula.unknown-field', 'formula.unknown-field']);
    expect(problemsOf('upper(nmae) + 1').map((p) => p.code)).toEqual(['formula.unknown-field']);
  });

  it('refuses what is outside the language, with what to write instead', () => {
    expect(problemsOf('customer.name')[0]).toMatchObject({ code: 'formula.member-access' });
    expect(problemsOf('[1, 2]')[0]).toMatchObject({ code: 'formula.array' });
    expect(problemsOf('active ? 1 : 2')[0]).toMatchObject({ code: 'formula.unsupported', hint: 'use if(active, 1, 2)' });
    expect(problemsOf('quantity % 2')[0]).toMatchObject({ code: 'formula.unsupported-operator', message: '"quantity % 2": % is not a formula operator' });
    expect(problemsOf('name === "a"')[0]).toMatchObject({ code: 'formula.unsupported-operator', hint: 'use ==' });
    expect(problemsOf('discount ?? 0')[0]).toMatchObject({ hint: 'use coalesce(a, b)' });
    expect(problemsOf('sum(quantity)')[0]).toMatchObject({ code: 'formula.unknown-function', message: '"sum(quantity)": sum is not a formula function' });
    expect(problemsOf('UPPER(name)')[0]).toMatchObject({ code: 'formula.unknown-function', hint: 'did you mean upper? Function names are case-sensitive' });
    expect(problemsOf('upper(name, title)')[0]).toMatchObject({ code: 'formula.arity', message: '"upper(name, title)": upper takes 1 argument, got 2', hint: 'upper(text)' });
    expect(problemsOf('coalesce(discount)')[0]).toMatchObject({ code: 'formula.arity', message: '"coalesce(discount)": coalesce takes at least 2 arguments, got 1' });
    expect(problemsOf('round(unitPrice, quantity)')[0]).toMatchObject({ code: 'formula.round-digits' });
    expect(problemsOf('round(unitPrice, 9)')[0]).toMatchObject({ code: 'formula.round-digits' });
    expect(problemsOf('round(unitPrice, 1.5)')[0]).toMatchObject({ code: 'formula.round-digits' });
    expect(problemsOf('quantity quantity')[0]).toMatchObject({ code: 'formula.syntax', message: 'a formula is one expression, but this has 2 side by side: quantity | quantity' });
    expect(problemsOf('quantity * 1e999999999')[0]).toMatchObject({ code: 'formula.number-out-of-range', message: 'the number 1e999999999 is out of range' });
  });

  it('refuses null where it can only give null', () => {
    expect(problemsOf('discount == null')[0]).toMatchObject({ code: 'formula.null-literal', hint: expect.stringContaining('coalesce(value, fallback)') });
    expect(problemsOf('quantity + null')[0]).toMatchObject({ code: 'formula.null-literal' });
    expect(problemsOf('upper(null)')[0]).toMatchObject({ code: 'formula.null-literal' });
    expect(problemsOf('null')[0]).toMatchObject({ code: 'formula.untyped' });
    expect(problemsOf('coalesce(null, null)')[0]).toMatchObject({ code: 'formula.untyped' });
  });

  it('reports syntax errors with their position', () => {
    expect(problemsOf('unitPrice * (quantity')).toEqual([
      expect.objectContaining({ code: 'formula.syntax', path: PATH, message: expect.stringMatching(/^the formula cannot be read at character 22: /) }),
    ]);
    expect(problemsOf('quantity +')[0]).toMatchObject({ code: 'formula.syntax', message: 'the formula cannot be read at character 11: Expected expression after +' });
    expect(problemsOf('"unclosed')[0]).toMatchObject({ code: 'formula.syntax' });
    expect(problemsOf('   ')[0]).toMatchObject({ code: 'formula.empty' });
    expect(problemsOf('1 + '.repeat(1001) + '1')[0]).toMatchObject({ code: 'formula.too-long' });
  });
});
