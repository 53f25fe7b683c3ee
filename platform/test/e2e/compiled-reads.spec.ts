import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createCustomers, createProducts, createSubscriptions, publishModel } from '../support/crm-seed.js';
import { throughBothPaths } from '../support/both-read-paths.js';
import { countStatements } from '../support/statement-counter.js';

const DAY = 86_400_000;
const NAMES = ['张伟', '张敏', 'Alpha Telecom', 'ALPHANET', 'alphabet shop', '100% Fiber', 'a_b Mobile'];

/** 24 customers with every field type filled or left empty by turns, 30 subscriptions with plans. */
function customer(i: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    name: NAMES[i] ?? `Customer ${String(i).padStart(2, '0')}`,
    customerType: i % 4 === 0 ? 'enterprise' : 'individual',
    vip: i % 3 === 0,
    lineCount: i % 5,
    monthlySpend: (i * 12.5).toFixed(2),
    score: (i / 7).toFixed(3),
    customerSince: new Date(Date.UTC(2020, 0, 1) + i * 10 * DAY).toISOString().slice(0, 10),
    lastSeenAt: new Date(Date.UTC(2026, 0, 1) + i * 90 * 60_000 + i * 7).toISOString(),
    tags: i % 3 === 0 ? ['gold', 'rural'] : ['student'],
    extra: { tier: i, nested: { ok: i % 2 === 0 } },
    notes: `note ${i}`,
  };
  if (i % 6 === 5) for (const k of ['lineCount', 'monthlySpend', 'score', 'customerSince', 'tags', 'extra', 'notes']) delete c[k];
  return c;
}

const ALL_CUSTOMER_FIELDS = 'id createdAt updatedAt createdBy updatedBy ownerId orgUnitId version deletedAt name customerType idType idNumber phone email vip lineCount monthlySpend score customerSince lastSeenAt tags notes extra customerCode annualSpend';

