import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { dataOf, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';

const RUNTIME = pathToFileURL(resolve(import.meta.dirname, '../../../runtime/dist/index.js')).href;
const WUHOU_HALL = ['group', 'sc', 'sc_cd', 'sc_cd_wh', 'sc_cd_wh_h1'];
const CREATE = `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id version notes } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: CustomerUpdateInput!) { updateCustomer(id: $id, version: $version, input: $input) { id version customerType notes } }`;
const FORMS = `{ forms(entity: "Customer") { key isDefault layer tabs { key sections { key label fields { field label } } } } }`;

type Problem = { code: string; path: string; message: string };
const problemsOf = (result: GraphqlResult<unknown>): Problem[] => (errorOf(result).extensions?.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));

/**
 * The HQ admin's customer form: enterprises must give an e-mail address;
 * notes are for enterprise customers only (hidden, and cleared, for
 * individuals); the phone number cannot change once the customer exists,
 * nor the name once the customer has a live line (a count the platform makes).
 */
function withHqForm(source: MetadataSet): MetadataSet {
  type Draft = { key: string; tabs: { sections: { fields?: Record<string, unknown>[] }[] }[] };
  const next = structuredClone(source);
  const form = (next.forms as Draft[]).find((f) => f.key === 'customer_main')!;
  for (const field of form.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields ?? []))) {
    if (field['field'] === 'email') field['required'] = { condition: 'enterprise' };
    if (field['field'] === 'notes') field['visible'] = { condition: 'enterprise' };
    if (field['field'] === 'phone') field['readOnlyAfterCreate'] = true;
    if (field['field'] === 'name') field['readOnlyAfterCreate'] = { all: [{ fact: 'liveLines', operator: 'greaterThan', value: 0 }] };
  }
  return next;
}

