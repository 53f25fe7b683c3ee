import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { createCustomers, createProducts, createSubscriptions, errorOf, publishModel, publishReviewed } from '../support/crm-seed.js';
import { countStatements } from '../support/statement-counter.js';

/** `subscriptions { nodes { customer { subscriptions { … id } } } }` with `hops` customer/subscriptions hops. */
function nested(hops: number): string {
  let inner = 'id';
  for (let i = hops - 1; i >= 0; i--) inner = i % 2 === 0 ? `customer { ${inner} }` : `subscriptions { ${inner} }`;
  return `query Deep { subscriptions(first: 1) { nodes { ${inner} } } }`;
}

/** Costs 500 × 11 = 5500: 1 per field (nodes and 10 fields), times the page size on `customers`. */
const COSTLY = `{ customers(first: 500) { nodes { id name customerCode customerType phone email vip lineCount monthlySpend notes } } }`;
/** A related list counts as 10 records: 50 × (nodes + id + 10 × (id + customer + 10 × id)) = 50 × 122 = 6100. */
const NESTED = `{ customers(first: 50) { nodes { id subscriptions { id customer { subscriptions { id } } } } } }`;

/** What the node runs beside requests (the timers' poll, the deferred drops' sweep, their transactions): not a request's statements. */
const BESIDE_REQUESTS = /pgboss\.|lattice_deferred_drop|pg_try_advisory_xact_lock|set local lock_timeout|^\s*(begin|commit|rollback)\s*$/i;
const ofTheRequest = (statements: readonly string[]) => statements.filter((s) => !BESIDE_REQUESTS.test(s));

