import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg } from '../support/example-org.js';

type Scope = 'none' | 'own' | 'unit' | 'subtree' | 'all';
type Operation = 'read' | 'create' | 'update' | 'delete';

/**
 * The example's roles as a matrix: for each user (role and position) and
 * entity, the row scope of each operation. This is the specification the
 * test holds the platform to, written out independently of the role
 * documents' interpretation: "unit" means records placed in the position's
 * unit, "subtree" in it or below (by path), "own" records the user owns.
 */
const MATRIX: Record<string, { unit: string; customer: Record<Operation, Scope>; order: Record<Operation, Scope> }> = {
  'wh.counter': { unit: 'sc_cd_wh_h1', customer: { read: 'unit', create: 'unit', update: 'unit', delete: 'none' }, order: { read: 'unit', create: 'unit', update: 'unit', delete: 'none' } },
  'wh.partner': { unit: 'sc_cd_wh_p1', customer: { read: 'unit', create: 'unit', update: 'none', delete: 'none' }, order: { read: 'unit', create: 'unit', update: 'none', delete: 'none' } },
  'wh.supervisor': { unit: 'sc_cd_wh', customer: { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'none' }, order: { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'none' } },
  'cd.manager': { unit: 'sc_cd_bc', customer: { read: 'own', create: 'own', update: 'own', delete: 'none' }, order: { read: 'own', create: 'own', update: 'own', delete: 'none' } },
  'sc.agent': { unit: 'sc', customer: { read: 'subtree', create: 'none', update: 'subtree', delete: 'none' }, order: { read: 'subtree', create: 'subtree', update: 'none', delete: 'none' } },
  'cd.installer': { unit: 'sc_cd', customer: { read: 'subtree', create: 'none', update: 'none', delete: 'none' }, order: { read: 'subtree', create: 'none', update: 'subtree', delete: 'none' } },
  'sc.marketing': { unit: 'sc', customer: { read: 'subtree', create: 'none', update: 'none', delete: 'none' }, order: { read: 'none', create: 'none', update: 'none', delete: 'none' } },
  'sc.admin': { unit: 'sc', customer: { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree' }, order: { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree' } },
  analyst: { unit: 'group', customer: { read: 'all', create: 'none', update: 'none', delete: 'none' }, order: { read: 'all', create: 'none', update: 'none', delete: 'none' } },
  'hq.admin': { unit: 'group', customer: { read: 'all', create: 'all', update: 'all', delete: 'all' }, order: { read: 'all', create: 'all', update: 'all', delete: 'all' } },
};
const PLACES = ['sc_cd_wh_h1', 'sc_cd_wh_p1', 'sc_cd_jn_h1', 'sc_cd_bc', 'sc_my_fc_h1', 'fj_fz_gl_h1'];

describe('permission matrix: role × entity × operation × scope', () => {
  let lattice: TestPlatform;
  const records: { entity: 'Customer' | 'CustomerOrder'; id: string; unitPath: string; ownerLogin: string }[] = [];
  let paths: Map<string, string>;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    paths = new Map((await lattice.sql(`select key, path from lattice_org_unit`)).map((r: { key: string; path: string }) => [r.key, r.path]));
    const creators: Record<string, string> = { sc_cd_wh_h1: 'wh.counter', sc_cd_wh_p1: 'wh.partner', sc_cd_jn_h1: 'jn.counter', sc_cd_bc: 'cd.manager', fj_fz_gl_h1: 'gl.counter' };
    for (const place of PLACES) {
      const login = creators[place] ?? 'sc.admin';
      const access = await lattice.accessAs(login);
      const customer = await access.create('Customer', customerInput(`客户@${place}`));
      const order = await access.create('CustomerOrder', { customer: customer.id, channel: 'hall', orderType: 'new', status: 'accepted' }).catch(() => undefined);
      // Records of places without a creator of their own are moved there by SQL, keeping their owner.
      const unit = (await lattice.sql(`select id from lattice_org_unit where key = $1`, [place]))[0].id;
      await lattice.sql(`update customer set org_unit_id = $1 where id = $2`, [unit, customer.id]);
      records.push({ entity: 'Customer', id: customer.id, unitPath: paths.get(place)!, ownerLogin: login });
      if (order) {
        await lattice.sql(`update customer_order set org_unit_id = $1 where id = $2`, [unit, order.id]);
        records.push({ entity: 'CustomerOrder', id: order.id, unitPath: paths.get(place)!, ownerLogin: login });
      }
    }
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const allowed = (login: string, scope: Scope, record: (typeof records)[number]) => {
    const position = paths.get(MATRIX[login]!.unit)!;
    if (scope === 'all') return true;
    if (scope === 'own') return record.ownerLogin === login;
    if (scope === 'unit') return record.unitPath === position;
    if (scope === 'subtree') return record.unitPath.startsWith(position);
    return false;
  };

  it('seeded a customer and an order in every place', () => {
    expect(records.filter((r) => r.entity === 'Customer')).toHaveLength(PLACES.length);
    expect(records.filter((r) => r.entity === 'CustomerOrder')).toHaveLength(PLACES.length);
  });

  for (const [login, row] of Object.entries(MATRIX)) {
    for (const [entity, key] of [['Customer', 'customer'], ['CustomerOrder', 'order']] as const) {
      it(`${login} (${row.unit}) × ${entity}: read ${row[key].read}, create ${row[key].create}, update ${row[key].update}, delete ${row[key].delete}`, async () => {
        const access = await lattice.accessAs(login);
        const mine = records.filter((r) => r.entity === entity);
        const readScope = row[key].read;
        if (readScope === 'none') {
          await expect(access.list(entity, { first: 100 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        } else {
          const seen = new Set((await access.list(entity, { first: 100, fields: ['id'] })).nodes.map((n) => n.id));
          expect([...seen].filter((id) => mine.some((r) => r.id === id)).sort()).toEqual(mine.filter((r) => allowed(login, readScope, r)).map((r) => r.id).sort());
        }
        for (const record of mine) {
          const version = (await lattice.sql(`select version from ${entity === 'Customer' ? 'customer' : 'customer_order'} where id = $1`, [record.id]))[0].version as number;
          const input = entity === 'Customer' ? { notes: `by ${login}` } : { remark: `by ${login}` };
          const outcome = await access.update(entity, record.id, version, input).then(() => 'OK', (e: { code: string }) => e.code);
          const expected = row[key].update === 'none' ? 'FORBIDDEN' : allowed(login, row[key].update, record) ? 'OK' : allowed(login, readScope, record) ? 'FORBIDDEN' : 'NOT_FOUND';
          expect(`${record.unitPath}: ${outcome}`).toBe(`${record.unitPath}: ${expected}`);
        }
        const created = await (entity === 'Customer' ? access.create('Customer', customerInput(`新客户 ${login}`)) : access.create('CustomerOrder', { customer: mine[0]!.id, channel: 'hall', orderType: 'new', status: 'accepted' })).then(() => 'OK', (e: { code: string }) => e.code);
        if (row[key].create === 'none') expect(created).toBe('FORBIDDEN');
        else if (entity === 'Customer') expect(created).toBe('OK');
        const deleted = await access.softDelete(entity, mine[0]!.id, undefined).then(() => 'OK', (e: { code: string }) => e.code);
        if (row[key].delete === 'none') expect(deleted).toBe('FORBIDDEN');
        if (deleted === 'OK') await lattice.access().restore(entity, mine[0]!.id);
      });
    }
  }
});
