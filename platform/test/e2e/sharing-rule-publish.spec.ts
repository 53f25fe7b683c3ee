import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs, TELECOM_EXAMPLE } from '../support/example-org.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import { openExample } from '../../src/seed/example-package.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

type Source = MetadataSet & { entities: { key: string; fields: Record<string, unknown>[] }[] };

const PLAN = `query($s: JSON) { plan(source: $s) { whereUsed { entity field usedBy owner path breaks } confirmationsRequired } }`;
const GROUP_CUSTOMERS = `{ customers(filter: { customerClass: { eq: "group" } }) { nodes { id name } totalCount } }`;
const RULE_RISK = 'breaks-reference:sharing-rule:group_customer_serving_units:subscription.line_grade';

/**
 * A sharing rule whose criteria reach a related entity's field: group
 * customers are shown to the units serving one of their gold lines. A
 * publish that removes that field must be listed and confirmed, and after
 * it the rule shares nothing: no list widens, none fails.
 */
describe('a publish that removes a field a sharing rule\'s criteria use', () => {
  let lattice: TestPlatform;
  let withGrade: Source;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    withGrade = structuredClone(lattice.metadata.liveSource()) as Source;
    withGrade.entities.find((e) => e.key === 'subscription')!.fields.push({ key: 'line_grade', name: 'lineGrade', type: 'picklist', options: [{ value: 'gold' }, { value: 'standard' }] });
    dataOf(await publishReviewed(lattice.admin, withGrade));
    const org = (await openExample(TELECOM_EXAMPLE).org()) as { sharingRules: { key: string; criteria: unknown }[] };
    org.sharingRules.find((r) => r.key === 'group_customer_serving_units')!.criteria = { customerClass: { eq: 'group' }, subscriptions: { some: { lineGrade: { eq: 'gold' } } } };
    await lattice.org.importDocument(org, SYSTEM_ACTOR);

    // Two Jinniu group customers, each with a line served in a Wuhou hall: one gold, one standard.
    const jinniu = await lattice.accessAs('jn.counter');
    const product = (await lattice.access().create('Product', { code: 'P_GRADE_1', name: '政企专线', category: 'mobile_plan', monthlyFee: '199.00' })).id;
    const hall = (await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd_wh_h1'`))[0].id;
    for (const [name, grade, licence] of [['金牛金卡集团', 'gold', '91510100MA6C0G0001'], ['金牛普卡集团', 'standard', '91510100MA6C0G0002']] as const) {
      const customer = (await jinniu.create('Customer', customerInput(name, { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: licence, industry: 'retail' }))).id;
      const account = (await jinniu.create('Account', { customer, name: `${name}账户`, paymentMethod: 'cash', billingDay: 5, status: 'active' })).id;
      const line = (await jinniu.create('Subscription', { serviceNumber: `SN-${grade}`, customer, account, product, status: 'active', lineGrade: grade })).id;
      await lattice.sql(`update subscription set org_unit_id = $1 where id = $2`, [hall, line]);
      ids[grade] = customer;
    }
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('lists the rule in the plan\'s where-used, at the nested condition, and publishes only once it is confirmed', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    expect(dataOf(await counter.records(GROUP_CUSTOMERS)).customers).toEqual({ nodes: [{ id: ids['gold'], name: '金牛金卡集团' }], totalCount: 1 });

    const without = structuredClone(withGrade);
    const subscription = without.entities.find((e) => e.key === 'subscription')!;
    subscription.fields = subscription.fields.filter((f) => f['key'] !== 'line_grade');
    const planned = dataOf(await lattice.admin(PLAN, { s: without })).plan;
    expect(planned.whereUsed).toContainEqual({ entity: 'subscription', field: 'line_grade', usedBy: 'sharing-rule', owner: 'group_customer_serving_units', path: 'criteria.subscriptions.some.lineGrade', breaks: true });
    expect(planned.confirmationsRequired).toContain(RULE_RISK);

    const unconfirmed = errorOf(await publishReviewed(lattice.admin, without, { confirm: planned.confirmationsRequired.filter((id: string) => id !== RULE_RISK) }));
    expect(unconfirmed.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    expect(unconfirmed.extensions?.['confirmationsRequired']).toEqual([RULE_RISK]);
    expect(dataOf(await counter.records(GROUP_CUSTOMERS)).customers.totalCount).toBe(1);

    // Confirmed: the rule names nothing now and shares nothing; the lists it widened answer, narrower, never wider.
    dataOf(await publishReviewed(lattice.admin, without, { confirm: planned.confirmationsRequired }));
    const after = await (await signedInAs(lattice, 'wh.counter')).records(GROUP_CUSTOMERS);
    expect(after.errors).toBeUndefined();
    expect(after.data?.customers).toEqual({ nodes: [], totalCount: 0 });
    const card = await (await signedInAs(lattice, 'wh.counter')).records(`query($id: ID!) { customer(id: $id) { name } }`, { id: ids['gold'] });
    expect(card).toEqual({ data: { customer: null } });
    // Jinniu's own counter still sees both: the rule only ever added.
    expect(dataOf(await (await signedInAs(lattice, 'jn.counter')).records(GROUP_CUSTOMERS)).customers.totalCount).toBe(2);
  });
});
