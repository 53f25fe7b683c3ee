import { describe, expect, it } from 'vitest';
import { compilesSet, problemsOfSet } from './testing/compile-problems.js';
import type { Problem } from '../problems/problem.js';


function entity(key: string, name: string, fields: unknown[] = [], extra: Record<string, unknown> = {}) {
  return { kind: 'entity', key, name, fields, ...extra };
}

const problemsOf = (...entities: unknown[]): Problem[] => problemsOfSet({ entities });
const compiles = (...entities: unknown[]): boolean => compilesSet({ entities });

/** The one problem expected, checked for code and path, with a message and a hint. */
function onlyProblem(problems: Problem[], code: string, path: string): Problem {
  expect(problems.map((p) => [p.code, p.path])).toEqual([[code, path]]);
  const [problem] = problems;
  expect(problem?.message).toBeTruthy();
  expect(problem?.hint).toBeTruthy();
  return problem!;
}

describe('entity names', () => {
  it('must be PascalCase letters and digits', () => {
    onlyProblem(problemsOf(entity('customer', 'customer')), 'entity.bad-name', 'entities[customer].name');
    onlyProblem(problemsOf(entity('order_item', 'Order_Item')), 'entity.bad-name', 'entities[order_item].name');
    onlyProblem(problemsOf(entity('customer', '客户')), 'entity.bad-name', 'entities[customer].name');
    expect(compiles(entity('order_item', 'OrderItem'), entity('sim_card', 'SimCard2'))).toBe(true);
  });

  it('must not be reserved: SQL words, API type names, anything starting with Lattice', () => {
    const reserved = onlyProblem(problemsOf(entity('select', 'Select')), 'entity.reserved-name', 'entities[select].name');
    expect(reserved.message).toBe('Entity name "Select" is reserved');
    onlyProblem(problemsOf(entity('lattice_user', 'LatticeUser')), 'entity.reserved-name', 'entities[lattice_user].name');
    onlyProblem(problemsOf(entity('order', 'Order')), 'entity.reserved-name', 'entities[order].name');
    onlyProblem(problemsOf(entity('user', 'User')), 'entity.reserved-name', 'entities[user].name');
    onlyProblem(problemsOf(entity('page_info', 'PageInfo')), 'entity.reserved-name', 'entities[page_info].name');
  });

  it('needs a camelCase plural different from the singular', () => {
    onlyProblem(problemsOf(entity('customer', 'Customer', [], { pluralName: 'Customers' })), 'entity.bad-name', 'entities[customer].pluralName');
    onlyProblem(problemsOf(entity('sheep', 'Sheep', [], { pluralName: 'sheep' })), 'entity.plural-equals-name', 'entities[sheep].pluralName');
    expect(compiles(entity('person', 'Person', [], { pluralName: 'people' }))).toBe(true);
  });

  it('refuses a duplicate entity key on the later entity', () => {
    const problem = onlyProblem(problemsOf(entity('customer', 'Customer'), entity('customer', 'Client')), 'entity.duplicate-key', 'entities[customer].key');
    expect(problem.message).toBe('Entity key "customer" is used twice (first at entities[customer])');
  });

  it('refuses a duplicate entity name, whatever its case, with the table it would share', () => {
    // Tables are snake_case names, so two names share a table exactly when
    // they are equal ignoring case: both problems are reported.
    const problems = problemsOf(entity('customer', 'Customer'), entity('client', 'CUSTOMER'));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['entity.duplicate-name', 'entities[client].name'],
      ['entity.duplicate-table', 'entities[client].name'],
    ]);
    expect(problems[1]?.message).toBe('Table "customer" is used twice (first at entities[customer])');
    expect(problems.every((p) => p.hint)).toBe(true);
  });

  it('refuses a duplicate plural query name', () => {
    const problem = onlyProblem(
      problemsOf(entity('customer', 'Customer'), entity('client', 'Client', [], { pluralName: 'customers' })),
      'entity.duplicate-plural',
      'entities[client].pluralName',
    );
    expect(problem.message).toBe('Query name "customers" is used twice (first at entities[customer])');
  });
});

