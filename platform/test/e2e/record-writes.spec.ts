import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/test-platform.js';
import { createCustomers, createProducts, errorOf, problemPaths, publishModel } from '../support/crm-seed.js';

const CREATE_CUSTOMER = `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id version customerCode } }`;
const CREATE_SUBSCRIPTION = `mutation($input: SubscriptionCreateInput!) { createSubscription(input: $input) { id version msisdn addOns { code } } }`;
const GET_CUSTOMER = `query($id: ID!, $d: Boolean) { customer(id: $id, includeDeleted: $d) { id name version deletedAt } }`;

describe('record writes: batches, constraints, soft delete, relations, autonumbers and audit', () => {
  let lattice: TestPlatform;
  let products: Record<string, string>;
  const count = async (table: string) => (await lattice.sql(`select count(*)::int as n from ${table}`))[0].n as number;
  const customerNamed = async (name: string) => (await lattice.sql(`select * from customer where name = $1`, [name]))[0];

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
    products = await createProducts(lattice, [{ code: 'P1', title: '畅享套餐', monthlyFee: '99.00' }, { code: 'P2', title: '流量包', monthlyFee: '30.00' }, { code: 'P3', title: '宽带', monthlyFee: '199.00' }]);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('gives 20 concurrent creates the autonumbers 0001..0020, each once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => lattice.records(CREATE_CUSTOMER, { input: { name: `并发 ${i}` } })));
    const codes = results.map((r) => dataOf(r).createCustomer.customerCode as string);
    const prefix = codes[0]!.slice(0, -4);
    expect(prefix).toMatch(/^CUS-\d{8}-$/);
    expect(codes.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`));
  });

  it('creates a batch all or nothing: one invalid input names its index and stores nothing', async () => {
    const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `批量 ${i}`, ...(i === 3 ? { lineCount: -1 } : {}) }));
    const result = await lattice.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs });
    expect(errorOf(result).extensions?.code).toBe('VALIDATION');
    expect(problemPaths(result)).toEqual(['[3].lineCount']);
    expect(await count('customer')).toBe(20);
    // a batch that fails in the database (duplicate id document in item 3) rolls back items 0..2 too
    const dup = Array.from({ length: 5 }, (_, i) => ({ name: `批量 ${i}`, idType: 'passport', idNumber: i === 3 ? 'E0000001' : `E000000${i + 1}` }));
    const failed = await lattice.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs: dup });
    expect(errorOf(failed).extensions?.code).toBe('VALIDATION');
    expect(await count('customer')).toBe(20);
  });

  it('names the index of the input that breaks a unique constraint inside a batch', async () => {
    const inputs = ['B1', 'B2', 'B3', 'P1', 'B5'].map((code) => ({ code, title: code, monthlyFee: '1.00' }));
    const result = await lattice.records(`mutation($inputs: [ProductCreateInput!]!) { createProducts(inputs: $inputs) { id } }`, { inputs });
    expect(errorOf(result).extensions?.code).toBe('VALIDATION');
    expect(await count('product')).toBe(3);
    expect(problemPaths(result)).toEqual(['[3].code']);
  });

  it('refuses a duplicate unique value, naming the field, and leaves the existing row untouched', async () => {
    const dup = await lattice.records(`mutation { createProduct(input: { code: "P1", title: "另一个", monthlyFee: "1.00" }) { id } }`);
    expect(errorOf(dup).extensions?.code).toBe('VALIDATION');
    expect(errorOf(dup).extensions?.problems).toMatchObject([{ code: 'record.duplicate', path: 'code' }]);
    const p2 = dataOf(await lattice.records(`query($id: ID!) { product(id: $id) { id version } }`, { id: products['P2'] })).product;
    const onUpdate = await lattice.records(`mutation($id: ID!, $v: Int!) { updateProduct(id: $id, version: $v, input: { code: "P1", title: "改名" }) { id } }`, { id: p2.id, v: p2.version });
    expect(errorOf(onUpdate).extensions?.problems).toMatchObject([{ code: 'record.duplicate', path: 'code' }]);
    expect(await lattice.sql(`select code, title, monthly_fee::text as fee, version from product order by code`)).toEqual([
      { code: 'P1', title: '畅享套餐', fee: '99.00', version: 1 },
      { code: 'P2', title: '流量包', fee: '30.00', version: 1 },
      { code: 'P3', title: '宽带', fee: '199.00', version: 1 },
    ]);
  });

  it('refuses a duplicate of the composite unique index (idType + idNumber), naming both fields', async () => {
    dataOf(await lattice.records(CREATE_CUSTOMER, { input: { name: '王芳', idType: 'resident_id', idNumber: '510104199001011234' } }));
    const samePassport = dataOf(await lattice.records(CREATE_CUSTOMER, { input: { name: '王芳', idType: 'passport', idNumber: '510104199001011234' } })).createCustomer;
    expect(samePassport.version).toBe(1);
    const dup = errorOf(await lattice.records(CREATE_CUSTOMER, { input: { name: '王芳二', idType: 'resident_id', idNumber: '510104199001011234' } }));
    expect(dup.extensions?.code).toBe('VALIDATION');
    expect(dup.extensions?.problems?.[0]?.code).toBe('record.duplicate');
    expect(dup.message).toMatch(/idType, idNumber/);
    expect(await customerNamed('王芳二')).toBeUndefined();
  });

  it('refuses a reference to a record that does not exist, on that field', async () => {
    const [customer] = await createCustomers(lattice, [{ name: '赵六' }]);
    const missing = await lattice.records(CREATE_SUBSCRIPTION, { input: { msisdn: '13900000001', customer, plan: '00000000-0000-4000-8000-000000000000' } });
    expect(errorOf(missing).extensions?.code).toBe('VALIDATION');
    expect(errorOf(missing).extensions?.problems).toMatchObject([{ path: 'plan' }]);
    const malformed = await lattice.records(CREATE_SUBSCRIPTION, { input: { msisdn: '13900000001', customer: 'not-an-id' } });
    expect(errorOf(malformed).extensions?.code).toBe('VALIDATION');
    expect(problemPaths(malformed)).toEqual(['customer']);
    expect(await count('subscription')).toBe(0);
  });

  it('refuses unknown and read-only fields in inputs as GraphQL validation errors', async () => {
    for (const input of ['{ name: "x", nickname: "y" }', '{ name: "x", customerCode: "CUS-1" }', '{ name: "x", annualSpend: "1.00" }', '{ name: "x", id: "00000000-0000-4000-8000-000000000000" }', '{ name: "x", version: 7 }']) {
      const result = await lattice.records(`mutation { createCustomer(input: ${input}) { id } }`);
      expect(errorOf(result).extensions?.code, input).toBe('VALIDATION');
      expect(errorOf(result).message, input).toMatch(/is not defined by type "CustomerCreateInput"/);
    }
    const [id] = await createCustomers(lattice, [{ name: '只读', monthlySpend: '10.00' }]);
    const update = await lattice.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { annualSpend: "1.00", customerCode: "X" }) { id } }`, { id });
    expect(errorOf(update).extensions?.code).toBe('VALIDATION');
    const row = await customerNamed('只读');
    expect(row).toMatchObject({ annual_spend: '120.00', version: 1 });
    expect(row.customer_code).toMatch(/^CUS-\d{8}-\d{4}$/);
  });

  it('soft-deletes, lists deleted records on request, restores, and refuses stale or deleted writes', async () => {
    const [id] = await createCustomers(lattice, [{ name: '软删除' }]);
    const listNames = async (args: string) => dataOf(await lattice.records(`{ customers(filter: { name: { startsWith: "软" } } ${args}) { nodes { name } totalCount } }`)).customers;
    const stale = errorOf(await lattice.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 2) { id } }`, { id }));
    expect(stale.extensions?.code).toBe('CONFLICT');
    const deleted = dataOf(await lattice.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 1) { id version deletedAt } }`, { id })).deleteCustomer;
    expect(deleted.version).toBe(2);
    expect(Date.now() - Date.parse(deleted.deletedAt)).toBeLessThan(60_000);
    expect(dataOf(await lattice.records(GET_CUSTOMER, { id })).customer).toBeNull();
    expect(dataOf(await lattice.records(GET_CUSTOMER, { id, d: true })).customer).toMatchObject({ id, name: '软删除', version: 2 });
    expect(await listNames('')).toEqual({ nodes: [], totalCount: 0 });
    expect(await listNames(', includeDeleted: true')).toEqual({ nodes: [{ name: '软删除' }], totalCount: 1 });
    expect((await listNames(', onlyDeleted: true')).totalCount).toBe(1);
    expect(dataOf(await lattice.records(`{ customers(onlyDeleted: true) { nodes { name } } }`)).customers.nodes).toEqual([{ name: '软删除' }]);
    const update = errorOf(await lattice.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 2, input: { notes: "x" }) { id } }`, { id }));
    expect(update.extensions?.code).toBe('CONFLICT');
    const restored = dataOf(await lattice.records(`mutation($id: ID!) { restoreCustomer(id: $id) { version deletedAt } }`, { id })).restoreCustomer;
    expect(restored).toEqual({ version: 3, deletedAt: null });
    expect(await listNames('')).toEqual({ nodes: [{ name: '软删除' }], totalCount: 1 });
    expect(dataOf(await lattice.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 3, input: { notes: "回来了" }) { version } }`, { id })).updateCustomer.version).toBe(4);
    const unknown = errorOf(await lattice.records(`mutation { deleteCustomer(id: "00000000-0000-4000-8000-000000000000", version: 1) { id } }`));
    expect(unknown.extensions?.code).toBe('NOT_FOUND');
  });

  it('sets many-to-many add-ons on create, replaces them on update, and lists a customer\'s subscriptions', async () => {
    const [customer] = await createCustomers(lattice, [{ name: '多对多' }]);
    const sub = dataOf(await lattice.records(CREATE_SUBSCRIPTION, { input: { msisdn: '139 0000 0002', customer, plan: products['P1'], addOns: [products['P2'], products['P3']] } })).createSubscription;
    expect(sub.addOns.map((a: { code: string }) => a.code).sort()).toEqual(['P2', 'P3']);
    const updated = dataOf(await lattice.records(`mutation($id: ID!, $a: [ID!]) { updateSubscription(id: $id, version: 1, input: { addOns: $a }) { version addOns { code } } }`, { id: sub.id, a: [products['P1']] })).updateSubscription;
    expect(updated).toEqual({ version: 2, addOns: [{ code: 'P1' }] });
    const read = dataOf(await lattice.records(`query($id: ID!) { subscription(id: $id) { msisdn plan { code } addOns { code } customer { name } } }`, { id: sub.id })).subscription;
    expect(read).toEqual({ msisdn: '13900000002', plan: { code: 'P1' }, addOns: [{ code: 'P1' }], customer: { name: '多对多' } });
    expect(await lattice.sql(`select count(*)::int as n from subscription__add_ons`)).toEqual([{ n: 1 }]);
    const second = dataOf(await lattice.records(CREATE_SUBSCRIPTION, { input: { msisdn: '13900000003', customer } })).createSubscription;
    dataOf(await lattice.records(`mutation($id: ID!) { deleteSubscription(id: $id) { id } }`, { id: second.id }));
    dataOf(await lattice.records(CREATE_SUBSCRIPTION, { input: { msisdn: '13900000004', customer } }));
    const inverse = dataOf(await lattice.records(`query($id: ID!) { customer(id: $id) { subscriptions { msisdn } } }`, { id: customer })).customer;
    expect(inverse).toEqual({ subscriptions: [{ msisdn: '13900000002' }, { msisdn: '13900000004' }] });
    const cleared = dataOf(await lattice.records(`mutation($id: ID!) { updateSubscription(id: $id, version: 2, input: { addOns: [] }) { addOns { code } } }`, { id: sub.id })).updateSubscription;
    expect(cleared.addOns).toEqual([]);
  });

  it('audits create, update, delete and restore with before/after of changed fields only, newest first, in pages', async () => {
    const created = dataOf(await lattice.records(CREATE_CUSTOMER, { input: { name: '审计', monthlySpend: '50.00' } })).createCustomer;
    const id = created.id as string;
    const noChange = dataOf(await lattice.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { name: "审计" }) { version } }`, { id })).updateCustomer;
    expect(noChange.version).toBe(1);
    dataOf(await lattice.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { name: "审计", email: "a@b.cn", tags: ["rural", "gold"] }) { version } }`, { id }));
    dataOf(await lattice.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 2) { version } }`, { id }));
    dataOf(await lattice.records(`mutation($id: ID!) { restoreCustomer(id: $id) { version } }`, { id }));
    const AUDIT = `query($id: ID!, $after: String) { auditLog(entity: "Customer", recordId: $id, first: 2, after: $after) { entries { id action entity recordId recordVersion metadataVersion actor changes } hasNextPage } }`;
    const page1 = dataOf(await lattice.records(AUDIT, { id })).auditLog;
    expect(page1.hasNextPage).toBe(true);
    const page2 = dataOf(await lattice.records(AUDIT, { id, after: page1.entries[1].id })).auditLog;
    expect(page2.hasNextPage).toBe(false);
    const entries = [...page1.entries, ...page2.entries];
    expect(entries.map((e: { action: string; recordVersion: number }) => [e.action, e.recordVersion])).toEqual([['RESTORE', 4], ['DELETE', 3], ['UPDATE', 2], ['CREATE', 1]]);
    expect(entries.every((e: { entity: string; recordId: string; metadataVersion: number; actor: string }) => e.entity === 'Customer' && e.recordId === id && e.metadataVersion === 1 && e.actor === TEST_ADMIN.login)).toBe(true);
    const [restore, del, update, create] = entries.map((e: { changes: Record<string, { before: unknown; after: unknown }> }) => e.changes);
    expect(update).toEqual({ email: { before: null, after: 'a@b.cn' }, tags: { before: null, after: ['gold', 'rural'] } });
    expect(Object.keys(del!)).toEqual(['deletedAt']);
    expect(del!['deletedAt']!.before).toBeNull();
    expect(Object.keys(restore!)).toEqual(['deletedAt']);
    expect(restore!['deletedAt']!.after).toBeNull();
    expect(create).toMatchObject({ name: { before: null, after: '审计' }, monthlySpend: { before: null, after: '50.00' }, customerCode: { before: null, after: created.customerCode } });
    expect(create).not.toHaveProperty('annualSpend');
    expect(Object.values(create!).every((c) => c.before === null && c.after !== null)).toBe(true);
    const restores = dataOf(await lattice.records(`{ auditLog(entity: "Customer", action: RESTORE) { entries { recordId } } }`)).auditLog.entries;
    expect(restores.map((e: { recordId: string }) => e.recordId)).toContain(id);
    expect(errorOf(await lattice.records(`{ auditLog(after: "abc") { hasNextPage } }`)).extensions?.problems?.[0]?.path).toBe('after');
  });

  it('audits a restore with the deletion time it undid', async () => {
    const [id] = await createCustomers(lattice, [{ name: '恢复审计' }]);
    dataOf(await lattice.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 1) { version } }`, { id }));
    dataOf(await lattice.records(`mutation($id: ID!) { restoreCustomer(id: $id) { version } }`, { id }));
    const [restore, del] = dataOf(await lattice.records(`query($id: ID!) { auditLog(recordId: $id, first: 2) { entries { changes } } }`, { id })).auditLog.entries;
    expect(del.changes.deletedAt.after).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(restore.changes).toEqual({ deletedAt: { before: del.changes.deletedAt.after, after: null } });
  });

  it('left no gap in the customer numbers, whatever failed or was deleted', async () => {
    const rows = await lattice.sql(`select customer_code from customer order by customer_code`);
    const prefix = (rows[0].customer_code as string).slice(0, -4);
    expect(rows.map((r) => r.customer_code)).toEqual(rows.map((_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`));
  });
});
