import { describe, expect, it } from 'vitest';
import { compilesSet, problemsOfSet } from './testing/compile-problems.js';
import type { Problem } from '../problems/problem.js';


const ORDER = {
  kind: 'entity',
  key: 'sales_order',
  name: 'SalesOrder',
  fields: [
    { key: 'customer', name: 'customer', type: 'reference', target: 'customer' },
    { key: 'amount', name: 'amount', type: 'money' },
  ],
};

const ORDERS = { key: 'orders', name: 'orders', type: 'oneToMany', target: 'sales_order', inverseOf: 'customer' };

function customer(fields: unknown[], extra: Record<string, unknown> = {}) {
  return { kind: 'entity', key: 'customer', name: 'Customer', fields, ...extra };
}

const problemsOf = (...entities: unknown[]): Problem[] => problemsOfSet({ entities: [...entities, ORDER] });
const compiles = (...entities: unknown[]): boolean => compilesSet({ entities: [...entities, ORDER] });

function onlyProblem(problems: Problem[], code: string, path: string): Problem {
  expect(problems.map((p) => [p.code, p.path])).toEqual([[code, path]]);
  expect(problems[0]?.message).toBeTruthy();
  expect(problems[0]?.hint).toBeTruthy();
  return problems[0]!;
}

describe('unique and indexed need a column', () => {
  it('refuses indexed on a oneToMany, at the field', () => {
    const problem = onlyProblem(problemsOf(customer([{ ...ORDERS, indexed: true }])), 'field.constraint-without-column', 'entities[customer].fields[orders]');
    expect(problem.message).toBe('Field "orders" (oneToMany) has no column, so it cannot be unique or indexed');
  });

  it('refuses unique on a oneToMany', () => {
    const problems = problemsOf(customer([{ ...ORDERS, unique: true }]));
    expect(problems[0]).toMatchObject({ code: 'field.constraint-without-column', path: 'entities[customer].fields[orders]', hint: 'Remove unique/indexed from this field' });
  });

  it('reports unique on a oneToMany once', () => {
    expect(problemsOf(customer([{ ...ORDERS, unique: true }])).map((p) => p.code)).toEqual(['field.constraint-without-column']);
  });

  it('refuses indexed on a manyToMany', () => {
    onlyProblem(problemsOf(customer([{ key: 'regions', name: 'regions', type: 'manyToMany', target: 'customer', indexed: true }])), 'field.constraint-without-column', 'entities[customer].fields[regions]');
  });

  it('refuses unique on a list that has a column', () => {
    const problem = onlyProblem(
      problemsOf(customer([{ key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'mobile' }], unique: true }])),
      'field.unique-list',
      'entities[customer].fields[services].unique',
    );
    expect(problem.message).toBe('Field "services" holds a list and cannot be unique');
  });

  it('accepts unique and indexed on stored fields, formulas included', () => {
    expect(
      compiles(
        customer([
          { key: 'phone', name: 'phone', type: 'phone', unique: true },
          { key: 'credit', name: 'credit', type: 'money', indexed: true },
          { key: 'double_credit', name: 'doubleCredit', type: 'formula', expression: 'credit * 2', indexed: true },
        ]),
      ),
    ).toBe(true);
  });
});