describe('query limits and error hygiene of the record API', () => {
  let lattice: TestPlatform;
  /** Every error response seen in this file, checked for stack traces at the end. */
  const seen: GraphqlResult<unknown>[] = [];
  const records = async (query: string, variables?: Record<string, unknown>) => {
    const result = await lattice.records(query, variables);
    seen.push(result);
    return result;
  };

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
    const products = Object.values(await createProducts(lattice, [{ code: 'P1', title: '畅享套餐', monthlyFee: '99.00' }, { code: 'P2', title: '流量包', monthlyFee: '30.00' }, { code: 'P3', title: '宽带', monthlyFee: '199.00' }]));
    const customers = await createCustomers(lattice, Array.from({ length: 50 }, (_, i) => ({ name: `客户 ${String(i).padStart(2, '0')}` })));
    await createSubscriptions(lattice, customers.flatMap((customer, i) => [0, 1].map((k) => ({
      msisdn: `1380000${String(i * 2 + k).padStart(4, '0')}`, customer, plan: products[(i + k) % 3], addOns: [products[(i + k + 1) % 3]],
    }))));
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('runs a query at the depth limit (8) and refuses one deeper with LIMIT_EXCEEDED naming the limit', async () => {
    const atLimit = dataOf(await records(nested(6))).subscriptions.nodes;
    expect(atLimit).toHaveLength(1);
    const tooDeep = await records(nested(7));
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.errors).toHaveLength(1);
    expect(errorOf(tooDeep).extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(errorOf(tooDeep).message).toBe("'Deep' exceeds maximum operation depth of 8");
  });

  it('refuses a query over the cost limit before running anything', async () => {
    const { result, statements } = await countStatements(() => records(COSTLY));
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    // No statement reads the customers. Other statements may run meanwhile: the access token's session check, which runs before
    // GraphQL does, and the node's timer poll and sweep, which run beside requests.
    expect(statements.filter((s) => /\bcustomer\b/i.test(s))).toEqual([]);
    // one field less per node: 500 × 10 = 5000, at the limit, runs
    const atLimit = dataOf(await records(COSTLY.replace('customerCode ', ''))).customers.nodes;
    // nested related lists are costed by an assumed size, so a small page can still be too costly
    expect(errorOf(await records(NESTED)).message).toBe('Query cost is 6100, over the limit of 5000: ask for smaller pages or fewer nested lists');
    expect(atLimit).toHaveLength(50);
    // a batch is costed by its inputs: 300 inputs × 20 fields = 6000, and nothing is created
    const fields = 'id name customerType idType idNumber phone email vip lineCount monthlySpend score customerSince lastSeenAt tags notes extra customerCode annualSpend version createdAt';
    const batch = await records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { ${fields} } }`, { inputs: Array.from({ length: 300 }, (_, i) => ({ name: `批量 ${i}` })) });
    expect(batch.errors).toHaveLength(1);
    expect((await lattice.sql(`select count(*)::int as n from customer`))[0].n).toBe(50);
  });

  it('reports the cost limit as LIMIT_EXCEEDED with the cost and the limit', async () => {
    const error = errorOf(await records(COSTLY));
    expect(error.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toBe('Query cost is 5500, over the limit of 5000: ask for smaller pages or fewer nested lists');
    expect(error.extensions).toMatchObject({ limit: 5000, actual: 5500 });
  });

  it('costs the same query again for each page size and @include its variables give, whatever the other variables', async () => {
    const query = `query($n: Int!, $all: Boolean!, $name: String) { customers(first: $n, filter: { name: { contains: $name } }) { nodes { id name customerCode customerType phone email vip lineCount monthlySpend @include(if: $all) notes } } }`;
    expect(dataOf(await records(query, { n: 10, all: true, name: '客户' })).customers.nodes).toHaveLength(10);
    expect(errorOf(await records(query, { n: 500, all: true, name: '客户' })).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', actual: 5500 });
    expect(errorOf(await records(query, { n: 500, all: true, name: '客户 0' })).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', actual: 5500 });
    expect(dataOf(await records(query, { n: 500, all: false, name: '客户 0' })).customers.nodes).toHaveLength(10);
    expect(dataOf(await records(query, { n: 10, all: true, name: '客户 1' })).customers.nodes).toHaveLength(10);
  });

  it('answers malformed GraphQL and unknown fields with VALIDATION and a location', async () => {
    const syntax = await records(`{ customers(first: 1 { nodes { id } } }`);
    expect(syntax.errors).toEqual([{ message: 'Syntax Error: Expected Name, found "{".', locations: [{ line: 1, column: 22 }], extensions: { code: 'VALIDATION' } }]);
    const unknown = await records(`{ customers { nodes { id nickname } } }`);
    expect(unknown.errors).toEqual([{ message: 'Cannot query field "nickname" on type "Customer". Did you mean "name"?', locations: [{ line: 1, column: 26 }], extensions: { code: 'VALIDATION' } }]);
    const unknownArg = errorOf(await records(`{ customers(limit: 5) { totalCount } }`));
    expect(unknownArg.extensions?.code).toBe('VALIDATION');
    expect(unknownArg.message).toMatch(/^Unknown argument "limit" on field "Query\.customers"\./);
    const notJson = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...lattice.authorization }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).not.toMatch(/\n\s+at /);
  });

  it('answers a variable of the wrong type with VALIDATION naming the variable', async () => {
    const badVariable = errorOf(await records(`query($n: Int) { customers(first: $n) { totalCount } }`, { n: 'ten' }));
    expect(badVariable.extensions?.code).toBe('VALIDATION');
    expect(badVariable.message).toMatch(/^Variable "\$n" got invalid value "ten"/);
  });

  it('shows no stack trace in any error, internal ones included', async () => {
    const forged = Buffer.from('["not-a-uuid"]').toString('base64url');
    await records(`query($a: String) { customers(first: 1, after: $a) { nodes { id } } }`, { a: forged });
    await records(`{ customer(id: "nope") { id } }`);
    await records(`mutation { updateCustomer(id: "00000000-0000-4000-8000-000000000000", version: 1, input: { name: "x" }) { id } }`);
    const admin = await publishReviewed(lattice.admin, { entities: [{ kind: 'entity', key: 'x', name: 'select', fields: [] }] });
    seen.push(admin);
    const errors = seen.filter((r) => r.errors?.length);
    expect(errors.length).toBeGreaterThanOrEqual(12);
    const codes = new Set(errors.flatMap((r) => r.errors!.map((e) => e.extensions?.code)));
    expect([...codes].sort()).toEqual(expect.arrayContaining(['LIMIT_EXCEEDED', 'NOT_FOUND', 'VALIDATION']));
    for (const result of errors) {
      const json = JSON.stringify(result);
      expect(json).not.toMatch(/stacktrace/i);
      expect(json).not.toMatch(/\\n\s+at |\bat .+\.(?:js|ts):\d+/);
      expect(json).not.toMatch(/node_modules|\/work\//);
    }
  });

  it('loads relations in batches: the same few statements for 5 and for 50 customers', async () => {
    const LIST = `query($n: Int) { customers(first: $n, orderBy: [{ field: name }]) { totalCount nodes { name subscriptions { msisdn plan { title } customer { name } } } } }`;
    const five = await countStatements(() => lattice.records(LIST, { n: 5 }));
    const fifty = await countStatements(() => lattice.records(LIST, { n: 50 }));
    const nodes = dataOf(fifty.result).customers.nodes;
    expect(nodes).toHaveLength(50);
    // a batch's rows share createdAt, so the inverse list's order between them is by id: compare sorted
    const sorted = { ...nodes[7], subscriptions: [...nodes[7].subscriptions].sort((a: { msisdn: string }, b: { msisdn: string }) => a.msisdn.localeCompare(b.msisdn)) };
    expect(sorted).toEqual({
      name: '客户 07',
      subscriptions: [
        { msisdn: '13800000014', plan: { title: '流量包' }, customer: { name: '客户 07' } },
        { msisdn: '13800000015', plan: { title: '宽带' }, customer: { name: '客户 07' } },
      ],
    });
    expect(dataOf(five.result).customers.nodes).toHaveLength(5);
    expect(ofTheRequest(fifty.statements).length, fifty.statements.join('\n')).toBeLessThanOrEqual(6);
    expect(ofTheRequest(fifty.statements).length).toBe(ofTheRequest(five.statements).length);
  });

  it('loads many-to-many lists in batches too', async () => {
    const LIST = `query($n: Int) { subscriptions(first: $n, orderBy: [{ field: msisdn }]) { nodes { msisdn addOns { code } } } }`;
    const five = await countStatements(() => lattice.records(LIST, { n: 5 }));
    const hundred = await countStatements(() => lattice.records(LIST, { n: 100 }));
    const nodes = dataOf(hundred.result).subscriptions.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes[15]).toEqual({ msisdn: '13800000015', addOns: [{ code: 'P1' }] });
    expect(ofTheRequest(hundred.statements).length, hundred.statements.join('\n')).toBeLessThanOrEqual(5);
    expect(ofTheRequest(hundred.statements).length).toBe(ofTheRequest(five.statements).length);
  });
});
