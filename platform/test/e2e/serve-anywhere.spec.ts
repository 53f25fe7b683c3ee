import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { dataOf } from '../support/test-platform.js';
import type { RecordAccess } from '../../src/records/record-access.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';

/** Reads, not the answers of the creates that set the customers up (logged too). */
const isRead = (entry: { details: unknown }) => (entry.details as { path?: string }).path === 'read';
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));

describe('serving a customer from anywhere, sharing rules and the access log', () => {
  let lattice: TestPlatform;
  let fujian: RecordAccess;
  let chengdu: RecordAccess;
  let visitor: string;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    fujian = await lattice.accessAs('gl.counter');
    chengdu = await lattice.accessAs('wh.counter');
    visitor = (await fujian.create('Customer', customerInput('福州来客', { idType: 'resident_id', idNumber: '350102199001011234', phone: '13905910001' }))).id;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('serves a visiting customer after the phone number and ID number, for a limited time, and the owning unit sees it in its log', async () => {
    expect(await chengdu.get('Customer', visitor)).toBeNull();
    const grant = await chengdu.part(SHARING).serveAnywhere('Customer', { phone: '139 0591 0001', idNumber: '350102199001011234' }, '客户来成都出差，办理套餐变更');
    expect(grant.recordId).toBe(visitor);
    expect(new Date(grant.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const served = await lattice.accessAs('wh.counter');
    expect((await served.get('Customer', visitor))?.['name']).toBe('福州来客');
    expect((await served.update('Customer', visitor, 1, { notes: '异地办理' }))['notes']).toBe('异地办理');
    expect((await served.list('Customer', { first: 50 })).nodes.map((n) => n.id)).toContain(visitor);

    const fjLog = (await (await lattice.accessAs('fj.admin')).part(SHARING).accessLog({ kind: 'serve-anywhere' })).entries;
    expect(fjLog).toMatchObject([{ login: 'wh.counter', entity: 'customer', recordIds: [visitor], units: ['fj_fz_gl_h1'], reason: '客户来成都出差，办理套餐变更' }]);
    expect((await (await lattice.accessAs('sc.admin')).part(SHARING).accessLog({ kind: 'serve-anywhere' })).entries).toEqual([]);
    expect(await codeOf(chengdu.part(SHARING).accessLog({}))).toBe('FORBIDDEN');
  });

  it('refuses a wrong identifier pair with the same answer whatever was wrong, logs it, and stops a prober', async () => {
    const agent = await lattice.accessAs('sc.agent');
    const wrongId = await agent.part(SHARING).serveAnywhere('Customer', { phone: '13905910001', idNumber: '350102199001019999' }, '来电咨询账单').catch((e) => e);
    const unknown = await agent.part(SHARING).serveAnywhere('Customer', { phone: '13900000000', idNumber: '350102199001011234' }, '来电咨询账单').catch((e) => e);
    expect([wrongId.code, unknown.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(wrongId.message).toBe(unknown.message);
    expect(await codeOf(agent.part(SHARING).serveAnywhere('Customer', { customerCode: 'CUS20260101000001', idNumber: '350102199001011234' }, '来电'))).toBe('VALIDATION');
    expect(await codeOf(agent.part(SHARING).serveAnywhere('Customer', { phone: '13905910001' }, '来电咨询账单'))).toBe('VALIDATION');
    expect(await codeOf(agent.part(SHARING).serveAnywhere('Customer', { phone: '13905910001', idNumber: '350102199001011234' }, ''))).toBe('VALIDATION');
    await agent.part(SHARING).serveAnywhere('Customer', { phone: '13905910002', idNumber: '350102199001011234' }, '来电咨询账单').catch(() => undefined);
    expect(await codeOf(agent.part(SHARING).serveAnywhere('Customer', { phone: '13905910001', idNumber: '350102199001011234' }, '来电咨询账单'))).toBe('LIMIT_EXCEEDED');
    const refused = (await (await lattice.accessAs('fj.admin')).part(SHARING).accessLog({ kind: 'serve-refused' })).entries;
    expect(refused.filter((e) => e.login === 'sc.agent').length).toBeGreaterThanOrEqual(2);
    expect(await (await lattice.accessAs('sc.agent')).get('Customer', visitor)).toBeNull();
  });

  it('lets the access expire on time', async () => {
    const served = await lattice.accessAs('wh.counter');
    expect(await served.get('Customer', visitor)).not.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31 * 60_000); // the policy gives 30 minutes
      expect(await served.get('Customer', visitor)).toBeNull();
      expect(await (await lattice.accessAs('wh.counter')).get('Customer', visitor)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses serve-anywhere to a role without the policy', async () => {
    expect(await codeOf((await lattice.accessAs('sc.marketing')).part(SHARING).serveAnywhere('Customer', { phone: '13905910001', idNumber: '350102199001011234' }, '营销活动'))).toBe('FORBIDDEN');
  });

  it('logs every read of personal data with the records and their unit', async () => {
    await fujian.get('Customer', visitor, { fields: ['id', 'name', 'idNumber'] });
    await fujian.list('Customer', { first: 10, fields: ['id', 'name'] });
    const entries = (await (await lattice.accessAs('fj.admin')).part(SHARING).accessLog({ kind: 'personal-data' })).entries.filter((e) => e.login === 'gl.counter' && isRead(e));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ recordIds: [visitor], units: ['fj_fz_gl_h1'], details: { fields: ['idNumber'] } });
  });

  it('logs the personal data one request reads through references as one entry, not one per record', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    const product = (await lattice.access().create('Product', { code: 'P_LOGGED', name: '日志套餐', category: 'mobile_plan', monthlyFee: '59.00' })).id;
    const customerIds: string[] = [];
    for (const [i, name] of ['甲', '乙', '丙'].entries()) {
      const customer = await wuhou.create('Customer', customerInput(`武侯客户${name}`, { phone: `1398000000${i}` }));
      const account = await wuhou.create('Account', { customer: customer.id, name: `${name}的账户`, paymentMethod: 'bank_transfer', billingDay: 1, status: 'active' });
      for (const line of [1, 2]) await wuhou.create('Subscription', { serviceNumber: `SN-LOGGED-${i}-${line}`, customer: customer.id, account: account.id, product, status: 'active' });
      customerIds.push(customer.id);
    }
    const operator = await signedInAs(lattice, 'wh.counter');
    const lines = dataOf(await operator.records(`{ subscriptions(filter: { serviceNumber: { startsWith: "SN-LOGGED-" } }) { nodes { customer { name phone } } } }`)).subscriptions.nodes;
    expect(lines.map((l: { customer: { phone: string } }) => l.customer.phone).sort()).toEqual(['13980000000', '13980000000', '13980000001', '13980000001', '13980000002', '13980000002']);
    const entries = (await (await lattice.accessAs('sc.admin')).part(SHARING).accessLog({ kind: 'personal-data' })).entries.filter((e) => e.login === 'wh.counter' && e.entity === 'customer' && isRead(e));
    expect(entries).toHaveLength(1);
    expect([...(entries[0]?.recordIds ?? [])].sort()).toEqual([...customerIds].sort());
    expect(entries[0]).toMatchObject({ units: ['sc_cd_wh_h1'], details: { fields: ['phone'] } });
  });

  it('shows a group customer to every unit serving one of its member lines, and to no other', async () => {
    const manager = await lattice.accessAs('cd.manager');
    const group = await manager.create('Customer', customerInput('成都某集团', { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: '91510100MA6C000009', industry: 'retail' }));
    const wuhou = await lattice.accessAs('wh.counter');
    expect(await wuhou.get('Customer', group.id)).toBeNull();
    // A hall cannot attach a line to a customer it cannot see (it would make it visible).
    const product = (await lattice.access().create('Product', { code: 'P_GROUP_5G', name: '集团5G套餐', category: 'mobile_plan', monthlyFee: '99.00' })).id;
    const hidden = await wuhou.create('Subscription', { serviceNumber: 'SN-1', customer: group.id, account: group.id, product, status: 'active' }).catch((e) => e);
    expect(hidden.code).toBe('VALIDATION');
    expect(hidden.details.problems[0].path).toBe('customer');
    // The group's manager places a member line in the Wuhou hall: the hall now serves the group.
    const account = await manager.create('Account', { customer: group.id, name: '集团统付账户', paymentMethod: 'bank_transfer', billingDay: 1, status: 'active' });
    const line = await manager.create('Subscription', { serviceNumber: 'SN-2', customer: group.id, account: account.id, product, status: 'active' });
    const hall = (await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd_wh_h1'`))[0].id;
    await lattice.sql(`update subscription set org_unit_id = $1 where id = $2`, [hall, line.id]);
    expect((await (await lattice.accessAs('wh.counter')).get('Customer', group.id))?.['name']).toBe('成都某集团');
    expect(await (await lattice.accessAs('jn.counter')).get('Customer', group.id)).toBeNull();
    expect(await (await lattice.accessAs('gl.counter')).get('Customer', group.id)).toBeNull();
  });
});
