import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataOf, platformForDescribe } from '../support/test-platform.js';
import { crmFixture } from '../support/crm-fixture.js';
import { PLAN, publishReviewed } from '../support/crm-seed.js';
import { indexesOf, ormDrift } from '../support/schema-snapshot.js';
import { exampleWithOrg } from '../support/example-org.js';
import { countStatements } from '../support/statement-counter.js';
import { openExample } from '../../src/seed/example-package.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/** The CRM fixture with indexes on system fields: the org unit with the name, the owner, a type's newest first. */
function withSystemIndexes() {
  const source = crmFixture();
  Object.assign(source.entities[0]!, {
    indexes: [
      { key: 'by_unit_name', fields: ['org_unit_id', 'cust_name'] },
      { key: 'by_owner', fields: ['owner_id'] },
      { key: 'by_type_newest', fields: ['cust_type', 'created_at'] },
    ],
  });
  return source;
}

describe('indexes on system fields, declared in metadata', () => {
  const platform = platformForDescribe();

  it('are planned as DDL on their columns, created by publish, and match what the ORM expects', async () => {
    const plan = dataOf(await platform().admin(PLAN, { source: withSystemIndexes() })).plan;
    expect(plan.ddl).toEqual(
      expect.arrayContaining([
        'create index "customer__by_unit_name" on "customer" ("org_unit_id", "name");',
        'create index "customer__by_owner" on "customer" ("owner_id");',
        'create index "customer__by_type_newest" on "customer" ("customer_type", "created_at");',
      ]),
    );
    expect(dataOf(await publishReviewed(platform().admin, withSystemIndexes())).publish.version).toBe(1);
    const indexes = await indexesOf(platform(), 'customer');
    expect(indexes).toEqual(expect.arrayContaining([expect.stringMatching(/customer__by_unit_name .*\(org_unit_id, name\)$/), expect.stringMatching(/customer__by_type_newest .*\(customer_type, created_at\)$/)]));
    expect(await ormDrift(platform())).toEqual([]);
  });

  it('refuses an index naming a field the entity does not have, with its path', async () => {
    const source = withSystemIndexes();
    Object.assign(source.entities[0]!, { indexes: [{ key: 'by_branch', fields: ['branch_id', 'cust_name'] }] });
    const result = await platform().admin(PLAN, { source });
    expect(result.errors?.[0]?.extensions?.['problems']).toMatchObject([{ code: 'index.unknown-field', path: 'entities[customer].indexes[by_branch].fields' }]);
  });
});

describe("a hall operator's page of their hall's customers by name", () => {
  const lattice = exampleWithOrg();

  it("reads the hall's rows through the example's (org unit, name) index, not by walking the name index past every other hall", async () => {
    const example = openExample(resolve(import.meta.dirname, '../../../examples/telecom-crm'));
    const seed = await example.seed(3000);
    if (!seed) throw new Error('Build the example first');
    await loadSeed(lattice().database.pool, lattice().live.current.model, seed);
    await lattice().database.pool.query('analyze');
    const operator = await lattice().accessAs('wh.counter');
    // The example's "my hall's enterprise customers" view: its unit filter makes the index's first column an index condition.
    const { result, statements } = await countStatements(() => operator.list('Customer', { view: 'my_hall_enterprises', first: 50, includeCount: false, fields: ['id', 'name'] }));
    expect(result.nodes.length).toBeGreaterThan(0);
    const page = statements.find((s) => /from "customer"/.test(s) && /order by/i.test(s));
    if (!page) throw new Error(`No page statement among ${statements.join('\n')}`);
    const plan = (await lattice().sql<{ 'QUERY PLAN': string }>(`explain ${page}`)).map((r) => r['QUERY PLAN']).join('\n');
    // The hall's rows are found by the index's first column (a scan, or a bitmap of it when few match), never by
    // walking the name index or the table past other halls' customers.
    expect(plan).toMatch(/(Index Scan using|Bitmap Index Scan on) customer__by_unit_name[\s\S]*?Index Cond: \(org_unit_id = /);
    expect(plan).not.toMatch(/customer__by_name\b|Seq Scan on customer/);
  });
});
