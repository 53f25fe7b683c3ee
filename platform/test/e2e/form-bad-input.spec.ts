import { describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { dataOf, type GraphqlResult } from '../support/test-platform.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';

type FormDraft = { key: string; tabs: { key: string; sections: { key: string; fields?: Record<string, unknown>[] }[] }[] };
type Problem = { code: string; path: string; message: string };
const problemsOf = (result: GraphqlResult<unknown>): Problem[] => (errorOf(result).extensions?.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));
const CONTACT = 'forms[customer_main].tabs[profile].sections[contact]';

/** The bad input, through the APIs: a broken form is refused at plan and publish with its paths, a batch row the form refuses stores nothing. */
describe('bad form input through the admin and record APIs', () => {
  const lattice = exampleWithOrg();

  it('refuses a form naming a missing field, a condition on an unknown fact and a condition cycle, each at its path, and publishes nothing', async () => {
    const hq = await signedInAs(lattice(), 'hq.admin');
    const draft = (edit: (field: (name: string) => Record<string, unknown>, contact: { fields?: Record<string, unknown>[] }) => void) => {
      const source = structuredClone(lattice().metadata.liveSource()) as MetadataSet;
      const contact = (source.forms as FormDraft[]).find((f) => f.key === 'customer_main')!.tabs[0]!.sections.find((s) => s.key === 'contact')!;
      edit((name) => contact.fields!.find((f) => f['field'] === name)!, contact);
      return source;
    };
    const planOf = (source: MetadataSet) => hq.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: source });
    const before = lattice().live.version;

    const unknown = draft((field, contact) => {
      contact.fields!.push({ field: 'nickName' });
      field('district')['visible'] = { all: [{ fact: 'loyaltyScore', operator: 'greaterThan', value: 3 }] };
    });
    const planned = await planOf(unknown);
    expect(errorOf(planned).extensions?.code).toBe('VALIDATION');
    expect(problemsOf(planned)).toHaveLength(2);
    expect(problemsOf(planned)).toEqual(expect.arrayContaining([
      { code: 'form.unknown-field', path: `${CONTACT}.fields[nickName].field`, message: 'Customer has no field "nickName"' },
      { code: 'rule.unknown-fact', path: `${CONTACT}.fields[district].visible.all[0].fact`, message: expect.stringContaining('loyaltyScore') },
    ]));
    expect(errorOf(await publishReviewed(hq.admin, unknown)).extensions?.code).toBe('VALIDATION');

    // Checked once the fields and facts are known: the e-mail shows when there is an address, the address when there is an e-mail.
    const cycle = draft((field) => {
      field('email')['visible'] = { all: [{ fact: 'address', operator: 'notEqual', value: null }] };
      field('address')['visible'] = { all: [{ fact: 'email', operator: 'notEqual', value: null }] };
    });
    const cyclic = await planOf(cycle);
    expect(problemsOf(cyclic)).toEqual([{ code: 'form.condition-cycle', path: expect.stringMatching(/\.fields\[(email|address)\]\.visible$/), message: expect.stringMatching(/email → address → email|address → email → address/) }]);
    expect(problemsOf(cyclic)[0]!.path.startsWith(CONTACT)).toBe(true);
    expect(errorOf(await publishReviewed(hq.admin, cycle)).extensions?.code).toBe('VALIDATION');
    expect(lattice().live.version).toBe(before);
    expect((await lattice().sql(`select count(*)::int as n from lattice_metadata_version where version > $1`, [before]))[0].n).toBe(0);
  });

  it('refuses a batch whose second row writes a field the form hides, at that row, storing neither', async () => {
    const counter = await signedInAs(lattice(), 'wh.counter');
    const inputs = [customerInput('批量甲'), customerInput('批量乙', { industry: 'retail' })];
    const refused = await counter.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs });
    expect(errorOf(refused).extensions?.code).toBe('VALIDATION');
    expect(problemsOf(refused)).toEqual([{ code: 'form.hidden-field', path: '[1].industry', message: 'Field "industry" is hidden on form "customer_main" for this record and cannot be written' }]);
    expect((await lattice().sql(`select count(*)::int as n from customer where name like '批量%'`))[0].n).toBe(0);
    // The same rows, the second as an enterprise (whose form shows the industry), go in together.
    const fixed = [inputs[0], { ...inputs[1], customerType: 'enterprise', customerClass: 'business', idType: 'business_licence', idNumber: '91510100MA6C0B0001' }];
    expect(dataOf(await counter.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs: fixed })).createCustomers).toHaveLength(2);
  });
});
