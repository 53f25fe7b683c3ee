import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';

type Api = Awaited<ReturnType<typeof signedInAs>>;

/**
 * A hall operator tries, through the running server, every way to reach a
 * record outside their hall or a field their role does not grant.
 */
describe('a hall operator cannot reach outside their scope by any query', () => {
  let lattice: TestPlatform;
  let operator: Api;
  const ids: Record<string, string> = {};
  const codes = (result: { errors?: { extensions?: { code?: string } }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    const jinniu = await lattice.accessAs('jn.counter');
    const wuhou = await lattice.accessAs('wh.counter');
    ids['mine'] = (await wuhou.create('Customer', customerInput('武侯甲', { phone: '13800000011' }))).id;
    ids['theirs'] = (await jinniu.create('Customer', customerInput('金牛乙', { phone: '13800000012', notes: '机密备注' }))).id;
    const product = (await lattice.access().create('Product', { code: 'P_TEST_1', name: '测试套餐', category: 'mobile_plan', monthlyFee: '59.00' })).id;
    const account = (await jinniu.create('Account', { customer: ids['theirs'], name: '金牛账户', paymentMethod: 'cash', billingDay: 5, status: 'active' })).id;
    ids['line'] = (await jinniu.create('Subscription', { serviceNumber: 'SN-J1', customer: ids['theirs'], account, product, status: 'active' })).id;
    // A line served in the Wuhou hall for the Jinniu customer: the line is in scope, its customer is not.
    const hall = (await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd_wh_h1'`))[0].id;
    await lattice.sql(`update subscription set org_unit_id = $1 where id = $2`, [hall, ids['line']]);
    await lattice.access().update('Customer', ids['theirs']!, 1, { valueTier: 'strategic' });
    operator = await signedInAs(lattice, 'wh.counter');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('gets null for a record outside the scope, through aliases and fragments too', async () => {
    const result = dataOf(await operator.records(`query($a: ID!, $b: ID!) { mine: customer(id: $a) { ...C } theirs: customer(id: $b) { ...C } } fragment C on Customer { id name }`, { a: ids['mine'], b: ids['theirs'] }));
    expect(result).toEqual({ mine: { id: ids['mine'], name: '武侯甲' }, theirs: null });
  });

  it('counts and lists only the scope, and cannot filter its way out', async () => {
    const page = dataOf(await operator.records(`{ customers(first: 50) { totalCount nodes { name } } }`)).customers;
    expect(page).toEqual({ totalCount: 1, nodes: [{ name: '武侯甲' }] });
    const probe = dataOf(await operator.records(`{ customers(filter: { or: [{ name: { eq: "金牛乙" } }, { phone: { eq: "13800000012" } }] }) { totalCount } }`)).customers;
    expect(probe.totalCount).toBe(0);
  });

  it('does not infer through a reference or an inverse list', async () => {
    const line = dataOf(await operator.records(`query($id: ID!) { subscription(id: $id) { serviceNumber customer { name } } }`, { id: ids['line'] })).subscription;
    expect(line).toEqual({ serviceNumber: 'SN-J1', customer: null });
    const through = dataOf(await operator.records(`{ subscriptions(filter: { customer: { is: { name: { eq: "金牛乙" } } } }) { totalCount } }`)).subscriptions;
    expect(through.totalCount).toBe(0);
    const inverse = dataOf(await operator.records(`{ customers(filter: { subscriptions: { some: { serviceNumber: { eq: "SN-J1" } } } }) { totalCount } }`)).customers;
    expect(inverse.totalCount).toBe(0);
  });

  it('refuses to read, filter on or sort by a field the role was not granted, even through a reference', async () => {
    expect(codes(await operator.records(`query($id: ID!) { customer(id: $id) { name valueTier } }`, { id: ids['mine'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.records(`{ customers(filter: { valueTier: { eq: "strategic" } }) { totalCount } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.records(`{ customers(orderBy: [{ field: avgMonthlySpend }]) { totalCount } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.records(`{ subscriptions(filter: { customer: { is: { valueTier: { eq: "strategic" } } } }) { totalCount } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.records(`{ subscriptions { nodes { customer { creditLevel } } } }`))).toEqual(['FORBIDDEN']);
  });

  it('gets the same answer for a record outside the scope as for one that never existed', async () => {
    const outside = errorOf(await operator.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { notes: "x" }) { id } }`, { id: ids['theirs'] }));
    const missing = errorOf(await operator.records(`mutation($id: ID!) { updateCustomer(id: $id, version: 1, input: { notes: "x" }) { id } }`, { id: '11111111-1111-4111-8111-111111111111' }));
    expect([outside.extensions?.code, missing.extensions?.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(outside.message.replace(ids['theirs']!, 'ID')).toBe(missing.message.replace('11111111-1111-4111-8111-111111111111', 'ID'));
    expect((await lattice.sql(`select notes from customer where id = $1`, [ids['theirs']]))[0].notes).toBe('机密备注');
  });

  it('stores nothing from a batch in which one input writes a field the role may not write', async () => {
    const before = (await lattice.sql(`select count(*)::int as n from customer`))[0].n;
    const result = await operator.records(`mutation($i: [CustomerCreateInput!]!) { createCustomers(inputs: $i) { id } }`, { i: [customerInput('批量一'), customerInput('批量二', { valueTier: 'strategic' })] });
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(errorOf(result).extensions?.problems).toMatchObject([{ path: '[1].valueTier' }]);
    expect((await lattice.sql(`select count(*)::int as n from customer`))[0].n).toBe(before);
  });

  it('refuses a cursor it did not get, and a crafted cursor still pages within the scope', async () => {
    expect(codes(await operator.records(`{ customers(after: "not-a-cursor") { totalCount } }`))).toEqual(['VALIDATION']);
    const cursor = dataOf(await lattice.records(`{ customers(first: 1, orderBy: [{ field: name }]) { pageInfo { endCursor } } }`)).customers.pageInfo.endCursor;
    const page = await operator.records(`query($c: String) { customers(first: 10, after: $c, orderBy: [{ field: name }]) { nodes { id } } }`, { c: cursor });
    for (const node of page.data?.customers.nodes ?? []) expect(node.id).toBe(ids['mine']);
  });

  it('sees in the audit log only the entries of its own records, without hidden fields', async () => {
    const theirs = dataOf(await operator.records(`query($id: ID) { auditLog(entity: "Customer", recordId: $id) { entries { id } } }`, { id: ids['theirs'] })).auditLog;
    expect(theirs.entries).toEqual([]);
    const all = dataOf(await operator.records(`{ auditLog(entity: "Customer") { entries { recordId changes } } }`)).auditLog.entries;
    expect(all.every((e: { recordId: string }) => e.recordId === ids['mine'])).toBe(true);
    expect(codes(await operator.records(`{ auditLog { entries { id } } }`))).toEqual(['VALIDATION']);
  });

  it('serves a visiting customer after the phone number and ID number, and the owning province sees it in its access log', async () => {
    const visitor = await (await lattice.accessAs('gl.counter')).create('Customer', customerInput('福州访客', { idType: 'resident_id', idNumber: '350102198802021234', phone: '13905910077' }));
    const SERVE = `mutation($m: JSON!) { serveAnywhere(entity: "Customer", match: $m, reason: "客户来成都办理业务") { recordId expiresAt } }`;
    expect(codes(await operator.records(SERVE, { m: { phone: '13905910077', idNumber: '350102198802021235' } }))).toEqual(['NOT_FOUND']);
    expect(dataOf(await operator.records(SERVE, { m: { phone: '13905910077', idNumber: '350102198802021234' } })).serveAnywhere.recordId).toBe(visitor.id);
    expect(dataOf(await operator.records(`query($id: ID!) { customer(id: $id) { name } }`, { id: visitor.id })).customer).toEqual({ name: '福州访客' });
    const log = dataOf(await (await signedInAs(lattice, 'fj.admin')).records(`{ accessLog { entries { login kind units reason } } }`)).accessLog.entries;
    expect(log).toEqual(expect.arrayContaining([{ login: 'wh.counter', kind: 'serve-anywhere', units: ['fj_fz_gl_h1'], reason: '客户来成都办理业务' }, expect.objectContaining({ login: 'wh.counter', kind: 'serve-refused' })]));
  });

  it('cannot use the admin API beyond what its roles allow', async () => {
    expect(codes(await operator.admin(`{ versions { version } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.admin(`{ roles { key permissions } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.admin(`{ users { login } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.admin(`mutation { importOrg(source: { units: [] }) { units } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await operator.records(`{ accessLog { entries { id } } }`))).toEqual(['FORBIDDEN']);
  });
});