describe('compiled reads: every read shape answers the same through one SQL statement as through the resolvers', () => {
  let lattice: TestPlatform;
  let customers: string[];
  let subscriptions: string[];
  const both = (query: string, variables?: Record<string, unknown>) => throughBothPaths(lattice, lattice.records, query, variables);

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
    customers = await createCustomers(lattice, Array.from({ length: 24 }, (_, i) => customer(i)));
    const products = await createProducts(lattice, [{ code: 'P1', title: '畅享套餐', monthlyFee: '99.00' }, { code: 'P2', title: '流量包', monthlyFee: '30.00' }]);
    subscriptions = await createSubscriptions(lattice, Array.from({ length: 30 }, (_, j) => ({
      msisdn: `1390000${String(j).padStart(4, '0')}`,
      customer: customers[j % 12],
      status: j % 5 === 0 ? 'suspended' : 'active',
      ...(j % 4 === 3 ? {} : { plan: products[`P${(j % 2) + 1}`] }),
      ...(j === 2 ? { addOns: [products['P2']] } : {}),
    })));
    await lattice.records(`mutation($id: ID!) { deleteCustomer(id: $id) { id } }`, { id: customers[23] });
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('reads a record by id with every field type, and a missing or deleted one as null', async () => {
    const { result, path } = await both(`query($id: ID!) { customer(id: $id) { ${ALL_CUSTOMER_FIELDS} } }`, { id: customers[3] });
    expect(path).toBe('compiled');
    expect(dataOf(result).customer).toMatchObject({ id: customers[3], name: 'ALPHANET', monthlySpend: '37.50', annualSpend: '450.00', tags: ['gold', 'rural'], extra: { tier: 3, nested: { ok: false } } });
    for (const [id, includeDeleted] of [[customers[5], false], [customers[23], false], [customers[23], true], ['00000000-0000-4000-8000-000000000000', false]] as const) {
      const read = await both(`query($id: ID!, $d: Boolean) { customer(id: $id, includeDeleted: $d) { id name monthlySpend customerSince lastSeenAt tags extra deletedAt } }`, { id, d: includeDeleted });
      expect(read.path).toBe('compiled');
    }
  });

  it('lists live, deleted-included and only-deleted records alike', async () => {
    for (const flags of [{}, { includeDeleted: true }, { onlyDeleted: true }]) {
      const { result, path } = await both(`query($i: Boolean, $o: Boolean) { customers(first: 50, includeDeleted: $i, onlyDeleted: $o) { totalCount nodes { id deletedAt } } }`, { i: (flags as { includeDeleted?: boolean }).includeDeleted, o: (flags as { onlyDeleted?: boolean }).onlyDeleted });
      expect(path).toBe('compiled');
      expect(dataOf(result).customers.totalCount).toBe('onlyDeleted' in flags ? 1 : 'includeDeleted' in flags ? 24 : 23);
    }
  });

  it('answers aliases, fragments, inline fragments, __typename, @skip and @include as GraphQL does', async () => {
    const query = `query($id: ID!, $withSubs: Boolean!, $noName: Boolean!) {
      __typename
      v: metadataVersion
      one: customer(id: $id) { ...Basics kind: __typename ... on Customer { vip name } spend: monthlySpend name @skip(if: $noName) }
      two: customer(id: $id) { id subscriptions @include(if: $withSubs) { msisdn ...Sub } }
      customers(first: 3, orderBy: [{ field: name }]) { __typename totalCount nodes { ...Basics } pageInfo { __typename hasNextPage endCursor } }
    }
    fragment Basics on Customer { id name customerType }
    fragment Sub on Subscription { status plan { code } }`;
    for (const vars of [{ withSubs: true, noName: false }, { withSubs: false, noName: true }]) {
      const { path } = await both(query, { id: customers[1], ...vars });
      expect(path).toBe('compiled');
    }
  });

  it('answers an operation that reads no record without a statement, the same as the resolvers', async () => {
    const query = '{ __typename v: metadataVersion again: metadataVersion }';
    await lattice.records(query); // the token's check is kept from here on
    const read = await both(query);
    expect(read.path).toBe('compiled');
    expect(dataOf(read.result)).toEqual({ __typename: 'Query', v: lattice.live.version, again: lattice.live.version });
    const { result, statements } = await countStatements(() => lattice.records(query));
    expect(dataOf(result)).toEqual(dataOf(read.result));
    // No read statement (the compiled ones build JSON); the timers' poll and sweep may run beside the request.
    expect(statements.filter((s) => /json_build_object/i.test(s))).toEqual([]);
  });

  it('pages through lists forwards and backwards with the same cursors, page info and total counts', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String, $o: [CustomerOrderBy!], $f: CustomerFilter) {
      customers(first: $first, after: $after, last: $last, before: $before, orderBy: $o, filter: $f) {
        totalCount edges { cursor node { id name monthlySpend } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const o of [[{ field: 'name' }], [{ field: 'monthlySpend', direction: 'DESC' }, { field: 'name' }], [{ field: 'lastSeenAt', direction: 'DESC' }], [{ field: 'lineCount' }, { field: 'vip', direction: 'DESC' }], undefined]) {
      let after: string | null = null;
      let pages = 0;
      do {
        const { result, path } = await both(page, { first: 5, after, o });
        expect(path).toBe('compiled');
        const connection = dataOf(result).customers;
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(pages).toBe(5);
      const { result } = await both(page, { last: 4, o });
      const back = await both(page, { last: 4, before: dataOf(result).customers.pageInfo.startCursor, o });
      expect(back.path).toBe('compiled');
      expect(dataOf(back.result).customers.edges).toHaveLength(4);
    }
    // A date sort pages on: its cursor holds the date's midnight, which the cursor check reads as the date.
    const bySince = `query($first: Int, $after: String, $o: [CustomerOrderBy!]) { customers(first: $first, after: $after, orderBy: $o) { edges { node { id customerSince } } pageInfo { endCursor } } }`;
    const first = await both(bySince, { first: 5, o: [{ field: 'customerSince' }] });
    expect(first.path).toBe('compiled');
    const second = await both(bySince, { first: 5, after: dataOf(first.result).customers.pageInfo.endCursor, o: [{ field: 'customerSince' }] });
    expect(second.path).toBe('compiled');
    const dates = [...dataOf(first.result).customers.edges, ...dataOf(second.result).customers.edges].map((e: { node: { customerSince: string } }) => e.node.customerSince);
    expect(dates).toHaveLength(10);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(10);
  });

  it('filters with the one condition language: text, numbers, dates, lists, through references and related lists', async () => {
    const list = `query($f: CustomerFilter) { customers(filter: $f, first: 50, orderBy: [{ field: name }]) { totalCount nodes { name } } }`;
    const filters = [
      { name: { contains: 'alpha' } },
      { name: { startsWith: '张' } },
      { or: [{ vip: { eq: true } }, { lineCount: { gte: 3 } }] },
      { not: { customerType: { eq: 'enterprise' } } },
      { monthlySpend: { lt: '100' }, customerSince: { gte: '2020-02-01' } },
      { tags: { hasAny: ['gold'] } },
      { tags: { isNull: true } },
      { lastSeenAt: { gt: '2026-01-01T10:00:00.000Z' } },
      { subscriptions: { some: { status: { eq: 'suspended' } } } },
      { id: { in: customers.slice(0, 4) } },
    ];
    for (const f of filters) {
      const { path } = await both(list, { f });
      expect(path, JSON.stringify(f)).toBe('compiled');
    }
    const subs = `query($f: SubscriptionFilter) { subscriptions(filter: $f, first: 50) { totalCount nodes { msisdn customer { name vip } plan { code monthlyFee } } } }`;
    for (const f of [{ customer: { is: { vip: { eq: true } } } }, { plan: { isNull: true } }, { status: { in: ['suspended'] } }]) {
      const { path } = await both(subs, { f });
      expect(path).toBe('compiled');
    }
  });

  it('reads references and inverse lists of a whole page in one statement, nested', async () => {
    const { result, path } = await both(`{ customers(first: 30, orderBy: [{ field: name }]) { nodes { name subscriptions { msisdn status plan { code title monthlyFee } customer { name } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(path).toBe('compiled');
    const nodes = dataOf(result).customers.nodes as { subscriptions: unknown[] }[];
    expect(nodes.filter((n) => n.subscriptions.length).length).toBe(12);
    const one = await both(`query($id: ID!) { subscription(id: $id) { msisdn customer { name customerSince lastSeenAt } plan { code } } }`, { id: subscriptions[3] });
    expect(one.path).toBe('compiled');
  });

  it('refuses what the resolvers refuse with the same errors: bad cursor, page too large, bad id, bad filter, unknown sort', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`query($a: String) { customers(first: 2, after: $a) { nodes { id } } }`, { a: 'not-a-cursor' }],
      [`query { customers(first: 100000) { nodes { id } } }`, {}],
      [`query($id: ID!) { customer(id: $id) { id } }`, { id: 'nope' }],
      [`query($f: CustomerFilter) { customers(filter: $f) { nodes { id } } }`, { f: { lineCount: { contains: 'x' } } }],
      [`query($f: CustomerFilter) { customers(filter: $f) { nodes { id } } }`, { f: { name: { eq: 5 } } }],
      [`query($id: ID!) { ok: customer(id: $id) { id } bad: customers(first: -1) { nodes { id } } }`, { id: customers[0] }],
    ];
    for (const [query, variables] of cases) {
      const { result, path } = await both(query, variables);
      expect(result.errors?.length, query).toBeGreaterThan(0);
      expect(path).not.toBe('compiled');
    }
  });

  it('names the fallback of what it does not compile, and answers it through the resolvers', async () => {
    expect((await both(`query($id: ID!) { subscription(id: $id) { msisdn addOns { code } } }`, { id: subscriptions[2] })).path).toBe('many-to-many');
    expect((await both(`{ effectiveMetadata }`)).path).toBe('root-field');
    expect((await both(`{ customers(first: 2) { a: nodes { id } b: nodes { name } } }`)).path).toBe('aliased-connection-part');
    const longKey = `k${'x'.repeat(63)}`;
    expect((await both(`query($id: ID!) { customer(id: $id) { id ${longKey}: name } }`, { id: customers[1] })).path).toBe('long-response-key');
    const roots = Array.from({ length: 51 }, (_, i) => `r${i}: customer(id: $id) { id }`).join(' ');
    expect((await both(`query($id: ID!) { ${roots} }`, { id: customers[1] })).path).toBe('wide-selection');
  });

  it('compiles a record of 60 response keys, its text the resolvers’ to the byte', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}: ${['name', 'phone', 'idNumber', 'lineCount', 'lastSeenAt', 'tags'][i % 6]}`).join(' ');
    const { result, path } = await both(`query($id: ID!) { customer(id: $id) { id ${keys} subscriptions { msisdn plan { code } } } }`, { id: customers[0] });
    expect(path).toBe('compiled');
    expect(Object.keys(dataOf(result).customer)).toHaveLength(62);
  });

  it('takes the resolvers when switched off, and compiles each operation once per version', async () => {
    lattice.compiledReads.enabled = false;
    const before = lattice.compiledReads.stats.fallback['switched-off'];
    await lattice.records(`{ customers(first: 1) { nodes { id } } }`);
    expect(lattice.compiledReads.stats.fallback['switched-off']).toBe(before + 1);
    lattice.compiledReads.enabled = true;
    const compiled = lattice.compiledReads.stats.compiled;
    await Promise.all(Array.from({ length: 20 }, () => lattice.records(`{ customers(first: 1) { nodes { id } } }`)));
    expect(lattice.compiledReads.stats.compiled).toBe(compiled + 20);
  });
});
