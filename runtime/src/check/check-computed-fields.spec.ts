import { describe, expect, it } from 'vitest';
import { problemsOfSet } from './testing/compile-problems.js';
import { compileModel } from '../compile/compile-model.js';
import { createBuiltinRegistry } from '../field-types/builtin-field-types.js';
import type { Problem } from '../problems/problem.js';

const registry = createBuiltinRegistry();

const FIELDS = [
  { key: 'full_name', name: 'fullName', type: 'text' },
  { key: 'unit_price', name: 'unitPrice', type: 'money' },
  { key: 'quantity', name: 'quantity', type: 'integer' },
  { key: 'customer', name: 'customer', type: 'reference', target: 'sales_order' },
];

function salesOrder(...fields: unknown[]) {
  return { entities: [{ kind: 'entity', key: 'sales_order', name: 'SalesOrder', fields: [...FIELDS, ...fields] }] };
}

const problemsOf = (input: unknown): Problem[] => problemsOfSet(input);

const formula = (expression: string, key = 'total') => ({ key, name: key, type: 'formula', expression });
const autonumber = (pattern: string, extra: Record<string, unknown> = {}) => ({ key: 'number', name: 'number', type: 'autonumber', pattern, ...extra });

describe('formulas, through compileModel', () => {
  it('reports a type error at .expression', () => {
    expect(problemsOf(salesOrder(formula('fullName + 1')))).toEqual([
      { code: 'formula.type-mismatch', path: 'entities[sales_order].fields[total].expression', message: '"fullName + 1": + does not join text', hint: 'use concat(fullName, 1)' },
    ]);
    expect(problemsOf(salesOrder(formula('unitPrice * unitPrice')))).toMatchObject([
      { code: 'formula.type-mismatch', path: 'entities[sales_order].fields[total].expression' },
    ]);
  });

  it('suggests the field a misspelt name meant', () => {
    const [problem] = problemsOf(salesOrder(formula('unitPrise * quantity')));
    expect(problem).toMatchObject({ code: 'formula.unknown-field', path: 'entities[sales_order].fields[total].expression' });
    expect(problem?.hint).toContain('unitPrice');
  });

  it('refuses fields formulas cannot read: relations and other formulas', () => {
    expect(problemsOf(salesOrder(formula('customer'))).map((p) => p.code)).toEqual(['formula.unusable-field']);
    expect(problemsOf(salesOrder(formula('unitPrice * quantity'), formula('total * 2', 'double'))).map((p) => [p.code, p.path])).toEqual([
      ['formula.unusable-field', 'entities[sales_order].fields[double].expression'],
    ]);
  });

  it('reports a syntax error', () => {
    expect(problemsOf(salesOrder(formula('unitPrice *')))).toMatchObject([{ code: 'formula.syntax', path: 'entities[sales_order].fields[total].expression' }]);
  });

  it('reports every broken formula at once', () => {
    expect(problemsOf(salesOrder(formula('fullName + 1', 'a'), formula('nothing', 'b'))).map((p) => [p.code, p.path])).toEqual([
      ['formula.type-mismatch', 'entities[sales_order].fields[a].expression'],
      ['formula.unknown-field', 'entities[sales_order].fields[b].expression'],
    ]);
  });

  it('compiles a formula that reads system fields', () => {
    const result = compileModel(salesOrder(formula('version + 1', 'next')), registry);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.entityByKey('sales_order')?.fieldByName('next')?.formula?.resultType).toBe('number');
  });
});

describe('autonumber patterns, through compileModel', () => {
  it('refuses a pattern without a sequence, at .pattern', () => {
    expect(problemsOf(salesOrder(autonumber('ORD-{YYYYMMDD}')))).toEqual([
      {
        code: 'autonumber.missing-seq',
        path: 'entities[sales_order].fields[number].pattern',
        message: 'pattern "ORD-{YYYYMMDD}" has no {seq:N}; every number needs one sequence part',
        hint: 'e.g. ORD-{YYYYMMDD}-{seq:6}',
      },
    ]);
  });

  it('refuses unknown tokens and unbalanced braces, with a hint', () => {
    expect(problemsOf(salesOrder(autonumber('ORD-{yyyymmdd}-{seq:6}')))).toMatchObject([
      { code: 'autonumber.unknown-token', path: 'entities[sales_order].fields[number].pattern', hint: 'date tokens are upper-case: {YYYYMMDD}' },
    ]);
    expect(problemsOf(salesOrder(autonumber('ORD-}{seq:6}')))).toEqual([
      {
        code: 'autonumber.unbalanced-braces',
        path: 'entities[sales_order].fields[number].pattern',
        message: 'pattern "ORD-}{seq:6}" has a } without a { before it (at character 5)',
        hint: 'e.g. ORD-{YYYYMMDD}-{seq:6}',
      },
    ]);
  });

  it('refuses numbers longer than the column', () => {
    expect(problemsOf(salesOrder(autonumber(`${'X'.repeat(60)}{seq:6}`)))).toMatchObject([
      { code: 'autonumber.too-long', path: 'entities[sales_order].fields[number].pattern' },
    ]);
  });

  it('refuses an unknown time zone', () => {
    expect(problemsOf(salesOrder(autonumber('ORD-{seq:6}', { timeZone: 'Asia/Beijing' })))).toMatchObject([
      { code: 'autonumber.invalid-time-zone', message: '"Asia/Beijing" is not a time zone', hint: 'use an IANA name such as Asia/Shanghai or UTC' },
    ]);
  });

  it('reports an unknown time zone at .timeZone', () => {
    expect(problemsOf(salesOrder(autonumber('ORD-{seq:6}', { timeZone: 'Asia/Beijing' })))).toMatchObject([
      { code: 'autonumber.invalid-time-zone', path: 'entities[sales_order].fields[number].timeZone' },
    ]);
  });
});