/** What the runtime says of the write in a plain Node process, with no database: the same metadata, the same facts. */
async function runtimeProblems(source: MetadataSet, input: Record<string, unknown>): Promise<Problem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lattice-forms-'));
  try {
    await writeFile(join(dir, 'case.json'), JSON.stringify({ source, input, unitPath: WUHOU_HALL }));
    await writeFile(
      join(dir, 'check.mjs'),
      `import { readFileSync } from 'node:fs';
import { checkRecordWrite, compileModel, createBuiltinRegistry } from '${RUNTIME}';
const { source, input, unitPath } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const compiled = compileModel(source, createBuiltinRegistry());
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const model = compiled.value;
const placement = { orgUnitId: 'hall', unitKeys: () => unitPath };
const user = { roles: ['counter_operator'], unitPath, channel: 'api' };
const result = checkRecordWrite(model, placement, { entity: model.entityByKey('customer'), mode: 'create' }, input, { user, layerPath: unitPath, references: { parentGroup: null } });
process.stdout.write(JSON.stringify(result.ok ? [] : result.problems.map(({ code, path, message }) => ({ code, path, message }))));
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'check.mjs'), join(dir, 'case.json')]);
    return JSON.parse(stdout) as Problem[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('forms published through the admin API hold every write', () => {
  const platform = exampleWithOrg();
  let lattice: TestPlatform;
  let published: MetadataSet;
  let counter: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    lattice = platform();
    const hq = await signedInAs(lattice, 'hq.admin');
    const draft = withHqForm(lattice.metadata.liveSource());
    dataOf(await hq.admin(`mutation($s: JSON!) { saveDraft(source: $s) { problems { code path } } }`, { s: draft }));
    const plan = dataOf(await hq.admin(`{ plan(draft: "main") { ddl formChanges { change path } } }`)).plan;
    expect(plan).toEqual({ ddl: [], formChanges: [{ change: 'changed', path: 'forms[customer_main]' }] });
    expect(dataOf(await publishReviewed(hq.admin, undefined, { draft: 'main' })).publish.version).toBe(2);
    published = lattice.metadata.liveSource();
    counter = await signedInAs(lattice, 'wh.counter');
  });

  it('refuses a write that breaks the form with exactly the problems the runtime gives with no database', async () => {
    const input = customerInput('某科技有限公司', { customerType: 'enterprise', customerClass: 'business', idType: 'business_licence', idNumber: '91510100MA6C0F0001' });
    const refused = await counter.records(CREATE, { input });
    expect(errorOf(refused).extensions?.code).toBe('VALIDATION');
    const expected = await runtimeProblems(published, input);
    expect(expected.map((p) => `${p.code} @ ${p.path}`).sort()).toEqual(['record.required @ email', 'record.required @ industry']);
    expect(problemsOf(refused)).toEqual(expected);
    expect((await lattice.sql(`select count(*)::int as n from customer where name = '某科技有限公司'`))[0].n).toBe(0);
    // With what the form asks for, the counter opens the enterprise customer.
    const accepted = dataOf(await counter.records(CREATE, { input: { ...input, industry: 'retail', email: 'office@example.cn' } })).createCustomer;
    expect((await lattice.sql(`select industry from customer where id = $1`, [accepted.id]))[0].industry).toBe('retail');
  });

  it('refuses a value written to a field the form hides, and clears a stored one the form comes to hide', async () => {
    const hidden = customerInput('张小明', { notes: '老客户' });
    const refused = await counter.records(CREATE, { input: hidden });
    expect(problemsOf(refused)).toEqual(await runtimeProblems(published, hidden));
    expect(problemsOf(refused)).toEqual([{ code: 'form.hidden-field', path: 'notes', message: 'Field "notes" is hidden on form "customer_main" for this record and cannot be written' }]);

    // An enterprise's form shows the notes; making the customer an individual hides them, and clears the stored value.
    const supervisor = await signedInAs(lattice, 'wh.supervisor');
    const enterprise = dataOf(await supervisor.records(CREATE, { input: customerInput('某贸易公司', { customerType: 'enterprise', customerClass: 'business', idType: 'business_licence', idNumber: '91510100MA6C0F0002', industry: 'retail', email: 'office@example.cn', notes: '政企备注' }) })).createCustomer;
    expect(enterprise).toMatchObject({ notes: '政企备注' });
    const individual = dataOf(await supervisor.records(UPDATE, { id: enterprise.id, version: 1, input: { customerType: 'individual', customerClass: 'public', idType: 'passport', idNumber: 'E77000001' } })).updateCustomer;
    expect(individual).toMatchObject({ customerType: 'individual', version: 2, notes: null });
    const [row] = await lattice.sql(`select notes, industry from customer where id = $1`, [enterprise.id]);
    expect(row).toEqual({ notes: null, industry: null });
  });

  it('refuses a change to a field that is read-only once the record exists, and allows it on create', async () => {
    const created = dataOf(await counter.records(CREATE, { input: customerInput('李四', { phone: '13800001111' }) })).createCustomer;
    const refused = await counter.records(UPDATE, { id: created.id, version: 1, input: { phone: '13900002222' } });
    expect(problemsOf(refused)).toEqual([{ code: 'form.read-only', path: 'phone', message: 'Field "phone" is read-only on this form for this record' }]);
    expect(dataOf(await counter.records(UPDATE, { id: created.id, version: 1, input: { phone: '13800001111', notes: null } })).updateCustomer.version).toBe(1);
    expect((await lattice.sql(`select phone from customer where id = $1`, [created.id]))[0].phone).toBe('13800001111');
  });

  it('gives Chengdu\'s users the district section of Chengdu\'s layer, and Fujian\'s users the form without it', async () => {
    const sectionsOf = (forms: { key: string; tabs: { sections: { key: string; fields: { field: string }[] }[] }[] }[]) =>
      Object.fromEntries(forms[0]!.tabs.flatMap((t) => t.sections).map((s) => [s.key, s.fields.map((f) => f.field)]));
    const chengdu = dataOf(await counter.records(FORMS)).forms;
    expect(chengdu).toMatchObject([{ key: 'customer_main', isDefault: true, layer: expect.stringMatching(/^sc_cd/) }]);
    expect(sectionsOf(chengdu)['cd_district']).toEqual(['district', 'address']);
    expect(sectionsOf(chengdu)['contact']).not.toContain('district');

    const fujian = dataOf(await (await signedInAs(lattice, 'gl.counter')).records(FORMS)).forms;
    expect(fujian).toMatchObject([{ key: 'customer_main', layer: null }]);
    expect(sectionsOf(fujian)['cd_district']).toBeUndefined();
    expect(sectionsOf(fujian)['contact']).toContain('district');
  });

  it('blocks at plan time a district layer that moves a field out of the section Chengdu locked, naming it', async () => {
    const source = structuredClone(lattice.metadata.liveSource());
    const wuhou = { kind: 'layer', key: 'sc_cd_wh', forms: [{ key: 'customer_main', move: [{ field: 'district', to: 'contact' }] }] };
    source.layers = (source.layers as { key: string }[]).map((l) => (l.key === 'sc_cd_wh' ? { ...l, ...wuhou } : l)) as MetadataSet['layers'];
    const plan = dataOf(await lattice.admin(`query($s: JSON) { plan(source: $s) { blocked layerProblems { code path message } formChanges { change path } } }`, { s: source })).plan;
    expect(plan.blocked).toBe(true);
    expect(plan.formChanges).toEqual([{ change: 'added', path: 'layers[sc_cd_wh].forms[customer_main]' }]);
    expect(plan.layerProblems).toHaveLength(1);
    expect(plan.layerProblems[0].path).toMatch(/^layers\[sc_cd_wh\]\.forms\[customer_main\]/);
    expect(plan.layerProblems[0].message).toMatch(/sc_cd/);
    expect(errorOf(await publishReviewed(lattice.admin, source)).extensions?.code).toBe('VALIDATION');
  });

  it('counts a customer\'s live lines in the database for a condition that reads them', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    const customer = await wuhou.create('Customer', customerInput('王五'));
    const renamed = dataOf(await counter.records(UPDATE, { id: customer.id, version: 1, input: { name: '王五一' } })).updateCustomer;
    expect(renamed.version).toBe(2);
    const product = (await lattice.access().create('Product', { code: 'P_FORMS', name: '表单套餐', category: 'mobile_plan', monthlyFee: '39.00' })).id;
    const account = (await wuhou.create('Account', { customer: customer.id, name: '王五账户', paymentMethod: 'cash', billingDay: 1, status: 'active' })).id;
    await wuhou.create('Subscription', { serviceNumber: 'SN-FORMS-1', customer: customer.id, account, product, status: 'active' });
    const refused = await counter.records(UPDATE, { id: customer.id, version: 2, input: { name: '王五二' } });
    expect(problemsOf(refused)).toEqual([{ code: 'form.read-only', path: 'name', message: 'Field "name" is read-only on this form for this record' }]);
  });
});