describe('computed fields', () => {
  it('refuses required on a formula, an autonumber and a oneToMany, at .required', () => {
    const problems = problemsOf(
      customer([
        { key: 'credit', name: 'credit', type: 'money' },
        { key: 'double_credit', name: 'doubleCredit', type: 'formula', expression: 'credit * 2', required: true },
        { key: 'number', name: 'number', type: 'autonumber', pattern: 'C{seq:8}', required: true },
        { ...ORDERS, required: true },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['field.required-read-only', 'entities[customer].fields[double_credit].required'],
      ['field.required-read-only', 'entities[customer].fields[number].required'],
      ['field.required-read-only', 'entities[customer].fields[orders].required'],
    ]);
    expect(problems[0]).toMatchObject({ message: 'Field "doubleCredit" (formula) is computed, so "required" has no meaning', hint: 'Remove required from this field' });
  });

  it('refuses a default on a computed field', () => {
    const problems = problemsOf(
      customer([
        { key: 'number', name: 'number', type: 'autonumber', pattern: 'C{seq:8}', default: 'C00000001' },
        { ...ORDERS, default: [] },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['field.default-read-only', 'entities[customer].fields[number].default'],
      ['field.default-read-only', 'entities[customer].fields[orders].default'],
    ]);
    expect(problems.every((p) => p.message && p.hint === 'Remove the default')).toBe(true);
  });
});

describe('defaults', () => {
  it('refuses a picklist default that is not an option, with the near option as hint', () => {
    const problem = onlyProblem(
      problemsOf(customer([{ key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }, { value: 'personal' }], default: 'Business' }])),
      'field.bad-default',
      'entities[customer].fields[segment].default',
    );
    expect(problem.message).toBe('Default of "segment" is not a valid value: "Business" is not an option; allowed: business, personal');
    expect(problem.hint).toBe('did you mean "business"?');
  });

  it('refuses defaults that do not decode or do not meet the settings', () => {
    const problems = problemsOf(
      customer([
        { key: 'credit', name: 'credit', type: 'money', default: '1.005' },
        { key: 'code', name: 'code', type: 'text', maxLength: 3, default: 'ABCD' },
        { key: 'months', name: 'months', type: 'integer', default: 'twelve' },
        { key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'mobile' }], default: ['mobile', 'iptv'] },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['field.bad-default', 'entities[customer].fields[credit].default'],
      ['field.bad-default', 'entities[customer].fields[code].default'],
      ['field.bad-default', 'entities[customer].fields[months].default'],
      ['field.bad-default', 'entities[customer].fields[services].default'],
    ]);
    expect(problems[0]?.message).toContain('"1.005" has 3 decimal places');
    expect(problems[0]?.hint).toBeTruthy();
  });

  it('accepts valid defaults and a null default', () => {
    expect(
      compiles(
        customer([
          { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }], default: 'business' },
          { key: 'credit', name: 'credit', type: 'money', default: 100 },
          { key: 'note', name: 'note', type: 'text', default: null },
        ]),
      ),
    ).toBe(true);
  });
});

describe('indexes', () => {
  const withIndexes = (indexes: unknown[]) =>
    customer(
      [
        { key: 'full_name', name: 'fullName', type: 'text' },
        { key: 'phone', name: 'phone', type: 'phone' },
        ORDERS,
      ],
      { indexes },
    );

  it('refuses an unknown field, listing the field keys', () => {
    const problem = onlyProblem(problemsOf(withIndexes([{ key: 'by_name', fields: ['name'] }])), 'index.unknown-field', 'entities[customer].indexes[by_name].fields');
    expect(problem.message).toBe('Index "by_name" names field "name", which this entity does not have');
    expect(problem.hint).toBe('Fields are named by key: id, created_at, updated_at, created_by, updated_by, owner_id, org_unit_id, version, deleted_at, full_name, phone, orders');
  });

  it('refuses a oneToMany', () => {
    onlyProblem(problemsOf(withIndexes([{ key: 'by_orders', fields: ['orders'] }])), 'index.field-without-column', 'entities[customer].indexes[by_orders].fields');
  });

  it('refuses a field named twice', () => {
    const problem = onlyProblem(problemsOf(withIndexes([{ key: 'by_phone', fields: ['phone', 'full_name', 'phone'] }])), 'index.repeated-field', 'entities[customer].indexes[by_phone].fields');
    expect(problem.message).toBe('Index "by_phone" names "phone" twice');
  });

  it('refuses a repeated index key', () => {
    onlyProblem(
      problemsOf(withIndexes([{ key: 'by_phone', fields: ['phone'] }, { key: 'by_phone', fields: ['full_name'] }])),
      'index.duplicate-key',
      'entities[customer].indexes[by_phone].key',
    );
  });

  it('accepts stored fields, system fields included', () => {
    expect(compiles(withIndexes([{ key: 'by_owner', fields: ['owner_id', 'created_at', 'full_name'], unique: true }]))).toBe(true);
  });
});

describe('titleField', () => {
  it('refuses an unknown field', () => {
    const problem = onlyProblem(problemsOf(customer([{ key: 'full_name', name: 'fullName', type: 'text' }], { titleField: 'name' })), 'entity.unknown-title-field', 'entities[customer].titleField');
    expect(problem.message).toBe('Title field "name" is not a field of "customer"');
  });

  it('refuses a list or a relation', () => {
    onlyProblem(problemsOf(customer([ORDERS], { titleField: 'orders' })), 'entity.bad-title-field', 'entities[customer].titleField');
    onlyProblem(
      problemsOf(customer([{ key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'mobile' }] }], { titleField: 'services' })),
      'entity.bad-title-field',
      'entities[customer].titleField',
    );
    onlyProblem(
      problemsOf(customer([{ key: 'referrer', name: 'referrer', type: 'reference', target: 'customer' }], { titleField: 'referrer' })),
      'entity.bad-title-field',
      'entities[customer].titleField',
    );
  });
});
