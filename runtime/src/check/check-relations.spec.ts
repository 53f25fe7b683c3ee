import { describe, expect, it } from 'vitest';
import { compilesSet, problemsOfSet } from './testing/compile-problems.js';
import type { Problem } from '../problems/problem.js';


function entity(key: string, name: string, fields: unknown[] = []) {
  return { kind: 'entity', key, name, fields };
}

const problemsOf = (...entities: unknown[]): Problem[] => problemsOfSet({ entities });
const compiles = (...entities: unknown[]): boolean => compilesSet({ entities });

const reference = (key: string, name: string, target: string, extra: Record<string, unknown> = {}) => ({ key, name, type: 'reference', target, ...extra });

describe('relation targets', () => {
  it('refuses a reference to an entity that does not exist, listing the entity keys', () => {
    const problems = problemsOf(entity('customer', 'Customer'), entity('sales_order', 'SalesOrder', [reference('customer', 'customer', 'client')]));
    expect(problems).toEqual([
      {
        code: 'relation.dangling',
        path: 'entities[sales_order].fields[customer].target',
        message: 'Field "customer" points at entity "client", which does not exist',
        hint: 'Use one of: customer, sales_order',
      },
    ]);
  });

  it('refuses dangling lists too', () => {
    const problems = problemsOf(
      entity('customer', 'Customer', [
        { key: 'orders', name: 'orders', type: 'oneToMany', target: 'sales_order', inverseOf: 'customer' },
        { key: 'regions', name: 'regions', type: 'manyToMany', target: 'region' },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['relation.dangling', 'entities[customer].fields[orders].target'],
      ['relation.dangling', 'entities[customer].fields[regions].target'],
    ]);
    expect(problems.every((p) => p.hint === 'Use one of: customer')).toBe(true);
  });
});

describe('oneToMany inverseOf', () => {
  const order = entity('sales_order', 'SalesOrder', [reference('buyer', 'buyer', 'customer'), { key: 'note', name: 'note', type: 'text' }]);
  const customerWith = (inverseOf: string) => entity('customer', 'Customer', [{ key: 'orders', name: 'orders', type: 'oneToMany', target: 'sales_order', inverseOf }]);

  it('accepts a reference on the target that points back', () => {
    expect(compiles(customerWith('buyer'), order)).toBe(true);
  });

  it('refuses a missing field, suggesting the references that point back', () => {
    expect(problemsOf(customerWith('customer'), order)).toEqual([
      {
        code: 'relation.inverse-missing',
        path: 'entities[customer].fields[orders].inverseOf',
        message: 'Entity "sales_order" has no field "customer"',
        hint: 'Use one of: buyer',
      },
    ]);
  });

  it('says which reference to add when none points back', () => {
    const [problem] = problemsOf(customerWith('customer'), entity('sales_order', 'SalesOrder'));
    expect(problem).toMatchObject({ code: 'relation.inverse-missing', hint: 'Add a reference field on "sales_order" that targets "customer"' });
  });

  it('refuses a field that is not a reference back: another type, a reference elsewhere, a system field', () => {
    const mismatch = { code: 'relation.inverse-mismatch', path: 'entities[customer].fields[orders].inverseOf' };
    const [problem] = problemsOf(customerWith('note'), order);
    expect(problem).toMatchObject(mismatch);
    expect(problem?.message).toBe('Field "sales_order.note" is not a reference to "customer"');
    expect(problem?.hint).toContain('points back');

    const elsewhere = entity('sales_order', 'SalesOrder', [reference('shop', 'shop', 'sales_order')]);
    expect(problemsOf(customerWith('shop'), elsewhere)).toMatchObject([mismatch]);
    expect(problemsOf(customerWith('owner_id'), order)).toMatchObject([mismatch]);
  });
});

describe('references', () => {
  it('refuses onDelete setNull on a required reference, at .onDelete', () => {
    const problems = problemsOf(entity('customer', 'Customer'), entity('sales_order', 'SalesOrder', [reference('customer', 'customer', 'customer', { required: true, onDelete: 'setNull' })]));
    expect(problems).toEqual([
      {
        code: 'relation.set-null-required',
        path: 'entities[sales_order].fields[customer].onDelete',
        message: 'Required reference "customer" cannot be set to null when its target is deleted',
        hint: expect.stringContaining('restrict or cascade'),
      },
    ]);
  });

  it('accepts setNull on an optional reference and cascade on a required one', () => {
    expect(
      compiles(
        entity('customer', 'Customer'),
        entity('sales_order', 'SalesOrder', [
          reference('customer', 'customer', 'customer', { required: true, onDelete: 'cascade' }),
          reference('referrer', 'referrer', 'customer', { onDelete: 'setNull' }),
        ]),
      ),
    ).toBe(true);
  });
});

describe('required reference cycles', () => {
  it('refuses A → B → A, naming every reference of the cycle', () => {
    const problems = problemsOf(
      entity('customer', 'Customer', [reference('account', 'account', 'account', { required: true })]),
      entity('account', 'Account', [reference('holder', 'holder', 'customer', { required: true })]),
    );
    expect(problems).toEqual([
      {
        code: 'relation.required-cycle',
        path: 'entities[account].fields[holder]',
        message: 'Required references form a cycle: entities[customer].fields[account] → entities[account].fields[holder]',
        hint: 'Make one reference in the cycle optional so a first record can be created',
      },
    ]);
  });

  it('refuses a required reference to its own entity', () => {
    expect(problemsOf(entity('org_unit', 'Branch', [reference('parent', 'parent', 'org_unit', { required: true })]))).toEqual([
      {
        code: 'relation.required-cycle',
        path: 'entities[org_unit].fields[parent]',
        message: 'Required references form a cycle: entities[org_unit].fields[parent]',
        hint: expect.any(String),
      },
    ]);
  });

  it('refuses a longer cycle once', () => {
    const problems = problemsOf(
      entity('a', 'Alpha', [reference('b', 'b', 'b', { required: true })]),
      entity('b', 'Beta', [reference('c', 'c', 'c', { required: true })]),
      entity('c', 'Gamma', [reference('a', 'a', 'a', { required: true })]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([['relation.required-cycle', 'entities[c].fields[a]']]);
    expect(problems[0]?.message).toContain('entities[a].fields[b] → entities[b].fields[c] → entities[c].fields[a]');
  });

  it('accepts a cycle with one optional reference, and chains without a cycle', () => {
    expect(
      compiles(
        entity('customer', 'Customer', [reference('account', 'primaryAccount', 'account')]),
        entity('account', 'Account', [reference('holder', 'holder', 'customer', { required: true })]),
        entity('org_unit', 'Branch', [reference('parent', 'parent', 'org_unit')]),
        entity('sim', 'Sim', [reference('account', 'account', 'account', { required: true })]),
      ),
    ).toBe(true);
  });
});
