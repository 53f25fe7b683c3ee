import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import type { AccessLogEntryView } from '../../src/sharing/access-log.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';

type Api = Awaited<ReturnType<typeof signedInAs>>;
type Details = { path?: string; fields?: string[]; operators?: Record<string, string[]>; via?: string };

const detailsOf = (entry: AccessLogEntryView) => entry.details as Details;

/**
 * Whatever path shows personal data to a user, or confirms it, the access
 * log has it: audit entries with old values, the answers of mutations,
 * filters and sorts on personal fields (even when they only count, or find
 * nothing); each unit's auditors see only their own records; a conflict and
 * an audit entry name no field the reader cannot see.
 */
describe('the access log records every path that reveals personal data', () => {
  let lattice: TestPlatform;
  let counter: Api;
  let mine: string;
  let jinniu: string;
  const myIdNumber = 'E71000001';
  const myPhone = '13800007101';

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    const wuhou = await lattice.accessAs('wh.counter');
    mine = (await wuhou.create('Customer', customerInput('武侯日志客户', { idNumber: myIdNumber, phone: myPhone }))).id;
    jinniu = (await (await lattice.accessAs('jn.counter')).create('Customer', customerInput('金牛日志客户', { phone: '13800007102' }))).id;
    counter = await signedInAs(lattice, 'wh.counter');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  /** Personal-data entries as an auditor of some unit reads them, by whom and along which path. */
  async function logged(auditor: string, login: string, path: string): Promise<AccessLogEntryView[]> {
    const entries = (await (await lattice.accessAs(auditor)).part(SHARING).accessLog({ kind: 'personal-data', first: 500 })).entries;
    return entries.filter((e) => e.login === login && detailsOf(e).path === path);
  }

  it('logs the before and after of personal fields an audit entry shows, as a read of those records', async () => {
    const version = (await (await lattice.accessAs('wh.counter')).get('Customer', mine))?.version as number;
    await (await lattice.accessAs('wh.counter')).update('Customer', mine, version, { phone: '13800007109' });
    const supervisor = await signedInAs(lattice, 'wh.supervisor');
    const entries = dataOf(await supervisor.records(`query($id: ID!) { auditLog(entity: "Customer", recordId: $id) { entries { action changes } } }`, { id: mine })).auditLog.entries;
    expect(entries.find((e: { action: string }) => e.action === 'UPDATE').changes).toEqual({ phone: { before: myPhone, after: '13800007109' } });
    const read = await logged('wh.supervisor', 'wh.supervisor', 'audit');
    expect(read.map((e) => ({ recordIds: e.recordIds, units: e.units, fields: detailsOf(e).fields }))).toEqual(
      expect.arrayContaining([
        { recordIds: [mine], units: ['sc_cd_wh_h1'], fields: ['phone'] },
        { recordIds: [mine], units: ['sc_cd_wh_h1'], fields: ['idNumber', 'phone'] },
      ]),
    );
    await (await lattice.accessAs('wh.counter')).update('Customer', mine, version + 1, { phone: myPhone });
  });

  it('shows an audit reader no change of a field they cannot see, and logs none for it', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    const customer = await wuhou.create('Customer', customerInput('社区客户', { whCommunity: '科华社区', email: 'kehua@example.cn' }));
    // The province's admin holds no position in Wuhou: the field Wuhou's layer added does not exist for them.
    const admin = await signedInAs(lattice, 'sc.admin');
    const [created] = dataOf(await admin.records(`query($id: ID!) { auditLog(entity: "Customer", recordId: $id) { entries { changes } } }`, { id: customer.id })).auditLog.entries;
    expect(created.changes).not.toHaveProperty('whCommunity');
    expect(created.changes).toHaveProperty('email');
    const read = (await logged('sc.admin', 'sc.admin', 'audit')).filter((e) => e.recordIds.includes(customer.id));
    expect(read).toHaveLength(1);
    expect(detailsOf(read[0] as AccessLogEntryView).fields).toEqual(['email', 'idNumber']);
  });

  it('logs the answer of every mutation as a read of the personal fields it returns', async () => {
    const created = dataOf(await counter.records(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id version } }`, { input: customerInput('变更客户', { phone: '13800007103' }) })).createCustomer;
    const updated = dataOf(await counter.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { notes: "改套餐" }) { idNumber phone } }`, { id: created.id })).updateCustomer;
    expect(updated.phone).toBe('13800007103');
    const cityAdmin = await signedInAs(lattice, 'cd.admin');
    dataOf(await cityAdmin.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 2) { id } }`, { id: created.id }));
    dataOf(await cityAdmin.records(`mutation($id: ID!) { restoreCustomer(id: $id) { id phone } }`, { id: created.id }));
    for (const [login, path] of [['wh.counter', 'create'], ['wh.counter', 'update'], ['cd.admin', 'delete'], ['cd.admin', 'restore']] as const) {
      const entries = (await logged('wh.supervisor', login, path)).filter((e) => e.recordIds.includes(created.id));
      expect(entries, `${login} ${path}`).toHaveLength(1);
      expect(entries[0]).toMatchObject({ entity: 'customer', recordIds: [created.id], units: ['sc_cd_wh_h1'] });
      expect(detailsOf(entries[0] as AccessLogEntryView).fields).toEqual(expect.arrayContaining(['idNumber', 'phone']));
    }
  });

  it('logs a filter on a personal field with the records it confirmed, when the query only counts, and never stores the searched value', async () => {
    const found = dataOf(await counter.records(`query($n: String!) { customers(filter: { idNumber: { eq: $n } }) { totalCount } }`, { n: myIdNumber })).customers;
    expect(found.totalCount).toBe(1);
    const none = dataOf(await counter.records(`{ customers(first: 0, filter: { or: [{ name: { eq: "无此人" } }, { idNumber: { in: ["E79999999"] } }] }) { totalCount } }`)).customers;
    expect(none.totalCount).toBe(0);
    const entries = await logged('wh.supervisor', 'wh.counter', 'filter');
    expect(entries.map((e) => ({ entity: e.entity, recordIds: e.recordIds, units: e.units, details: e.details }))).toEqual(
      expect.arrayContaining([
        { entity: 'customer', recordIds: [mine], units: ['sc_cd_wh_h1'], details: { path: 'filter', fields: ['idNumber'], operators: { idNumber: ['eq'] } } },
        // An empty answer confirms too: it is logged for the unit whose scope was searched.
        { entity: 'customer', recordIds: [], units: ['sc_cd_wh_h1'], details: { path: 'filter', fields: ['idNumber'], operators: { idNumber: ['in'] } } },
      ]),
    );
    // A page of one: every match is logged, not only the page's.
    const wide = dataOf(await counter.records(`{ customers(first: 1, filter: { idNumber: { startsWith: "E" } }) { totalCount nodes { id } } }`)).customers;
    expect(wide.totalCount).toBeGreaterThan(1);
    const startsWith = (await logged('wh.supervisor', 'wh.counter', 'filter')).filter((e) => detailsOf(e).operators?.['idNumber']?.includes('startsWith'));
    expect(startsWith.flatMap((e) => e.recordIds)).toHaveLength(wide.totalCount);
    const stored = JSON.stringify(await lattice.sql(`select details from lattice_access_log where kind = 'personal-data'`));
    expect(stored).not.toContain(myIdNumber);
    expect(stored).not.toContain('E79999999');
  });

  it('logs every one of 20 ID numbers probed at once, the hit with its record', async () => {
    const before = (await logged('wh.supervisor', 'wh.counter', 'filter')).length;
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 7 ? myIdNumber : `E7200${String(i).padStart(4, '0')}`));
    const counts = await Promise.all(guesses.map(async (n) => dataOf(await counter.records(`query($n: String!) { customers(filter: { idNumber: { eq: $n } }) { totalCount } }`, { n })).customers.totalCount));
    expect(counts.filter((c) => c === 1)).toHaveLength(1);
    const all = await logged('wh.supervisor', 'wh.counter', 'filter');
    const entries = all.slice(0, all.length - before); // newest first
    expect(entries).toHaveLength(20);
    expect(entries.filter((e) => e.recordIds.length === 0)).toHaveLength(19);
    expect(entries.filter((e) => e.recordIds[0] === mine)).toHaveLength(1);
  });

  it('logs a create refused as a duplicate ID number for the unit holding it, even outside the writer\'s scope', async () => {
    const fujian = await (await lattice.accessAs('gl.counter')).create('Customer', customerInput('福州证件客户', { idType: 'resident_id', idNumber: '350102199001015678' }));
    const refused = await counter.records(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: customerInput('冒用证件', { idType: 'resident_id', idNumber: '350102199001015678' }) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    // Inside one batch, two inputs collide with each other: no stored customer's ID number is confirmed.
    const batch = await counter.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs: [customerInput('同批甲', { idNumber: 'E73000001' }), customerInput('同批乙', { idNumber: 'E73000001' })] });
    expect(batch.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const fujianSees = await logged('fj.admin', 'wh.counter', 'duplicate');
    expect(fujianSees).toMatchObject([{ entity: 'customer', recordIds: [fujian.id], units: ['fj_fz_gl_h1'], details: { fields: ['idNumber'] } }]);
    expect(await logged('wh.supervisor', 'wh.counter', 'duplicate')).toEqual([]);
    expect(JSON.stringify(fujianSees)).not.toContain('350102199001015678');
  });

  it('logs a filter through a reference on the entity whose personal field it names', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    const product = (await lattice.access().create('Product', { code: 'P_REVEALED', name: '日志套餐', category: 'mobile_plan', monthlyFee: '39.00' })).id;
    const account = (await wuhou.create('Account', { customer: mine, name: '日志账户', paymentMethod: 'cash', billingDay: 1, status: 'active' })).id;
    await wuhou.create('Subscription', { serviceNumber: 'SN-REVEALED-1', customer: mine, account, product, status: 'active' });
    const lines = dataOf(await counter.records(`query($p: String!) { subscriptions(filter: { customer: { is: { phone: { eq: $p } } } }) { totalCount nodes { serviceNumber } } }`, { p: myPhone })).subscriptions;
    expect(lines).toEqual({ totalCount: 1, nodes: [{ serviceNumber: 'SN-REVEALED-1' }] });
    const entries = (await logged('wh.supervisor', 'wh.counter', 'filter')).filter((e) => detailsOf(e).via);
    expect(entries).toMatchObject([{ entity: 'customer', recordIds: [mine], units: ['sc_cd_wh_h1'], details: { fields: ['phone'], operators: { phone: ['eq'] }, via: 'Subscription.customer' } }]);
  });

  it('logs a sort on a personal field as a read of the page it ordered', async () => {
    const page = dataOf(await counter.records(`{ customers(first: 100, orderBy: [{ field: idNumber }]) { nodes { id name } } }`)).customers;
    expect(page.nodes.map((n: { id: string }) => n.id)).toContain(mine);
    const entries = await logged('wh.supervisor', 'wh.counter', 'sort');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ units: ['sc_cd_wh_h1'], details: { fields: ['idNumber'] } });
    expect(entries[0]?.recordIds).toEqual(expect.arrayContaining(page.nodes.map((n: { id: string }) => n.id)));
  });

  it("shows each unit's auditors only the records of an entry that their units own", async () => {
    const cityAdmin = await signedInAs(lattice, 'cd.admin');
    const listed = dataOf(await cityAdmin.records(`{ customers(filter: { name: { contains: "日志客户" } }) { nodes { id phone } } }`)).customers.nodes;
    expect(listed).toHaveLength(2);
    const wuhouSees = (await logged('wh.supervisor', 'cd.admin', 'read')).filter((e) => e.recordIds.includes(mine) || e.recordIds.includes(jinniu));
    expect(wuhouSees.flatMap((e) => e.recordIds)).toEqual([mine]);
    expect(wuhouSees.flatMap((e) => e.units)).toEqual(['sc_cd_wh_h1']);
    const provinceSees = (await logged('sc.admin', 'cd.admin', 'read')).filter((e) => e.recordIds.includes(mine) || e.recordIds.includes(jinniu));
    expect(provinceSees.flatMap((e) => e.recordIds).sort()).toEqual([mine, jinniu].sort());
  });

  it('shows no record ids of an entry naming several units to an auditor of only some of them', async () => {
    const units = await lattice.sql(`select id from lattice_org_unit where key in ('sc_cd_wh_h1', 'sc_cd_jn_h1') order by key desc`);
    await lattice.sql(`insert into lattice_access_log (at, login, kind, entity_key, record_ids, unit_ids, details) values (now(), 'old.reader', 'personal-data', 'customer', $1, $2, '{"fields":["phone"]}')`, [
      `{${mine},${jinniu}}`,
      `{${units.map((u: { id: string }) => u.id).join(',')}}`,
    ]);
    const old = async (auditor: string) => (await (await lattice.accessAs(auditor)).part(SHARING).accessLog({ kind: 'personal-data', first: 500 })).entries.filter((e) => e.login === 'old.reader');
    expect(await old('wh.supervisor')).toMatchObject([{ recordIds: [], units: ['sc_cd_wh_h1'] }]);
    expect((await old('cd.admin'))[0]?.units.sort()).toEqual(['sc_cd_jn_h1', 'sc_cd_wh_h1']);
    expect((await old('cd.admin'))[0]?.recordIds.sort()).toEqual([mine, jinniu].sort());
  });

  it('names in a CONFLICT only the changed fields the writer can read', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    const customer = await wuhou.create('Customer', customerInput('冲突客户', { phone: '13800007104', whCommunity: '玉林社区' }));
    await wuhou.update('Customer', customer.id, 1, { idNumber: 'E71000099', whCommunity: '桐梓林社区' });
    // The province's hotline may change the notes, but not see the ID number or Wuhou's own field.
    const agent = await signedInAs(lattice, 'sc.agent');
    const stale = await agent.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { notes: "来电" }) { id } }`, { id: customer.id });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', changedFields: [] });
    expect(stale.errors?.[0]?.message).not.toMatch(/idNumber|whCommunity/);
    // The province's admin sees the ID number, not Wuhou's field.
    const admin = await signedInAs(lattice, 'sc.admin');
    const staleDelete = await admin.records(`mutation($id: ID!) { deleteCustomer(id: $id, version: 1) { id } }`, { id: customer.id });
    expect(staleDelete.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', changedFields: ['idNumber'] });
    expect(staleDelete.errors?.[0]?.message).not.toContain('whCommunity');
  });
});
