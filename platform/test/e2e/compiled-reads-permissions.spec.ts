import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { throughBothPaths } from '../support/both-read-paths.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';

type Api = Awaited<ReturnType<typeof signedInAs>>;

const LIST = `{ customers(first: 50, orderBy: [{ field: name }]) { totalCount nodes { id name contacts { name customer { name } } } } }`;
const ONE = `query($id: ID!) { customer(id: $id) { id name } }`;

/**
 * The compiled path is reached through the access point and keeps every one
 * of its rules: row scope (lists, counts, reads by id, references, related
 * lists), hidden fields, record shares and serve-anywhere grants, and the
 * personal-data log. Each request runs through both paths and must answer
 * the same; the compiled path must be the one that answered.
 */
describe('compiled reads keep the access point\'s permissions', () => {
  let lattice: TestPlatform;
  let wuhou: Api;
  let jinniu: Api;
  const ids: Record<string, string> = {};
  const both = (api: Api, query: string, variables?: Record<string, unknown>) => throughBothPaths(lattice, api.records, query, variables);
  const names = (result: { data?: any }) => (dataOf(result).customers.nodes as { name: string }[]).map((n) => n.name);

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    const wh = await lattice.accessAs('wh.counter');
    const jn = await lattice.accessAs('jn.counter');
    ids['wuhou'] = (await wh.create('Customer', customerInput('武侯客户', { phone: '13800000001' }))).id;
    ids['jinniu'] = (await jn.create('Customer', customerInput('金牛客户', { phone: '13800000002' }))).id;
    ids['fujian'] = (await (await lattice.accessAs('gl.counter')).create('Customer', customerInput('福州客户', { idType: 'resident_id', idNumber: '350102199001011234', phone: '13905910001' }))).id;
    // A contact in Wuhou whose customer is Jinniu's: the reference must read as null to Wuhou.
    // A contact in Wuhou whose customer is Jinniu's, and one in Jinniu of Wuhou's customer (placed by the platform: a hall cannot point at what it cannot see).
    const system = lattice.access();
    const unitOf = async (id: string) => (await lattice.sql(`select org_unit_id from customer where id = $1`, [id]))[0].org_unit_id as string;
    const across = await system.create('Contact', { customer: ids['jinniu'], name: '跨厅联系人', phone: '13800000011' });
    const theirs = await system.create('Contact', { customer: ids['wuhou'], name: '金牛的联系人', phone: '13800000013' });
    await lattice.sql(`update contact set org_unit_id = $2 where id = $1`, [across.id, await unitOf(ids['wuhou'] as string)]);
    await lattice.sql(`update contact set org_unit_id = $2 where id = $1`, [theirs.id, await unitOf(ids['jinniu'] as string)]);
    await wh.create('Contact', { customer: ids['wuhou'], name: '本厅联系人', phone: '13800000012' });
    wuhou = await signedInAs(lattice, 'wh.counter');
    jinniu = await signedInAs(lattice, 'jn.counter');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('shows a hall only its records in lists, counts, reads by id, references and related lists', async () => {
    const list = await both(wuhou, LIST);
    expect(list.path).toBe('compiled');
    expect(dataOf(list.result).customers).toEqual({
      totalCount: 1,
      nodes: [{ id: ids['wuhou'], name: '武侯客户', contacts: [{ name: '本厅联系人', customer: { name: '武侯客户' } }] }],
    });
    const other = await both(wuhou, ONE, { id: ids['jinniu'] });
    expect(other.path).toBe('compiled');
    expect(dataOf(other.result).customer).toBeNull();
    const contacts = await both(wuhou, `{ contacts(first: 50, orderBy: [{ field: name }]) { nodes { name customer { id name } } } }`);
    expect(contacts.path).toBe('compiled');
    expect(dataOf(contacts.result).contacts.nodes).toEqual([{ name: '本厅联系人', customer: { id: ids['wuhou'], name: '武侯客户' } }, { name: '跨厅联系人', customer: null }]);
    const filtered = await both(wuhou, `{ customers(filter: { name: { eq: "金牛客户" } }) { totalCount } }`);
    expect(dataOf(filtered.result).customers.totalCount).toBe(0);
    expect(filtered.path).toBe('compiled');
  });

  it('refuses a hidden field (read, nested, filtered, sorted) with the resolvers\' very error, and reveals nothing', async () => {
    for (const query of [
      `query($id: ID!) { customer(id: $id) { id valueTier } }`,
      `query($id: ID!) { customer(id: $id) { id contacts { name customer { valueTier } } } }`,
      `{ customers { nodes { name valueTier } } }`,
      `{ customers(filter: { valueTier: { eq: "strategic" } }) { totalCount } }`,
      `{ customers(orderBy: [{ field: valueTier }]) { nodes { id } } }`,
    ]) {
      const { result, path } = await both(wuhou, query, { id: ids['wuhou'] });
      expect(path, query).toBe('refused');
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? null)).not.toContain('valueTier');
    }
  });

  it('widens the list by a record share and by a serve-anywhere grant, as the resolvers do', async () => {
    dataOf(await jinniu.records(`mutation($id: ID!) { shareRecord(entity: "Customer", id: $id, user: "wh.counter", until: "2099-01-01T00:00:00Z", reason: "joint account review") { id } }`, { id: ids['jinniu'] }));
    const shared = await both(wuhou, LIST);
    expect(shared.path).toBe('compiled');
    expect(names(shared.result)).toEqual(['武侯客户', '金牛客户']);
    expect((await both(wuhou, ONE, { id: ids['fujian'] })).result.data?.customer).toBeNull();
    dataOf(await wuhou.records(`mutation($m: JSON!) { serveAnywhere(entity: "Customer", match: $m, reason: "客户来成都出差，办理套餐变更") { recordId } }`, { m: { phone: '13905910001', idNumber: '350102199001011234' } }));
    const served = await both(wuhou, ONE, { id: ids['fujian'] });
    expect(served.path).toBe('compiled');
    expect(dataOf(served.result).customer).toEqual({ id: ids['fujian'], name: '福州客户' });
    expect(names((await both(wuhou, LIST)).result)).toEqual(['武侯客户', '福州客户', '金牛客户'].sort());
  });

  it('logs the personal data a compiled read returned: entity, fields and record ids, for the owning unit', async () => {
    const supervisor = await lattice.accessAs('wh.supervisor');
    const readsBy = async (login: string) => (await supervisor.part(SHARING).accessLog({ kind: 'personal-data', first: 500 })).entries.filter((e) => e.login === login && (e.details as { path?: string }).path === 'read');
    const before = (await readsBy('wh.counter')).length;
    lattice.compiledReads.enabled = true;
    const compiledBefore = lattice.compiledReads.stats.compiled;
    const page = dataOf(await wuhou.records(`{ customers(filter: { name: { eq: "武侯客户" } }) { nodes { id phone contacts { name } } } }`)).customers.nodes;
    const one = dataOf(await wuhou.records(`query($id: ID!) { contact: contacts(first: 5, filter: { name: { eq: "本厅联系人" } }) { nodes { name customer { id idNumber } } } c: customer(id: $id) { email } }`, { id: ids['wuhou'] }));
    expect(lattice.compiledReads.stats.compiled).toBe(compiledBefore + 2);
    expect(page).toEqual([{ id: ids['wuhou'], phone: '13800000001', contacts: [{ name: '本厅联系人' }] }]);
    // The hidden id and unit the log is made from are not part of the answer.
    expect(one.contact.nodes).toEqual([{ name: '本厅联系人', customer: { id: ids['wuhou'], idNumber: expect.any(String) } }]);
    const entries = (await readsBy('wh.counter')).slice(0, (await readsBy('wh.counter')).length - before);
    expect(entries.map((e) => ({ entity: e.entity, recordIds: e.recordIds, units: e.units, fields: (e.details as { fields: string[] }).fields })).sort((a, b) => a.fields.join().localeCompare(b.fields.join()))).toEqual([
      { entity: 'customer', recordIds: [ids['wuhou']], units: ['sc_cd_wh_h1'], fields: ['email'] },
      { entity: 'customer', recordIds: [ids['wuhou']], units: ['sc_cd_wh_h1'], fields: ['idNumber'] },
      { entity: 'customer', recordIds: [ids['wuhou']], units: ['sc_cd_wh_h1'], fields: ['phone'] },
    ]);
  });

  it('never mixes two actors\' scopes under one cached plan: 20 parallel reads of one document', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? jinniu : wuhou).records(`{ customers(first: 50, orderBy: [{ field: name }]) { totalCount nodes { name } } }`)));
    for (const [i, answer] of answers.entries()) expect(names(answer)).toEqual(i % 2 ? ['金牛客户'] : ['武侯客户', '福州客户', '金牛客户'].sort());
  });
});
