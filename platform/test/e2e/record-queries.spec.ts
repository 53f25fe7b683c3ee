import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createCustomers, createProducts, createSubscriptions, errorOf, publishModel } from '../support/crm-seed.js';
import { queryTemplateStats } from '../../src/records/query-templates.js';
import { countStatements } from '../support/statement-counter.js';

/** 30 customers: names chosen for the text operators, every other field derived from the index (some left empty). */
const NAMES = ['张伟', '张敏', '李张', '张 三', 'Alpha Telecom', 'ALPHANET', 'alphabet shop', '100% Fiber', '1000 Fiber', 'a_b Mobile', 'aXb Mobile'];
const TAGS: (string[] | null)[] = [null, ['gold'], ['rural'], ['gold', 'rural'], ['student'], ['gold', 'student']];
const DAY = 86_400_000;

interface Seeded { id: string; name: string; customerType: string; vip: boolean; lineCount: number | null; monthlySpend: string | null; customerSince: string | null; lastSeenAt: string; tags: string[] | null; email: string | null }

function seedCustomer(i: number): Omit<Seeded, 'id'> {
  return {
    name: NAMES[i] ?? `Customer ${i}`,
    customerType: i % 4 === 0 ? 'enterprise' : 'individual',
    vip: i % 3 === 0,
    lineCount: i % 10 === 9 ? null : i % 5,
    monthlySpend: i % 10 === 8 ? null : (i * 12.5).toFixed(2),
    customerSince: i % 10 === 7 ? null : new Date(Date.UTC(2020, 0, 1) + i * 10 * DAY).toISOString().slice(0, 10),
    lastSeenAt: new Date(Date.UTC(2026, 0, 1) + i * 90 * 60_000).toISOString(),
    tags: TAGS[i % 6] ?? null,
    email: i < 5 ? `c${i}@example.cn` : null,
  };
}

const withoutNulls = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
const LIST = `query($f: CustomerFilter, $o: [CustomerOrderBy!]) { customers(filter: $f, orderBy: $o, first: 100) { nodes { id name } totalCount } }`;