describe('field names', () => {
  const customer = (...fields: unknown[]) => entity('customer', 'Customer', fields);

  it('must be camelCase letters and digits', () => {
    onlyProblem(problemsOf(customer({ key: 'phone', name: 'Phone', type: 'phone' })), 'field.bad-name', 'entities[customer].fields[phone].name');
    onlyProblem(problemsOf(customer({ key: 'id_number', name: 'id_number', type: 'text' })), 'field.bad-name', 'entities[customer].fields[id_number].name');
    onlyProblem(problemsOf(customer({ key: 'x', name: 'x'.repeat(49), type: 'text' })), 'field.bad-name', 'entities[customer].fields[x].name');
  });

  it('must not be reserved words, in any case', () => {
    const problem = onlyProblem(problemsOf(customer({ key: 'chosen', name: 'select', type: 'text' })), 'field.reserved-name', 'entities[customer].fields[chosen].name');
    expect(problem.message).toBe('Field name "select" is a reserved word');
    onlyProblem(problemsOf(customer({ key: 'grp', name: 'group', type: 'text' })), 'field.reserved-name', 'entities[customer].fields[grp].name');
    onlyProblem(problemsOf(customer({ key: 'ctor', name: 'constructor', type: 'text' })), 'field.reserved-name', 'entities[customer].fields[ctor].name');
    onlyProblem(problemsOf(customer({ key: 'page', name: 'pageInfo', type: 'text' })), 'field.reserved-name', 'entities[customer].fields[page].name');
  });

  it('must not take a system field name', () => {
    const problem = onlyProblem(problemsOf(customer({ key: 'created', name: 'createdAt', type: 'datetime' })), 'field.system-name', 'entities[customer].fields[created].name');
    expect(problem.message).toContain('system field');
  });

  it('must not take a system field key', () => {
    const problems = problemsOf(customer({ key: 'owner_id', name: 'accountOwner', type: 'text' }));
    expect(problems[0]).toMatchObject({ code: 'field.system-key', path: 'entities[customer].fields[owner_id].key', message: 'Field key "owner_id" belongs to a system field', hint: 'Choose another key' });
  });

  it('reports a field using a system key once', () => {
    const problems = problemsOf(customer({ key: 'owner_id', name: 'accountOwner', type: 'text' }));
    expect(problems.map((p) => p.code)).toEqual(['field.system-key']);
  });

  it('refuses a duplicate field key', () => {
    const problem = onlyProblem(
      problemsOf(customer({ key: 'phone', name: 'phone', type: 'phone' }, { key: 'phone', name: 'mobile', type: 'phone' })),
      'field.duplicate-key',
      'entities[customer].fields[phone].key',
    );
    expect(problem.message).toBe('Field key "phone" is used twice (first at entities[customer].fields[phone])');
  });

  it('refuses field names equal ignoring case', () => {
    onlyProblem(
      problemsOf(customer({ key: 'phone_a', name: 'phoneNumber', type: 'phone' }, { key: 'phone_b', name: 'phonenumber', type: 'phone' })),
      'field.duplicate-name',
      'entities[customer].fields[phone_b].name',
    );
  });

  it('refuses two fields that would share a column, such as a reference owner and the system owner_id', () => {
    const problem = onlyProblem(
      problemsOf(customer({ key: 'owner', name: 'owner', type: 'reference', target: 'customer' })),
      'field.duplicate-column',
      'entities[customer].fields[owner].name',
    );
    expect(problem.message).toBe('Column "owner_id" is used twice (first at entities[customer].systemFields[owner_id])');

    onlyProblem(
      problemsOf(customer({ key: 'region_code', name: 'regionId', type: 'text' }, { key: 'region', name: 'region', type: 'reference', target: 'customer' })),
      'field.duplicate-column',
      'entities[customer].fields[region].name',
    );
  });

  it('lets fields without a column share the name pattern of a column', () => {
    // referredCustomers (manyToMany) has no column, so nothing clashes with it.
    expect(
      compiles(
        entity('customer', 'Customer', [
          { key: 'referred', name: 'referred', type: 'reference', target: 'customer' },
          { key: 'referred_list', name: 'referredId', type: 'manyToMany', target: 'customer' },
        ]),
      ),
    ).toBe(true);
  });

  it('reports every name problem at once, across fields and entities', () => {
    const problems = problemsOf(
      entity('customer', 'Customer', [
        { key: 'a', name: 'Bad', type: 'text' },
        { key: 'b', name: 'select', type: 'text' },
      ]),
      entity('lattice_thing', 'LatticeThing'),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['entity.reserved-name', 'entities[lattice_thing].name'],
      ['field.bad-name', 'entities[customer].fields[a].name'],
      ['field.reserved-name', 'entities[customer].fields[b].name'],
    ]);
  });
});
