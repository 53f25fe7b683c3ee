import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, type TestPlatform } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import type { MetadataSet } from '@lattice/runtime';

/** Illustrative rules of a provincial operator, attached to customers. */
const CUSTOMER_RULES = {
  kind: 'ruleSet',
  key: 'customer_rules',
  entity: 'customer',
  rules: [
    {
      key: 'enterprise_needs_industry',
      kind: 'validation',
      conditions: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }, { fact: 'industry', operator: 'equal', value: null }] },
      event: { type: 'invalid', params: { fields: ['industry'], message: '政企客户必须填写所属行业' } },
    },
    { key: 'public_credit_default', kind: 'defaulting', conditions: { all: [{ fact: 'customerClass', operator: 'equal', value: 'public' }] }, event: { type: 'default', params: { set: { creditLevel: 'B' } } } },
  ],
};

describe('rule sets in the published metadata, applied on every write', () => {
  let lattice: TestPlatform;
  const withRules = (ruleSets: unknown[]): MetadataSet => ({ ...lattice.metadata.liveSource(), ruleSets });

  const platform = exampleWithOrg();
  beforeAll(() => {
    lattice = platform();
  });

  it('refuses a rule set with an unknown fact or operator at plan time, with the path of the rule', async () => {
    const bad = { ...CUSTOMER_RULES, rules: [{ ...CUSTOMER_RULES.rules[0], conditions: { all: [{ fact: 'customerTyp', operator: 'equal', value: 'enterprise' }, { fact: 'industry', operator: 'looksLike', value: null }] } }] };
    const result = await lattice.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: withRules([bad]) });
    expect(errorOf(result).extensions?.code).toBe('VALIDATION');
    const paths = (errorOf(result).extensions?.problems ?? []).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^ruleSets\[customer_rules\]\.rules\[enterprise_needs_industry\]\.conditions\.all\[0\]/), expect.stringMatching(/^ruleSets\[customer_rules\]\.rules\[enterprise_needs_industry\]\.conditions\.all\[1\]\.operator/)]));
  });

  it('shows the message of a validation rule on its field and stores nothing; fills a default; checks updates too', async () => {
    dataOf(await publishReviewed(lattice.admin, withRules([CUSTOMER_RULES])));
    const access = await lattice.accessAs('sc.admin');
    const refused = await access.create('Customer', customerInput('某公司', { customerType: 'enterprise', customerClass: 'business', idType: 'business_licence', idNumber: '91510100MA6C000077' })).catch((e) => e);
    expect(refused.code).toBe('VALIDATION');
    expect(refused.details.problems).toEqual([{ code: 'rule.validation', path: 'industry', message: '政企客户必须填写所属行业' }]);
    expect((await lattice.sql(`select count(*)::int as n from customer where name = '某公司'`))[0].n).toBe(0);

    const person = await access.create('Customer', customerInput('个人客户'));
    expect((await lattice.sql(`select credit_level from customer where id = $1`, [person.id]))[0].credit_level).toBe('B');
    const firm = await access.create('Customer', customerInput('某公司', { customerType: 'enterprise', customerClass: 'business', industry: 'retail', idType: 'business_licence', idNumber: '91510100MA6C000078' }));
    await expect(access.update('Customer', firm.id, 1, { industry: null })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await lattice.sql(`select industry from customer where id = $1`, [firm.id]))[0].industry).toBe('retail');
  });
});

describe('validations a branch adds in its layer', () => {
  const platform = exampleWithOrg();

  it('apply to the records placed in the branch and below it, on create and update, and nowhere else', async () => {
    const lattice = platform();
    const cd = await signedInAs(lattice, 'cd.admin');
    const chengdu = dataOf(await cd.admin(`{ layer(key: "sc_cd") }`)).layer;
    const districtNeeded = {
      key: 'district_needed',
      conditions: { all: [{ fact: 'district', operator: 'equal', value: null }] },
      event: { type: 'invalid', params: { fields: ['district'], message: '成都分公司要求填写区县' } },
    };
    const saved = dataOf(await cd.admin(`mutation($l: JSON!) { saveLayer(layer: $l) { problems { code path } } }`, { l: { ...chengdu, entities: [{ key: 'customer', addValidations: [districtNeeded] }] } }));
    expect(saved.saveLayer.problems).toEqual([]);
    dataOf(await publishReviewed(cd.admin));

    const wuhou = await lattice.accessAs('wh.counter');
    await expect(wuhou.create('Customer', customerInput('无区县'))).rejects.toMatchObject({ code: 'VALIDATION', details: { problems: [{ path: 'district', message: '成都分公司要求填写区县' }] } });
    const placed = await wuhou.create('Customer', customerInput('有区县', { district: '武侯区' }));
    await expect(wuhou.update('Customer', placed.id, placed.version as number, { district: null })).rejects.toMatchObject({ code: 'VALIDATION' });
    const fuzhou = await lattice.accessAs('gl.counter');
    expect((await fuzhou.create('Customer', customerInput('福州客户'))).id).toBeTruthy();
  });
});