describe('record queries: filters, sorting and cursor pagination over real rows', () => {
  let lattice: TestPlatform;
  let seeded: Seeded[];
  let msisdnOf: (j: number) => string;

  /** Names the API returns for a filter, after checking totalCount agrees with the page. */
  async function names(filter: unknown): Promise<string[]> {
    const page = dataOf(await lattice.records(LIST, { f: filter })).customers;
    expect(page.totalCount).toBe(page.nodes.length);
    return page.nodes.map((n: { name: string }) => n.name).sort();
  }
  /** Names of the seeded customers matching a predicate: the expected answer (never trivial). */
  function expected(predicate: (c: Seeded) => boolean): string[] {
    const result = seeded.filter(predicate).map((c) => c.name).sort();
    expect(result.length).toBeGreaterThan(0);
    expect(result.length).toBeLessThan(seeded.length);
    return result;
  }

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
    const customers = Array.from({ length: 30 }, (_, i) => seedCustomer(i));
    const ids = await createCustomers(lattice, customers.map(withoutNulls));
    seeded = customers.map((c, i) => ({ ...c, id: ids[i]! }));
    const products = await createProducts(lattice, [{ code: 'P1', title: '畅享套餐', monthlyFee: '99.00' }, { code: 'P2', title: '流量包', monthlyFee: '30.00' }, { code: 'P3', title: '宽带', monthlyFee: '199.00' }]);
    msisdnOf = (j) => `1390000${String(j).padStart(4, '0')}`;
    await createSubscriptions(lattice, Array.from({ length: 20 }, (_, j) => ({
      msisdn: msisdnOf(j),
      customer: ids[j % 10],
      status: j % 5 === 0 ? 'suspended' : j % 7 === 0 ? 'terminated' : 'active',
      ...(j === 19 ? {} : { plan: products[`P${(j % 3) + 1}`] }),
    })));
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('reads a record by id exactly as a list reads it, every field and type (money, dates, lists, references)', async () => {
    const access = lattice.access();
    for (const { id } of seeded.slice(0, 10)) {
      const [listed] = (await access.list('Customer', { filter: { id: { eq: id } }, includeCount: false })).nodes;
      expect(await access.get('Customer', id)).toEqual(listed);
      expect(await access.get('Customer', id, { fields: ['id', 'monthlySpend', 'customerSince', 'lastSeenAt', 'tags'] })).toEqual({ id, monthlySpend: listed?.['monthlySpend'], customerSince: listed?.['customerSince'], lastSeenAt: listed?.['lastSeenAt'], tags: listed?.['tags'] });
    }
    const [subscription] = (await access.list('Subscription', { first: 1, includeCount: false })).nodes;
    expect(await access.get('Subscription', subscription?.id as string)).toEqual(subscription);
  });

  it('reuses a query built for one set of values with other values, and answers each with its own rows', async () => {
    // Same shapes (a filter, a sort, a cursor, a related list), values never seen before: each answer must be its own, not the first one's.
    const SHAPE = `query($f: CustomerFilter, $a: String) { customers(filter: $f, first: 2, after: $a) { nodes { name subscriptions { msisdn } } pageInfo { endCursor } } }`;
    const byType = async (type: string, after: string | null = null) => dataOf(await lattice.records(SHAPE, { f: { customerType: { eq: type } }, a: after })).customers;
    const reusedBefore = queryTemplateStats.reused;
    let withLines = 0;
    for (const type of ['enterprise', 'individual']) {
      const want = seeded.filter((c) => c.customerType === type).sort((a, b) => (a.id < b.id ? -1 : 1));
      const first = await byType(type);
      const second = await byType(type, first.pageInfo.endCursor);
      expect([...first.nodes, ...second.nodes].map((n: { name: string }) => n.name)).toEqual(want.slice(0, 4).map((c) => c.name));
      for (const node of [...first.nodes, ...second.nodes]) {
        const index = seeded.findIndex((c) => c.name === node.name);
        const lines = Array.from({ length: 20 }, (_, j) => j).filter((j) => j % 10 === index).map(msisdnOf);
        expect(node.subscriptions.map((s: { msisdn: string }) => s.msisdn).sort()).toEqual(lines);
        withLines += lines.length ? 1 : 0;
      }
    }
    expect(withLines).toBeGreaterThan(0);
    expect(queryTemplateStats.reused - reusedBefore).toBeGreaterThanOrEqual(4);
  });

  it("answers each record of a page with its own related list, batched, under aliases, fragments, @skip and edges", async () => {
    const PAGE = `query($skip: Boolean!) { customers(first: 12) {
      nodes { id lines: subscriptions { msisdn } statuses: subscriptions @skip(if: $skip) { status } ...Lines }
      edges { node { id subscriptions { msisdn } } } } }
      fragment Lines on Customer { subscriptions { msisdn status } }`;
    const linesOf = (id: string) => Array.from({ length: 20 }, (_, j) => j).filter((j) => seeded[j % 10]?.id === id).map(msisdnOf).sort();
    for (const [skip, compiled] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      lattice.compiledReads.enabled = compiled;
      const { result, statements } = await countStatements(() => lattice.records(PAGE, { skip })).finally(() => (lattice.compiledReads.enabled = true));
      const page = dataOf(result).customers;
      expect(page.nodes.length).toBe(12);
      // Resolved: one batched read per distinct list (lines, statuses unless skipped, subscriptions), whatever the page size; compiled: one statement.
      expect(statements.filter((sql) => /from "subscription"/.test(sql))).toHaveLength(compiled ? 1 : skip ? 2 : 3);
      let withLines = 0;
      for (const node of page.nodes) {
        const want = linesOf(node.id);
        withLines += want.length ? 1 : 0;
        expect(node.lines.map((l: { msisdn: string }) => l.msisdn).sort()).toEqual(want);
        expect(node.subscriptions.map((l: { msisdn: string }) => l.msisdn).sort()).toEqual(want);
        expect(node.subscriptions.every((l: { status?: string }) => typeof l.status === 'string')).toBe(true);
        if (skip) expect(node).not.toHaveProperty('statuses');
        else expect(node.statuses).toHaveLength(want.length);
      }
      expect(withLines).toBeGreaterThan(1);
      for (const edge of page.edges) expect(edge.node.subscriptions.map((l: { msisdn: string }) => l.msisdn).sort()).toEqual(linesOf(edge.node.id));
    }
  });

  it('filters text with eq, ne, in, notIn, startsWith and isNull', async () => {
    expect(await names({ name: { eq: '张伟' } })).toEqual(['张伟']);
    expect(await names({ name: { ne: '张伟' } })).toEqual(expected((c) => c.name !== '张伟'));
    expect(await names({ name: { in: ['张伟', 'aXb Mobile', 'nobody'] } })).toEqual(['aXb Mobile', '张伟']);
    expect(await names({ name: { notIn: NAMES.slice(2) } })).toEqual(expected((c) => !NAMES.slice(2).includes(c.name)));
    expect(await names({ name: { startsWith: '张' } })).toEqual(['张 三', '张伟', '张敏']);
    expect(await names({ email: { isNull: false } })).toEqual(['Alpha Telecom', '张 三', '张伟', '张敏', '李张']);
    expect(await names({ email: { isNull: true } })).toEqual(expected((c) => c.email === null));
  });

  it('contains is case-insensitive and takes % and _ literally', async () => {
    expect(await names({ name: { contains: 'ALPHA' } })).toEqual(['ALPHANET', 'Alpha Telecom', 'alphabet shop']);
    expect(await names({ name: { contains: '0%' } })).toEqual(['100% Fiber']);
    expect(await names({ name: { contains: 'a_b' } })).toEqual(['a_b Mobile']);
    expect(await names({ name: { startsWith: '_' } })).toEqual([]);
    expect(await names({ name: { contains: '张' } })).toEqual(['张 三', '张伟', '张敏', '李张']);
  });

  it('filters integers, money, dates and datetimes with every comparison', async () => {
    expect(await names({ lineCount: { eq: 3 } })).toEqual(expected((c) => c.lineCount === 3));
    expect(await names({ lineCount: { ne: 3 } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount !== 3));
    expect(await names({ lineCount: { in: [0, 4] } })).toEqual(expected((c) => c.lineCount === 0 || c.lineCount === 4));
    expect(await names({ lineCount: { notIn: [0, 4] } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount !== 0 && c.lineCount !== 4));
    expect(await names({ lineCount: { lt: 2 } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount < 2));
    expect(await names({ lineCount: { lte: 2 } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount <= 2));
    expect(await names({ lineCount: { gt: 2 } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount > 2));
    expect(await names({ lineCount: { gte: 2 } })).toEqual(expected((c) => c.lineCount !== null && c.lineCount >= 2));
    expect(await names({ lineCount: { isNull: true } })).toEqual(['Customer 19', 'Customer 29', 'a_b Mobile']);

    const spend = (c: Seeded) => (c.monthlySpend === null ? null : Number(c.monthlySpend));
    expect(await names({ monthlySpend: { eq: '125.00' } })).toEqual(['aXb Mobile']);
    expect(await names({ monthlySpend: { ne: '125.00' } })).toEqual(expected((c) => spend(c) !== null && spend(c) !== 125));
    expect(await names({ monthlySpend: { in: ['0.00', '12.50', 37.5] } })).toEqual(['张 三', '张伟', '张敏']);
    expect(await names({ monthlySpend: { notIn: ['0.00', '12.50'] } })).toEqual(expected((c) => spend(c) !== null && spend(c) !== 0 && spend(c) !== 12.5));
    expect(await names({ monthlySpend: { lt: '100' } })).toEqual(expected((c) => spend(c) !== null && spend(c)! < 100));
    expect(await names({ monthlySpend: { lte: '100.00' } })).toEqual(expected((c) => spend(c) !== null && spend(c)! <= 100));
    expect(await names({ monthlySpend: { gt: '300.00' } })).toEqual(expected((c) => spend(c) !== null && spend(c)! > 300));
    expect(await names({ monthlySpend: { gte: '300.00', lt: '337.50' } })).toEqual(['Customer 24', 'Customer 25', 'Customer 26']);
    expect(await names({ monthlySpend: { isNull: true } })).toEqual(['1000 Fiber', 'Customer 18', 'Customer 28']);

    expect(await names({ customerSince: { eq: '2020-01-11' } })).toEqual(['张敏']);
    expect(await names({ customerSince: { ne: '2020-01-11' } })).toEqual(expected((c) => c.customerSince !== null && c.customerSince !== '2020-01-11'));
    expect(await names({ customerSince: { in: ['2020-01-01', '2020-01-21'] } })).toEqual(['张伟', '李张']);
    expect(await names({ customerSince: { lt: '2020-02-10' } })).toEqual(['张 三', '张伟', '张敏', '李张']);
    expect(await names({ customerSince: { lte: '2020-02-10' } })).toEqual(['Alpha Telecom', '张 三', '张伟', '张敏', '李张']);
    expect(await names({ customerSince: { gt: '2020-09-01', lte: '2020-10-17' } })).toEqual(['Customer 25', 'Customer 26', 'Customer 28', 'Customer 29']);
    expect(await names({ customerSince: { gte: '2020-10-17' } })).toEqual(['Customer 29']);
    expect(await names({ customerSince: { isNull: true } })).toEqual(['100% Fiber', 'Customer 17', 'Customer 27']);

    // 2026-01-01T03:00Z is customer 2; an offset is the same instant
    expect(await names({ lastSeenAt: { eq: '2026-01-01T11:00:00+08:00' } })).toEqual(['李张']);
    expect(await names({ lastSeenAt: { ne: '2026-01-01T03:00:00Z' } })).toEqual(expected((c) => c.lastSeenAt !== '2026-01-01T03:00:00.000Z'));
    expect(await names({ lastSeenAt: { in: ['2026-01-01T00:00:00Z', '2026-01-01T01:30:00Z'] } })).toEqual(['张伟', '张敏']);
    expect(await names({ lastSeenAt: { lt: '2026-01-01T03:00:00Z' } })).toEqual(['张伟', '张敏']);
    expect(await names({ lastSeenAt: { lte: '2026-01-01T03:00:00Z' } })).toEqual(['张伟', '张敏', '李张']);
    expect(await names({ lastSeenAt: { gt: '2026-01-02T18:00:00Z' } })).toEqual(['Customer 29']);
    expect(await names({ lastSeenAt: { gte: '2026-01-02T18:00:00Z' } })).toEqual(['Customer 28', 'Customer 29']);
    expect(await names({ lastSeenAt: { isNull: true } })).toEqual([]);
  });

  it('filters booleans, picklists and multi-picklists', async () => {
    expect(await names({ vip: { eq: true } })).toEqual(expected((c) => c.vip));
    expect(await names({ vip: { ne: true } })).toEqual(expected((c) => !c.vip));
    expect(await names({ vip: { isNull: true } })).toEqual([]);
    expect(await names({ customerType: { eq: 'enterprise' } })).toEqual(expected((c) => c.customerType === 'enterprise'));
    expect(await names({ customerType: { ne: 'enterprise' } })).toEqual(expected((c) => c.customerType !== 'enterprise'));
    expect(await names({ customerType: { in: ['enterprise', 'individual'] } })).toHaveLength(30);
    expect(await names({ customerType: { notIn: ['individual'] } })).toEqual(expected((c) => c.customerType === 'enterprise'));
    expect(await names({ tags: { hasAny: ['rural', 'student'] } })).toEqual(expected((c) => !!c.tags?.some((t) => t === 'rural' || t === 'student')));
    expect(await names({ tags: { hasAll: ['gold', 'rural'] } })).toEqual(expected((c) => !!c.tags?.includes('gold') && !!c.tags.includes('rural')));
    expect(await names({ tags: { hasAll: ['gold'] } })).toEqual(expected((c) => !!c.tags?.includes('gold')));
    expect(await names({ tags: { isNull: true } })).toEqual(expected((c) => c.tags === null));
    expect(await names({ tags: { isNull: false } })).toEqual(expected((c) => c.tags !== null));
  });

  it('combines conditions with and, or and not', async () => {
    expect(await names({ and: [{ vip: { eq: true } }, { customerType: { eq: 'enterprise' } }] })).toEqual(expected((c) => c.vip && c.customerType === 'enterprise'));
    expect(await names({ or: [{ name: { startsWith: '张' } }, { lineCount: { isNull: true } }] })).toEqual(['Customer 19', 'Customer 29', 'a_b Mobile', '张 三', '张伟', '张敏']);
    expect(await names({ not: { vip: { eq: true } } })).toEqual(expected((c) => !c.vip));
    expect(await names({ vip: { eq: true }, not: { or: [{ customerType: { eq: 'enterprise' } }, { lastSeenAt: { gte: '2026-01-02T00:00:00Z' } }] } })).toEqual(
      expected((c) => c.vip && !(c.customerType === 'enterprise' || c.lastSeenAt >= '2026-01-02T00:00:00.000Z')),
    );
  });

  it('filters through a reference and through an inverse list', async () => {
    const subs = dataOf(await lattice.records(`{ subscriptions(filter: { customer: { is: { name: { startsWith: "张" } } } }, first: 100) { nodes { msisdn customer { name } } totalCount } }`)).subscriptions;
    expect(subs.nodes.map((s: { msisdn: string }) => s.msisdn).sort()).toEqual([0, 1, 3, 10, 11, 13].map(msisdnOf));
    expect(subs.totalCount).toBe(6);
    const noPlan = dataOf(await lattice.records(`{ subscriptions(filter: { plan: { isNull: true } }) { nodes { msisdn } } }`)).subscriptions.nodes;
    expect(noPlan).toEqual([{ msisdn: msisdnOf(19) }]);
    const byId = dataOf(await lattice.records(`query($id: ID!) { subscriptions(filter: { customer: { eq: $id } }) { totalCount } }`, { id: seeded[3]!.id })).subscriptions;
    expect(byId.totalCount).toBe(2);
    expect(await names({ subscriptions: { some: { status: { eq: 'suspended' } } } })).toEqual(['ALPHANET', '张伟']);
    expect(await names({ subscriptions: { none: { status: { eq: 'active' } } } })).toEqual(expected((c) => seeded.indexOf(c) >= 10 || seeded.indexOf(c) === 0 || seeded.indexOf(c) === 5));
  });

  it('sorts by several fields, ASC and DESC, ties broken by id', async () => {
    const order = [{ field: 'customerType', direction: 'ASC' }, { field: 'vip', direction: 'DESC' }, { field: 'lineCount' }];
    const page = dataOf(await lattice.records(LIST, { o: order })).customers;
    const nullsLast = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);
    const want = [...seeded].sort((a, b) => a.customerType.localeCompare(b.customerType) || Number(b.vip) - Number(a.vip) || nullsLast(a.lineCount, b.lineCount) || (a.id < b.id ? -1 : 1));
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual(want.map((c) => c.id));
    const desc = dataOf(await lattice.records(LIST, { o: [{ field: 'lastSeenAt', direction: 'DESC' }] })).customers.nodes;
    expect(desc.map((n: { name: string }) => n.name).slice(0, 3)).toEqual(['Customer 29', 'Customer 28', 'Customer 27']);
  });

  it('pages forward and backward over every record exactly once, with a stable totalCount', async () => {
    const PAGE = `query($o: [CustomerOrderBy!], $first: Int, $after: String, $last: Int, $before: String, $f: CustomerFilter) {
      customers(filter: $f, orderBy: $o, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const o of [[], [{ field: 'monthlySpend', direction: 'DESC' }, { field: 'customerType' }]]) {
      const forward: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: any = dataOf(await lattice.records(PAGE, { o, first: 7, after })).customers;
        expect(page.totalCount).toBe(30);
        forward.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toHaveLength(30);
      expect(new Set(forward).size).toBe(30);
      const backward: string[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: any = dataOf(await lattice.records(PAGE, { o, last: 7, before })).customers;
        expect(page.totalCount).toBe(30);
        backward.unshift(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(forward);
    }
    const filtered = dataOf(await lattice.records(PAGE, { f: { vip: { eq: true } }, first: 3 })).customers;
    expect(filtered.edges).toHaveLength(3);
    expect(filtered.totalCount).toBe(seeded.filter((c) => c.vip).length);
  });

  it('refuses a tampered cursor, an oversized page, an unsortable field and a filter value of the wrong type', async () => {
    const { endCursor } = dataOf(await lattice.records(`{ customers(first: 2) { pageInfo { endCursor } } }`)).customers.pageInfo;
    for (const cursor of ['not a cursor', `${endCursor}x`, `x${endCursor}`]) {
      const tampered = errorOf(await lattice.records(`query($a: String) { customers(first: 2, after: $a) { nodes { id } } }`, { a: cursor }));
      expect(tampered.extensions?.code, cursor).toBe('VALIDATION');
      expect(tampered.extensions?.problems?.[0]?.path).toBe('after');
    }
    const big = errorOf(await lattice.records(`{ customers(first: 501) { totalCount } }`));
    expect(big.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(big.message).toBe('Page size is 501, over the limit of 500');
    expect(dataOf(await lattice.records(`{ customers(first: 500) { totalCount } }`)).customers.totalCount).toBe(30);
    const unsortable = errorOf(await lattice.records(`{ customers(orderBy: [{ field: notes }]) { totalCount } }`));
    expect(unsortable.extensions?.code).toBe('VALIDATION');
    expect(unsortable.message).toMatch(/"notes"/);
    const wrong = errorOf(await lattice.records(`{ customers(filter: { monthlySpend: { gt: "abc" } }) { totalCount } }`));
    expect(wrong.extensions?.code).toBe('VALIDATION');
    expect(wrong.extensions?.problems?.map((p) => p.path)).toEqual(['filter.monthlySpend.gt']);
    const nested = errorOf(await lattice.records(`{ customers(filter: { or: [{ vip: { eq: true } }, { customerSince: { lt: "2020-02-30" } }] }) { totalCount } }`));
    expect(nested.extensions?.problems?.map((p) => p.path)).toEqual(['filter.or[1].customerSince.lt']);
  });

  it('refuses a well-formed cursor that this list did not issue', async () => {
    const { endCursor } = dataOf(await lattice.records(`{ customers(first: 2, orderBy: [{ field: lineCount }]) { pageInfo { endCursor } } }`)).customers.pageInfo;
    const forged = ['["not-a-uuid"]', '[null]', '[1,2,3]'].map((json) => Buffer.from(json).toString('base64url'));
    for (const cursor of [...forged, endCursor]) {
      const result = await lattice.records(`query($a: String) { customers(first: 2, after: $a) { nodes { id } } }`, { a: cursor });
      expect(result.errors?.[0]?.extensions?.code, Buffer.from(cursor, 'base64url').toString()).toBe('VALIDATION');
      expect(result.errors?.[0]?.extensions?.problems?.[0]?.path).toBe('after');
    }
  });
});
