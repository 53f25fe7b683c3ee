import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg } from '../support/example-org.js';
import type { RecordAccess } from '../../src/records/record-access.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';
import { AUDIT } from '../../src/audit/record-audit.js';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};
const messageOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (e: Error) => e.message);

describe('row scope, field access and placement, enforced in the access point', () => {
  let lattice: TestPlatform;
  let wuhou: RecordAccess;
  let jinniu: RecordAccess;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    wuhou = await lattice.accessAs('wh.counter');
    jinniu = await lattice.accessAs('jn.counter');
    ids['wuhou'] = (await wuhou.create('Customer', customerInput('武侯客户', { phone: '13800000001' }))).id;
    ids['jinniu'] = (await jinniu.create('Customer', customerInput('金牛客户', { phone: '13800000002' }))).id;
    ids['fujian'] = (await (await lattice.accessAs('gl.counter')).create('Customer', customerInput('福州客户'))).id;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('places a new record in the creator\'s unit, owned by them', async () => {
    const [row] = await lattice.sql(`select c.owner_id, u.key from customer c join lattice_org_unit u on u.id = c.org_unit_id where c.id = $1`, [ids['wuhou']]);
    const [user] = await lattice.sql(`select id from lattice_user where login = 'wh.counter'`);
    expect(row).toEqual({ owner_id: user.id, key: 'sc_cd_wh_h1' });
  });

  it('shows a hall operator only their hall\'s records: get, list, total count', async () => {
    expect(await wuhou.get('Customer', ids['jinniu']!)).toBeNull();
    expect((await wuhou.get('Customer', ids['wuhou']!))?.['name']).toBe('武侯客户');
    const page = await wuhou.list('Customer', { first: 50 });
    expect(page.nodes.map((n) => n['name'])).toEqual(['武侯客户']);
    expect(page.totalCount).toBe(1);
    expect((await lattice.access().list('Customer', { first: 50 })).totalCount).toBe(3);
  });

  it('gives a district supervisor the district\'s subtree and a regional admin the province, not the other province', async () => {
    const names = async (login: string) => (await (await lattice.accessAs(login)).list('Customer', { first: 50, orderBy: [{ field: 'name' }] })).nodes.map((n) => n['name']);
    expect(await names('wh.supervisor')).toEqual(['武侯客户']);
    expect(await names('sc.admin')).toEqual(['武侯客户', '金牛客户'].sort());
    expect(await names('fj.admin')).toEqual(['福州客户']);
    expect((await names('hq.admin')).length).toBe(3);
  });

  it('filters cannot reach outside the scope, nor name a field the role cannot read', async () => {
    expect((await wuhou.list('Customer', { filter: { name: { eq: '金牛客户' } } })).totalCount).toBe(0);
    expect(await codeOf(wuhou.list('Customer', { filter: { valueTier: { eq: 'strategic' } } }))).toBe('FORBIDDEN');
    expect(await messageOf(wuhou.list('Customer', { filter: { or: [{ name: { eq: 'x' } }, { creditLevel: { eq: 'a' } }] } }))).toMatch(/filter by Customer\.creditLevel/);
    expect(await codeOf(wuhou.list('Customer', { orderBy: [{ field: 'avgMonthlySpend' }] }))).toBe('FORBIDDEN');
  });

  it('reads only granted fields: a default read leaves hidden ones out, asking for one is refused', async () => {
    const record = await wuhou.get('Customer', ids['wuhou']!);
    expect(record).toHaveProperty('phone', '13800000001');
    expect(record).not.toHaveProperty('valueTier');
    expect(record).not.toHaveProperty('avgMonthlySpend');
    expect(await codeOf(wuhou.get('Customer', ids['wuhou']!, { fields: ['id', 'valueTier'] }))).toBe('FORBIDDEN');
  });

  it('refuses writes outside the scope exactly as if the record did not exist', async () => {
    const outside = await messageOf(wuhou.update('Customer', ids['jinniu']!, 1, { notes: '越权' }));
    const missing = await messageOf(wuhou.update('Customer', '00000000-0000-4000-8000-000000000000', 1, { notes: '越权' }));
    expect(outside.replace(ids['jinniu']!, '<id>')).toBe(missing.replace('00000000-0000-4000-8000-000000000000', '<id>'));
    expect(await codeOf(wuhou.softDelete('Customer', ids['wuhou']!, 1))).toBe('FORBIDDEN');
    const [stored] = await lattice.sql(`select notes, version from customer where id = $1`, [ids['jinniu']]);
    expect(stored).toEqual({ notes: null, version: 1 });
  });

  it('refuses writes to fields the role may only read, and to hidden ones, naming the field', async () => {
    const agent = await lattice.accessAs('sc.agent');
    expect(await codeOf(agent.create('Customer', customerInput('电话开户')))).toBe('FORBIDDEN');
    expect(await messageOf(wuhou.update('Customer', ids['wuhou']!, 1, { valueTier: 'strategic' }))).toMatch(/Customer\.valueTier/);
    const updated = await wuhou.update('Customer', ids['wuhou']!, 1, { notes: '已回访' });
    expect(updated['notes']).toBe('已回访');
  });

  it('lets a customer manager see only the customers they own', async () => {
    const manager = await lattice.accessAs('cd.manager');
    const own = await manager.create('Customer', customerInput('集团客户甲', { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: '91510100MA6C000001', industry: 'retail' }));
    const page = await manager.list('Customer', { first: 50 });
    expect(page.nodes.map((n) => n.id)).toEqual([own.id]);
    expect(await (await lattice.accessAs('cd.supervisor')).get('Customer', own.id)).not.toBeNull();
    expect(await wuhou.get('Customer', own.id)).toBeNull();
  });

  it('shows audit entries only of records in scope, without the changes of hidden fields', async () => {
    await lattice.access().update('Customer', ids['wuhou']!, 2, { valueTier: 'strategic' });
    await lattice.access().update('Customer', ids['jinniu']!, 1, { notes: '金牛备注' });
    const entries = (await wuhou.part(AUDIT).audit({ entity: 'Customer', first: 50 })).entries;
    expect(new Set(entries.map((e) => e.recordId))).toEqual(new Set([ids['wuhou']]));
    expect(entries.some((e) => Object.keys(e.changes as object).includes('valueTier'))).toBe(false);
    expect((await wuhou.part(AUDIT).audit({ entity: 'Customer', recordId: ids['jinniu']! })).entries).toEqual([]);
    expect(await codeOf(wuhou.part(AUDIT).audit({}))).toBe('VALIDATION');
  });

  it('shares one record with a user or a unit, for reading or changing, until revoked or its end', async () => {
    const before = await (await lattice.accessAs('jn.counter')).get('Customer', ids['wuhou']!);
    expect(before).toBeNull();
    const share = await wuhou.part(SHARING).share('Customer', ids['wuhou']!, { user: 'jn.counter', access: 'read', reason: '协助办理', until: new Date(Date.now() + 3_600_000) });
    const jn = await lattice.accessAs('jn.counter');
    expect((await jn.get('Customer', ids['wuhou']!))?.['name']).toBe('武侯客户');
    await expect(jn.update('Customer', ids['wuhou']!, 3, { notes: '改' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(jn.part(SHARING).share('Customer', ids['wuhou']!, { user: 'gl.counter' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(jn.part(SHARING).share('Customer', ids['fujian']!, { user: 'jn.counter' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await wuhou.part(SHARING).shares('Customer', ids['wuhou']!)).map((s) => [s.user, s.access])).toEqual([['jn.counter', 'read']]);
    await wuhou.part(SHARING).revokeShare('Customer', share.id);
    expect(await (await lattice.accessAs('jn.counter')).get('Customer', ids['wuhou']!)).toBeNull();
    await wuhou.part(SHARING).share('Customer', ids['wuhou']!, { unit: 'sc_cd_jn_h1', access: 'update', reason: '金牛协办', until: new Date(Date.now() + 3_600_000) });
    const changed = await (await lattice.accessAs('jn.counter')).update('Customer', ids['wuhou']!, 3, { notes: '金牛协办' });
    expect(changed['notes']).toBe('金牛协办');
    await expect(wuhou.part(SHARING).share('Customer', ids['wuhou']!, { user: 'jn.counter', unit: 'sc_cd_jn_h1' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('re-scopes records with their unit when the unit moves', async () => {
    await lattice.org.moveUnit('sc_cd_wh_h1', 'sc_cd_jn', (await lattice.org.actorByLogin('sc.admin'))!);
    const names = async (login: string) => (await (await lattice.accessAs(login)).list('Customer', { first: 50 })).nodes.map((n) => n['name']);
    expect(await names('wh.supervisor')).toEqual([]);
    expect(await names('wh.counter')).toEqual(['武侯客户']);
    const [move] = await lattice.sql(`select from_path, to_path from lattice_org_unit_move`);
    expect(move).toEqual({ from_path: '/group/sc/sc_cd/sc_cd_wh/sc_cd_wh_h1/', to_path: '/group/sc/sc_cd/sc_cd_jn/sc_cd_wh_h1/' });
  });
});
