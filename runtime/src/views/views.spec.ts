import { describe, expect, it } from 'vitest';
import { checkFilter } from './check-filter.js';
import { matchesFilter } from './evaluate-filter.js';
import { compileLines } from './testing/lines-model.js';
import { entityViews } from './views-section.js';

const compiled = compileLines({});
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const model = compiled.value;
const customer = model.entityByKey('customer')!;
const line = model.entityByKey('line')!;
const user = { id: 'u1', unitId: 'unit-cd', unitPath: ['group', 'sc', 'sc_cd'], roles: ['hall_clerk'] };

const lines = { c1: [{ msisdn: '13800000001', status: 'active', balance: '-12.00' }, { msisdn: '13800000002', status: 'closed', balance: '0.00' }] } as Record<string, Record<string, unknown>[]>;
const data = {
  list: (_e: unknown, _f: unknown, record: Readonly<Record<string, unknown>>) => lines[record['id'] as string] ?? [],
  reference: (_e: unknown, _f: unknown, record: Readonly<Record<string, unknown>>) => (record['customer'] === 'c1' ? { id: 'c1', name: 'Chengdu Metro', customerType: 'enterprise', city: '成都' } : null),
};

describe('the filter language: checked against an entity', () => {
  it('accepts what the API accepts, through references and related lists, with $user operands', () => {
    expect(checkFilter(model, line, { status: { in: ['active', 'suspended'] }, balance: { lt: '0' }, customer: { is: { city: { eq: '成都' } } }, or: [{ msisdn: { startsWith: '138' } }], not: { status: { eq: 'closed' } } }, 'filter')).toEqual([]);
    expect(checkFilter(model, customer, { lines: { some: { status: { eq: 'active' } } }, city: { ne: 'x' } }, 'filter')).toEqual([]);
  });

  it('names each bad part at its path: unknown fields, operators a type lacks, values it refuses, misused $user', () => {
    const problems = checkFilter(model, line, { stat: { eq: 'active' }, status: { eq: 'gone', startsWith: 'a' }, balance: { gt: 'lots' }, customer: { is: { town: { eq: 'x' } } }, msisdn: { eq: { $user: 'unitPath' } } }, 'views[arrears].filter');
    expect(problems.map((p) => `${p.code} @ ${p.path}`)).toEqual([
      'filter.unknown-field @ views[arrears].filter.stat',
      'filter.bad-value @ views[arrears].filter.status.eq',
      'filter.bad-operator @ views[arrears].filter.status.startsWith',
      'filter.bad-value @ views[arrears].filter.balance.gt',
      'filter.unknown-field @ views[arrears].filter.customer.is.town',
      'filter.bad-value @ views[arrears].filter.msisdn.eq',
    ]);
  });
});

describe('the filter language: evaluated in memory as SQL would answer', () => {
  const l = (values: Record<string, unknown>) => ({ msisdn: '1', status: null, balance: null, customer: null, ...values });
  it('compares money as numbers, never matches an empty value except with isNull (ne and notIn included)', () => {
    expect(matchesFilter(model, line, { balance: { lt: '0' } }, l({ balance: '-12.00' }))).toBe(true);
    expect(matchesFilter(model, line, { balance: { gte: '10' } }, l({ balance: '9.50' }))).toBe(false);
    expect(matchesFilter(model, line, { status: { ne: 'closed' } }, l({}))).toBe(false);
    expect(matchesFilter(model, line, { status: { notIn: ['closed'] } }, l({}))).toBe(false);
    expect(matchesFilter(model, line, { status: { isNull: true } }, l({}))).toBe(true);
  });

  it('answers with SQL\'s three values: the not of a comparison with an empty value is still no match', () => {
    expect(matchesFilter(model, line, { not: { status: { eq: 'closed' } } }, l({}))).toBe(false);
    expect(matchesFilter(model, line, { not: { status: { eq: 'closed' } } }, l({ status: 'active' }))).toBe(true);
    expect(matchesFilter(model, line, { or: [{ status: { eq: 'closed' } }, { msisdn: { eq: '1' } }] }, l({}))).toBe(true);
    expect(matchesFilter(model, line, { not: { or: [{ status: { eq: 'closed' } }, { msisdn: { eq: '2' } }] } }, l({}))).toBe(false);
    expect(matchesFilter(model, line, { status: { notIn: [] } }, l({}))).toBe(true);
    // A reference with no record behind it fails `is`, so its not holds.
    expect(matchesFilter(model, line, { not: { customer: { is: { city: { eq: 'x' } } } } }, l({}), { data })).toBe(true);
  });

  it('contains ignores case, startsWith does not; and, or, not combine', () => {
    const c = { name: 'Chengdu Metro', city: 'Chengdu', tags: ['vip'] };
    expect(matchesFilter(model, customer, { name: { contains: 'metro' } }, c)).toBe(true);
    expect(matchesFilter(model, customer, { name: { startsWith: 'chengdu' } }, c)).toBe(false);
    expect(matchesFilter(model, customer, { or: [{ city: { eq: 'Mianyang' } }, { tags: { hasAny: ['vip'] } }], not: { name: { eq: 'x' } } }, c)).toBe(true);
  });

  it('reads related records through the data given, and the user for $user operands', () => {
    expect(matchesFilter(model, customer, { lines: { some: { balance: { lt: '0' } } } }, { id: 'c1' }, { data })).toBe(true);
    expect(matchesFilter(model, customer, { lines: { none: { status: { eq: 'closed' } } } }, { id: 'c1' }, { data })).toBe(false);
    expect(matchesFilter(model, line, { customer: { is: { customerType: { eq: 'enterprise' } } } }, l({ customer: 'c1' }), { data })).toBe(true);
    expect(matchesFilter(model, customer, { city: { in: { $user: 'unitPath' } } }, { city: 'sc_cd' }, { user })).toBe(true);
    expect(matchesFilter(model, customer, { city: { in: { $user: 'unitPath' } } }, { city: 'sc_cd' })).toBe(false);
  });
});

describe('views', () => {
  const view = { kind: 'view', key: 'arrears', entity: 'line', columns: ['msisdn', 'balance'], filter: { balance: { lt: '0' } }, sort: [{ field: 'balance' }], sharedWith: { roles: ['collector'], units: ['sc_cd'] } };
  it('compile into the model per entity, shared by role and unit subtree', () => {
    const result = compileLines({ views: [view] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [arrears] = entityViews(result.value, 'line');
    expect(arrears).toMatchObject({ key: 'arrears', pageSize: 50, sort: [{ field: 'balance', direction: 'asc' }] });
    expect(arrears!.isSharedWith({ roles: ['collector'], unitPath: ['group', 'sc', 'sc_cd', 'sc_cd_wh'] })).toBe(true);
    expect(arrears!.isSharedWith({ roles: ['collector'], unitPath: ['group', 'sc', 'sc_my'] })).toBe(false);
  });

  it('refuse unknown columns, unsortable sorts and bad filters, and compile nothing', () => {
    const result = compileLines({ views: [{ ...view, columns: ['msisdn', 'balanse'], sort: [{ field: 'customer' }], filter: { balance: { lt: 'x' } } }] });
    expect(result.ok ? [] : result.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['view.unknown-field @ views[arrears].columns[1]', 'view.unsortable @ views[arrears].sort[0].field', 'filter.bad-value @ views[arrears].filter.balance.lt']);
  });
});
