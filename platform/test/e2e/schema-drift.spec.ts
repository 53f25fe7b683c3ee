import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSchema, SchemaComparator } from '@mikro-orm/postgresql';
import { recordTablesOf } from '../../src/storage/version-orm.js';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishReviewed } from '../support/crm-seed.js';
import { crmFixture, type CrmFixture } from '../support/crm-fixture.js';


/**
 * After every publish, MikroORM's introspection of the live database must
 * agree with the schema MikroORM derives from the published metadata: the
 * key-based DDL (renames included) leaves no drift behind.
 */
describe('published DDL leaves the database exactly as the metadata describes it', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  async function drift(): Promise<string> {
    // Drops are deferred until no node serves a version that reads the column (contract first): run them now.
    await lattice.metadata.runDeferredDrops({ all: true });
    const { orm } = lattice.live.current;
    const expected = recordTablesOf(orm);
    const tables = expected.getTables().map((t) => t.name);
    const actual = await DatabaseSchema.create(orm.em.getConnection(), orm.em.getPlatform(), orm.config, 'public', undefined, tables);
    const diff = new SchemaComparator(orm.em.getPlatform()).compare(actual, expected);
    // Postgres stores a generated column's expression in its own normal form, so the text never matches
    // the metadata's; formula columns are compared by the differential formula tests instead.
    for (const table of Object.values(diff.changedTables)) {
      for (const [name, column] of Object.entries(table.addedColumns)) {
        if (column.generated && table.removedColumns[name]?.generated) {
          delete table.addedColumns[name];
          delete table.removedColumns[name];
        }
      }
    }
    return (orm.schema as unknown as { diffToSQL(d: unknown, o: unknown): string }).diffToSQL(diff, { wrap: false, safe: false, dropTables: false, schema: 'public' }).trim();
  }

  /** The fixture with an entity, a reference, a uniquely indexed field and a many-to-many renamed (same keys). */
  function renamedFixture(): CrmFixture {
    const source = crmFixture();
    const [cust, prod, sub] = source.entities as any[];
    cust.name = 'Client';
    cust.fields.find((f: any) => f.key === 'id_number').name = 'documentNumber';
    prod.fields.find((f: any) => f.key === 'code').name = 'productCode';
    sub.name = 'Line';
    sub.fields.find((f: any) => f.key === 'sub_customer').name = 'holder';
    sub.fields.find((f: any) => f.key === 'addons').name = 'extras';
    return source;
  }

  async function publish(source: CrmFixture, confirm: string[] = []): Promise<string[]> {
    return dataOf(await publishReviewed(lattice.admin, source, { confirm })).publish.plan.ddl;
  }

  it('has no drift after the first publish', async () => {
    await publish(crmFixture());
    expect(await drift()).toBe('');
  });

  it('renames an entity, a reference, a field with a unique index and a many-to-many, keeping data and leaving no drift', async () => {
    const customer = dataOf(await lattice.records(`mutation { createCustomer(input: { name: "王芳", idType: "passport", idNumber: "E1234567" }) { id } }`)).createCustomer;
    const product = dataOf(await lattice.records(`mutation { createProduct(input: { code: "P1", title: "5G 199", monthlyFee: "199.00" }) { id } }`)).createProduct;
    dataOf(await lattice.records(`mutation($c: ID!, $p: ID!) { createSubscription(input: { msisdn: "18900000001", customer: $c, addOns: [$p] }) { id } }`, { c: customer.id, p: product.id }));

    const source = renamedFixture();
    const ddl = await publish(source);
    expect(ddl.join('\n')).not.toMatch(/drop (table|column)/);
    expect(ddl.join('\n')).toMatch(/rename to "client"/);
    expect(await drift()).toBe('');

    const line = dataOf(await lattice.records(`{ lines(first: 5) { nodes { msisdn holder { name documentNumber } extras { productCode } } } }`)).lines.nodes;
    expect(line).toEqual([{ msisdn: '18900000001', holder: { name: '王芳', documentNumber: 'E1234567' }, extras: [{ productCode: 'P1' }] }]);
  });

  it('changes a column type and constraints with no drift', async () => {
    const source = renamedFixture();
    const [cust] = source.entities as any[];
    cust.fields.find((f: any) => f.key === 'notes').type = 'text';
    cust.fields.find((f: any) => f.key === 'notes').maxLength = 500;
    cust.fields.find((f: any) => f.key === 'email').unique = true;
    cust.fields = cust.fields.filter((f: any) => f.key !== 'extra');
    cust.indexes = [];
    await publish(source, ['drop-column:customer.extra']);
    expect(await drift()).toBe('');
  });
});
