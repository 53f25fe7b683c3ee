import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { crmFixture } from '../support/crm-fixture.js';
import { publishReviewed } from '../support/crm-seed.js';

const PUBLISH = `mutation($source: JSON, $planHash: String, $baseVersion: Int, $confirm: [String!]) {
  publish(source: $source, planHash: $planHash, baseVersion: $baseVersion, confirm: $confirm) { version plan { ddl risks { id rows blocking } } } }`;
const ROLLBACK = `mutation($planHash: String, $baseVersion: Int, $confirm: [String!]) { rollback(toVersion: 1, planHash: $planHash, baseVersion: $baseVersion, confirm: $confirm) { version } }`;
const PLAN = `query($source: JSON) { plan(source: $source) { hash ddl blocked confirmationsRequired risks { id kind rows blocking message } apiChanges { kind description breaking } } }`;

describe('publish a model and serve it with no restart', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('publishes the first version: real tables with typed columns, foreign keys and indexes', async () => {
    const plan = dataOf(await lattice.admin(PLAN, { source: crmFixture() })).plan;
    expect(plan.blocked).toBe(false);
    expect(plan.ddl.join('\n')).toMatch(/create table "customer"/);
    const published = dataOf(await lattice.admin(PUBLISH, { source: crmFixture(), planHash: plan.hash, baseVersion: 0 })).publish;
    expect(published.version).toBe(1);
    const columns = await lattice.sql(`select column_name, data_type from information_schema.columns where table_name = 'customer' order by column_name`);
    const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
    expect(types).toMatchObject({ name: 'character varying', monthly_spend: 'numeric', customer_since: 'date', last_seen_at: 'timestamp with time zone', vip: 'boolean', tags: 'ARRAY', extra: 'jsonb', version: 'integer' });
    const fks = await lattice.sql(`select conname from pg_constraint where contype = 'f' and conrelid = 'subscription'::regclass`);
    expect(fks.length).toBeGreaterThanOrEqual(2);
  });

  it('creates and reads records with canonical values, computed fields and an autonumber', async () => {
    const created = dataOf(
      await lattice.records(`mutation { createCustomer(input: { name: "张伟", phone: "138 0013 8000", monthlySpend: "88.50", customerSince: "2020-02-29", tags: ["gold", "rural"], lastSeenAt: "2026-11-25T08:00:00+08:00", idType: "resident_id", idNumber: "510104199001011234" }) {
        id version name customerType vip phone monthlySpend annualSpend customerSince tags lastSeenAt customerCode } }`),
    ).createCustomer;
    expect(created).toMatchObject({ version: 1, name: '张伟', customerType: 'individual', vip: false, phone: '13800138000', monthlySpend: '88.50', annualSpend: '1062.00', customerSince: '2020-02-29', tags: ['gold', 'rural'], lastSeenAt: '2026-11-25T00:00:00.000Z' });
    expect(created.customerCode).toMatch(/^CUS-\d{8}-0001$/);
    const read = dataOf(await lattice.records(`query($id: ID!) { customer(id: $id) { name customerCode } }`, { id: created.id })).customer;
    expect(read).toEqual({ name: '张伟', customerCode: created.customerCode });
  });

  it('rejects bad values with the field and the reason, and stores nothing', async () => {
    const result = await lattice.records(`mutation { createCustomer(input: { name: "${'x'.repeat(51)}", phone: "12345", customerType: "vip", monthlySpend: "1.005" }) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const paths = result.errors?.[0]?.extensions?.problems?.map((p) => p.path).sort();
    expect(paths).toEqual(['customerType', 'monthlySpend', 'name', 'phone']);
    const missing = await lattice.records(`mutation { createSubscription(input: { msisdn: "13900000000" }) { id } }`);
    expect(missing.errors?.[0]?.extensions?.problems?.[0]).toMatchObject({ code: 'record.required', path: 'customer' });
    const count = await lattice.sql(`select count(*)::int as n from customer`);
    expect(count[0].n).toBe(1);
  });

  it('adds a field, publishes with no restart, reads and writes it, then rolls back', async () => {
    const source = crmFixture();
    source.entities[0]!.fields.push({ key: 'nickname', name: 'nickname', type: 'text', maxLength: 30 } as never);
    const published = dataOf(await publishReviewed(lattice.admin, source)).publish;
    expect(published.version).toBe(2);
    const [customer] = dataOf(await lattice.records(`{ customers(first: 1) { nodes { id version } } }`)).customers.nodes;
    const updated = dataOf(await lattice.records(`mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { nickname: "老张" }) { nickname version } }`, { id: customer.id, v: customer.version })).updateCustomer;
    expect(updated).toEqual({ nickname: '老张', version: 2 });

    const rollbackPlan = dataOf(await lattice.admin(`{ planRollback(toVersion: 1) { hash fromVersion confirmationsRequired risks { id rows } apiChanges { breaking description } } }`)).planRollback;
    expect(rollbackPlan.risks).toEqual([{ id: 'drop-column:customer.nickname', rows: 1 }]);
    expect(rollbackPlan.apiChanges.some((c: { breaking: boolean; description: string }) => c.breaking && c.description.includes('nickname'))).toBe(true);
    const reviewed = { planHash: rollbackPlan.hash, baseVersion: rollbackPlan.fromVersion };
    const refused = await lattice.admin(ROLLBACK, reviewed);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    const rolledBack = dataOf(await lattice.admin(ROLLBACK, { ...reviewed, confirm: ['drop-column:customer.nickname'] })).rollback;
    expect(rolledBack.version).toBe(3);
    const gone = await lattice.records(`{ customers(first: 1) { nodes { nickname } } }`);
    expect(gone.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect(gone.errors?.[0]?.message).toMatch(/nickname/);
  });

  it('refuses a stale version with the fields changed since', async () => {
    const [customer] = dataOf(await lattice.records(`{ customers(first: 1) { nodes { id version } } }`)).customers.nodes;
    dataOf(await lattice.records(`mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { email: "zw@example.cn" }) { version } }`, { id: customer.id, v: customer.version }));
    const stale = await lattice.records(`mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { notes: "late" }) { version } }`, { id: customer.id, v: customer.version });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.['changedFields']).toEqual(['email']);
  });
});
