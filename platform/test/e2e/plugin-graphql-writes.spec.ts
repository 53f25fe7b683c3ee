import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION, type LatticePlugin } from '@lattice/runtime';
import { dataOf, startTestPlatform, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';

/** The built first-party plugin, as `lattice serve --plugin` loads it. */
const TELECOM_NUMBERS = pathToFileURL(resolve(import.meta.dirname, '../../../plugins/telecom-numbers/dist/src/index.js')).href;

/** A third party's plugin that writes through the verbs it is given: one mutation per verb, one that writes twice, and a query that tries to write. */
const desk: LatticePlugin = {
  key: 'desk',
  apiVersion: PLUGIN_API_VERSION,
  graphql: {
    typeDefs: `
      extend type Mutation {
        deskCreate(entity: String!, input: JSON!): JSON
        deskUpdate(entity: String!, id: ID!, version: Int!, input: JSON!): JSON
        deskDelete(entity: String!, id: ID!, version: Int): JSON
        deskRestore(entity: String!, id: ID!): JSON
        "Opens a customer and then a second one: both or neither"
        deskOpenTwo(first: JSON!, second: JSON!): [Customer!]!
      }
      extend type Query { deskSneak(id: ID!): Boolean, deskHanded: [String!]! }`,
    resolvers: {
      Mutation: {
        deskCreate: (_p, a, { records }) => records.create(a['entity'] as string, a['input'] as Record<string, unknown>),
        deskUpdate: (_p, a, { records }) => records.update(a['entity'] as string, a['id'] as string, a['version'] as number, a['input'] as Record<string, unknown>),
        deskDelete: (_p, a, { records }) => records.delete(a['entity'] as string, a['id'] as string, (a['version'] as number | null) ?? undefined),
        deskRestore: (_p, a, { records }) => records.restore(a['entity'] as string, a['id'] as string),
        deskOpenTwo: async (_p, a, { records }) => [await records.create('Customer', a['first'] as Record<string, unknown>), await records.create('Customer', a['second'] as Record<string, unknown>)],
      },
      Query: {
        deskSneak: async (_p, a, { records }) => Boolean(await records.update('Customer', a['id'] as string, 1, { name: '查询里改的' })),
        // Everything a resolver is handed, two levels deep: functions and the caller, nothing holding a connection.
        deskHanded: (_p, _a, context) => Object.entries(context).flatMap(([key, value]) => [key, ...Object.entries(value as object).map(([inner, v]) => `${key}.${inner}: ${typeof v}`)]),
      },
    },
  },
};

type Caller = Awaited<ReturnType<typeof signedInAs>>;
type Problem = { code: string; path: string; message: string };

const REPLACE = `mutation($line: ID!, $version: Int!, $iccid: String!) { replaceSimCard(line: $line, version: $version, iccid: $iccid) { line version previousIccid iccid } }`;
const UPDATE_LINE = `mutation($id: ID!, $version: Int!, $input: SubscriptionUpdateInput!) { updateSubscription(id: $id, version: $version, input: $input) { id } }`;
const UPDATE_CUSTOMER = `mutation($id: ID!, $version: Int!, $input: CustomerUpdateInput!) { updateCustomer(id: $id, version: $version, input: $input) { id } }`;
const DESK_UPDATE = `mutation($entity: String!, $id: ID!, $version: Int!, $input: JSON!) { deskUpdate(entity: $entity, id: $id, version: $version, input: $input) }`;

/** A 20-digit ICCID of the example's form (8986…) with its Luhn check digit. */
function iccid(serial: number): string {
  const body = `898600${String(serial).padStart(13, '0')}`;
  const sum = [...body].reverse().reduce((total, digit, i) => {
    const d = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + (d > 9 ? d - 9 : d);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const codes = (result: GraphqlResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);
const problemsOf = (result: GraphqlResult<unknown>): Problem[] => (errorOf(result).extensions?.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));

describe('a plugin\'s GraphQL writes as the caller, through the write pipeline', () => {
  let lattice: TestPlatform;
  let counter: Caller;
  let agent: Caller;
  const lines: string[] = [];
  let broadband = '';
  let foreignLine = '';
  let customer = '';

  const line = async (id: string) => (await lattice.sql(`select iccid, msisdn, version, contract_end_date from subscription where id = $1`, [id]))[0];
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const { accessToken } = await lattice.signIn('wh.counter', 'Lattice-wh-2026');
    const response = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphqlResult<any> & { extensions?: Record<string, unknown> };
  };

  beforeAll(async () => {
    const telecomNumbers = ((await import(TELECOM_NUMBERS)) as { default: LatticePlugin }).default;
    lattice = await startTestPlatform({ plugins: [telecomNumbers, desk] });
    await publishExampleWithOrg(lattice);
    const wuhou = await lattice.accessAs('wh.counter');
    const jinniu = await lattice.accessAs('jn.counter');
    const product = (await lattice.access().create('Product', { code: 'P_SIM_1', name: '5G畅享套餐', category: 'mobile_plan', monthlyFee: '59.00' })).id;
    customer = (await wuhou.create('Customer', customerInput('换卡客户', { phone: '13800000021' }))).id;
    const account = (await wuhou.create('Account', { customer, name: '换卡账户', paymentMethod: 'cash', billingDay: 5, status: 'active' })).id;
    for (let i = 0; i < 23; i += 1) {
      lines.push((await wuhou.create('Subscription', { serviceNumber: `SN-SIM-${i}`, msisdn: `1390000${String(i).padStart(4, '0')}`, iccid: iccid(i), customer, account, product, status: 'active' })).id);
    }
    broadband = (await wuhou.create('Subscription', { serviceNumber: 'SN-BB-1', customer, account, product, status: 'active' })).id;
    const theirs = (await jinniu.create('Customer', customerInput('金牛客户'))).id;
    const theirAccount = (await jinniu.create('Account', { customer: theirs, name: '金牛账户', paymentMethod: 'cash', billingDay: 5, status: 'active' })).id;
    foreignLine = (await jinniu.create('Subscription', { serviceNumber: 'SN-J-SIM', msisdn: '13911110000', iccid: iccid(900), customer: theirs, account: theirAccount, product, status: 'active' })).id;
    counter = await signedInAs(lattice, 'wh.counter');
    agent = await signedInAs(lattice, 'sc.agent');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('moves a line to a new SIM card, reading the number as the iccid type does, and audits it in the caller\'s name', async () => {
    const typed = iccid(100).replace(/(\d{4})/g, '$1 ').trim();
    const replaced = dataOf(await counter.records(REPLACE, { line: lines[0], version: 1, iccid: typed })).replaceSimCard;
    expect(replaced).toEqual({ line: lines[0], version: 2, previousIccid: iccid(0), iccid: iccid(100) });
    expect(await line(lines[0]!)).toMatchObject({ iccid: iccid(100), version: 2 });
    const [entry] = await lattice.sql(`select actor, action, changes from lattice_audit_entry where record_id = $1 and action = 'update'`, [lines[0]]);
    expect(entry).toEqual({ actor: 'wh.counter', action: 'update', changes: { iccid: { before: iccid(0), after: iccid(100) } } });
    // A mistyped check digit is refused by the plugin at the field, before anything is written.
    const wrongDigit = `${iccid(101).slice(0, -1)}${(Number(iccid(101).slice(-1)) + 1) % 10}`;
    const refused = await counter.records(REPLACE, { line: lines[0], version: 2, iccid: wrongDigit });
    expect(codes(refused)).toEqual(['VALIDATION']);
    expect(problemsOf(refused)).toEqual([{ code: 'iccid.invalid', path: 'iccid', message: expect.stringContaining('its check digit is') }]);
    expect(errorOf(refused).extensions?.['plugin']).toBe('telecom-numbers');
    expect(await line(lines[0]!)).toMatchObject({ iccid: iccid(100), version: 2 });
  });

  it('finds no line outside the caller\'s scope, and refuses one they may only read, as the generated mutation does', async () => {
    const outside = await counter.records(REPLACE, { line: foreignLine, version: 1, iccid: iccid(200) });
    const generatedOutside = await counter.records(UPDATE_LINE, { id: foreignLine, version: 1, input: { iccid: iccid(200) } });
    expect(codes(outside)).toEqual(['NOT_FOUND']);
    expect(errorOf(outside).message).toBe(errorOf(generatedOutside).message);
    // The call-centre agent reads every Sichuan line and changes none.
    const readOnly = await agent.records(REPLACE, { line: lines[1], version: 1, iccid: iccid(201) });
    const generatedReadOnly = await agent.records(UPDATE_LINE, { id: lines[1], version: 1, input: { iccid: iccid(201) } });
    expect(codes(readOnly)).toEqual(['FORBIDDEN']);
    expect(errorOf(readOnly).message).toBe(errorOf(generatedReadOnly).message);
    expect(await line(foreignLine)).toMatchObject({ iccid: iccid(900), version: 1 });
    expect(await line(lines[1]!)).toMatchObject({ iccid: iccid(1), version: 1 });
    // Deleting through the plugin is scoped alike: Fujian's admin deletes in Fujian only; the counter deletes nothing.
    const fujian = await signedInAs(lattice, 'fj.admin');
    const deleted = await fujian.records(`mutation($id: ID!) { deskDelete(entity: "Subscription", id: $id) }`, { id: foreignLine });
    expect(codes(deleted)).toEqual(['NOT_FOUND']);
    expect(errorOf(deleted).message).toBe(errorOf(await fujian.records(`mutation($id: ID!) { deleteSubscription(id: $id) { id } }`, { id: foreignLine })).message);
    const notAllowed = await counter.records(`mutation($id: ID!) { deskDelete(entity: "Subscription", id: $id) }`, { id: lines[1] });
    expect(codes(notAllowed)).toEqual(['FORBIDDEN']);
    expect(errorOf(notAllowed).message).toBe(errorOf(await counter.records(`mutation($id: ID!) { deleteSubscription(id: $id) { id } }`, { id: lines[1] })).message);
    expect((await lattice.sql(`select count(*)::int as n from subscription where deleted_at is not null`))[0].n).toBe(0);
  });

  it('refuses a hidden field with the generated mutation\'s error, and a read-only one the generated input cannot even name', async () => {
    const hidden = await counter.records(DESK_UPDATE, { entity: 'Customer', id: customer, version: 1, input: { valueTier: 'strategic' } });
    expect(codes(hidden)).toEqual(['FORBIDDEN']);
    expect(errorOf(hidden).message).toBe(errorOf(await counter.records(UPDATE_CUSTOMER, { id: customer, version: 1, input: { valueTier: 'strategic' } })).message);
    // The generated input type has no read-only field; a plugin passing one on reaches the access point's field check.
    const readOnly = await counter.records(DESK_UPDATE, { entity: 'Customer', id: customer, version: 1, input: { customerCode: 'C-FAKE-1' } });
    expect(codes(readOnly)).toEqual(['FORBIDDEN']);
    expect(errorOf(readOnly).message).toBe('Your roles allow you to read Customer.customerCode but not to change it');
    expect((await lattice.sql(`select value_tier, version from customer where id = $1`, [customer]))[0]).toEqual({ value_tier: null, version: 1 });
  });

  it('refuses what the form forbids — a hidden field, one read-only after create, a cross-field check — with the generated mutation\'s problems', async () => {
    // The mobile section (and its ICCID) is hidden on a line with no mobile number.
    const hidden = await counter.records(REPLACE, { line: broadband, version: 1, iccid: iccid(300) });
    expect(problemsOf(hidden)).toEqual([{ code: 'form.hidden-field', path: 'iccid', message: expect.stringContaining('"iccid" is hidden on form "subscription_main"') }]);
    expect(problemsOf(hidden)).toEqual(problemsOf(await counter.records(UPDATE_LINE, { id: broadband, version: 1, input: { iccid: iccid(300) } })));
    for (const input of [{ msisdn: '13999999999' }, { contractEndDate: '2028-06-30' }]) {
      const plugin = await counter.records(DESK_UPDATE, { entity: 'Subscription', id: lines[2], version: 1, input });
      expect(codes(plugin)).toEqual(['VALIDATION']);
      expect(problemsOf(plugin)).toEqual(problemsOf(await counter.records(UPDATE_LINE, { id: lines[2], version: 1, input })));
    }
    expect(problemsOf(await counter.records(DESK_UPDATE, { entity: 'Subscription', id: lines[2], version: 1, input: { msisdn: '13999999999' } }))).toEqual([{ code: 'form.read-only', path: 'msisdn', message: expect.any(String) }]);
    expect(await line(broadband)).toMatchObject({ iccid: null, version: 1 });
    expect(await line(lines[2]!)).toMatchObject({ msisdn: '13900000002', contract_end_date: null, version: 1 });
  });

  it('lets one of 20 concurrent replacements take a card number, and none of the others', async () => {
    const card = iccid(400);
    const answers = await Promise.all(lines.slice(3, 23).map((id) => counter.records(REPLACE, { line: id, version: 1, iccid: card })));
    expect(answers).toHaveLength(20);
    const landed = answers.filter((a) => !a.errors?.length);
    expect(landed).toHaveLength(1);
    const refused = answers.filter((a) => a.errors?.length);
    expect(new Set(refused.flatMap((a) => problemsOf(a).map((p) => `${p.code} @ ${p.path}`)))).toEqual(new Set(['record.duplicate @ iccid']));
    expect((await lattice.sql(`select count(*)::int as n from subscription where iccid = $1`, [card]))[0].n).toBe(1);
    expect((await lattice.sql(`select count(*)::int as n from lattice_audit_entry where action = 'update' and changes->'iccid'->>'after' = $1`, [card]))[0].n).toBe(1);
  });

  it('rolls back a plugin write when a later one fails, in one mutation or across a request\'s mutations', async () => {
    const before = (await lattice.sql(`select count(*)::int as n from customer`))[0].n;
    const openTwo = await post(`mutation($a: JSON!, $b: JSON!) { deskOpenTwo(first: $a, second: $b) { id } }`, { a: customerInput('先开的客户'), b: customerInput('', { phone: 'not-a-phone' }) });
    expect(codes(openTwo)).toEqual(['VALIDATION']);
    expect(openTwo.data ?? null).toBeNull();
    expect(openTwo.extensions).toMatchObject({ rolledBack: true });
    expect((await lattice.sql(`select count(*)::int as n from customer`))[0].n).toBe(before);
    expect((await lattice.sql(`select count(*)::int as n from customer where name = '先开的客户'`))[0].n).toBe(0);

    // A replacement, then a generated update of a line at a stale version: neither stays.
    const target = lines[2]!;
    const both = await post(`mutation($line: ID!, $other: ID!, $iccid: String!) {
      a: replaceSimCard(line: $line, version: 1, iccid: $iccid) { version }
      b: updateSubscription(id: $other, version: 7, input: { installAddress: "科华北路1号" }) { id }
    }`, { line: target, other: lines[0], iccid: iccid(500) });
    expect(both.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'CONFLICT']]);
    expect(both.extensions).toMatchObject({ rolledBack: true });
    expect(await line(target)).toMatchObject({ iccid: iccid(2), version: 1 });
    expect((await lattice.sql(`select count(*)::int as n from lattice_audit_entry where record_id = $1 and action = 'update'`, [target]))[0].n).toBe(0);
  });

  it('creates, deletes and restores through the pipeline, and refuses a write from a query field', async () => {
    const opened = dataOf(await counter.records(`mutation($input: JSON!) { deskCreate(entity: "Customer", input: $input) }`, { input: customerInput('插件开户') })).deskCreate as { id: string; version: number };
    expect(opened).toMatchObject({ name: '插件开户', version: 1 });
    // Chengdu's admin may delete in Chengdu; Fujian's finds nothing to restore.
    const chengdu = await signedInAs(lattice, 'cd.admin');
    expect(dataOf(await chengdu.records(`mutation($id: ID!) { deskDelete(entity: "Customer", id: $id, version: 1) }`, { id: opened.id })).deskDelete).toMatchObject({ id: opened.id });
    expect((await lattice.sql(`select deleted_at is not null as deleted from customer where id = $1`, [opened.id]))[0].deleted).toBe(true);
    expect(codes(await (await signedInAs(lattice, 'fj.admin')).records(`mutation($id: ID!) { deskRestore(entity: "Customer", id: $id) }`, { id: opened.id }))).toEqual(['NOT_FOUND']);
    expect(dataOf(await chengdu.records(`mutation($id: ID!) { deskRestore(entity: "Customer", id: $id) }`, { id: opened.id })).deskRestore).toMatchObject({ id: opened.id });
    expect((await lattice.sql(`select actor, action from lattice_audit_entry where record_id = $1 order by id`, [opened.id])).map((r) => `${r.actor} ${r.action}`)).toEqual(['wh.counter create', 'cd.admin delete', 'cd.admin restore']);

    const sneak = await counter.records(`query($id: ID!) { deskSneak(id: $id) }`, { id: opened.id });
    expect(codes(sneak)).toEqual(['FORBIDDEN']);
    expect(errorOf(sneak).message).toBe('Query.deskSneak (plugin "desk") tried to write a record: plugins write only from their Mutation fields');
    expect((await lattice.sql(`select name from customer where id = $1`, [opened.id]))[0].name).toBe('插件开户');
  });

  it('hands a resolver the caller and the access point\'s verbs, and no entity manager', async () => {
    expect(dataOf(await counter.records(`{ deskHanded }`)).deskHanded.sort()).toEqual(
      ['user', 'user.id: string', 'user.login: string', 'records', ...['get', 'list', 'create', 'update', 'delete', 'restore'].map((verb) => `records.${verb}: function`), 'refuse'].sort(),
    );
  });
});
