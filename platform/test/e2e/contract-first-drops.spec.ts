import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { crmFixture } from '../support/crm-fixture.js';
import { publishReviewed, rollbackReviewed } from '../support/crm-seed.js';


type Fixture = ReturnType<typeof crmFixture>;
const withCustomerFields = (change: (fields: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): Fixture => {
  const source = crmFixture();
  const customer = source.entities[0] as unknown as { fields: Array<Record<string, unknown>> };
  customer.fields = change(customer.fields);
  return source;
};

/**
 * Removing a field makes the new version current everywhere first; its
 * column is dropped only once no node serves a version that reads it, or at
 * the next publish. The grace here is long: drops run only when a publish does.
 */
describe('a removed field keeps its column until nothing reads it (contract first)', () => {
  let lattice: TestPlatform;
  const columns = async () => Object.fromEntries((await lattice.sql<{ column_name: string; is_nullable: string }>(`select column_name, is_nullable from information_schema.columns where table_name = 'customer'`)).map((c) => [c.column_name, c.is_nullable]));
  beforeAll(async () => {
    lattice = await startTestPlatform({ operations: { dropGraceMs: 600_000 } });
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('publishes without the field while its column stays (no longer required), then a rollback to a version with a field brings it back', async () => {
    dataOf(await publishReviewed(lattice.admin, crmFixture()));
    // A required field with no default, added while there are no customers.
    const withSegment = withCustomerFields((fields) => [...fields, { key: 'segment', name: 'segment', type: 'text', required: true, maxLength: 20 }]);
    expect(dataOf(await publishReviewed(lattice.admin, withSegment)).publish.version).toBe(2);
    dataOf(await lattice.records(`mutation { createCustomer(input: { name: "赵敏", segment: "mass", notes: "老客户" }) { id } }`));

    const withoutBoth = withCustomerFields((fields) => fields.filter((f) => f['key'] !== 'notes'));
    const refused = await publishReviewed(lattice.admin, withoutBoth, { confirm: ['drop-column:customer.notes'] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    expect(dataOf(await publishReviewed(lattice.admin, withoutBoth, { confirm: ['drop-column:customer.notes', 'drop-column:customer.segment'] })).publish.version).toBe(3);

    // The columns are still there for nodes and requests on version 2; the new version writes without them.
    expect(await columns()).toMatchObject({ notes: 'YES', segment: 'YES' });
    const created = dataOf(await lattice.records(`mutation { createCustomer(input: { name: "钱进" }) { id name } }`)).createCustomer;
    expect(created.name).toBe('钱进');
    const gone = await lattice.records(`{ customers(first: 1) { nodes { segment } } }`);
    expect(gone.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const deferred = await lattice.sql<{ version: number; statement: string }>('select version, statement from lattice_deferred_drop order by id');
    expect(deferred).toEqual([{ version: 3, statement: expect.stringMatching(/^alter table "customer" drop column "(notes|segment)", drop column "(notes|segment)";$/) }]);
    expect(await lattice.metadata.runDeferredDrops()).toEqual([]);
    const audit = await lattice.sql<{ changes: { deferredDrops: string[] } }>(`select changes from lattice_audit_entry where action = 'publish' and metadata_version = 3`);
    expect(audit[0]?.changes.deferredDrops).toEqual([deferred[0]?.statement]);

    // Rollback to version 1 (notes, no segment): the pending drops run first, then notes is created again as its plan says.
    const rolledBack = dataOf(await rollbackReviewed(lattice.admin, 1)).rollback;
    expect(rolledBack.version).toBe(4);
    const after = await columns();
    expect(after['segment']).toBeUndefined();
    expect(after['notes']).toBe('YES');
    expect(await lattice.sql('select * from lattice_deferred_drop')).toEqual([]);
    const customers = dataOf(await lattice.records(`{ customers(first: 10) { nodes { name notes } } }`)).customers.nodes;
    expect(customers).toHaveLength(2);
    expect(customers.every((c: { notes: string | null }) => c.notes === null)).toBe(true);
    dataOf(await lattice.records(`mutation { createCustomer(input: { name: "孙丽", notes: "回来了" }) { notes } }`));
  });
});
