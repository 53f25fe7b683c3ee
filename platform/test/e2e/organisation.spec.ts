import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishExampleWithOrg } from '../support/example-org.js';
import { errorOf, problemPaths } from '../support/crm-seed.js';
import type { Actor } from '../../src/security/actor.js';

const IMPORT = `mutation($s: JSON!) { importOrg(source: $s) { units users positionsStarted positionsEnded moved } }`;

describe('the organisation as configuration: units, users, positions, reporting lines', () => {
  let lattice: TestPlatform;
  let scAdmin: Actor;
  const countUnits = async () => (await lattice.sql(`select count(*)::int as n from lattice_org_unit`))[0].n as number;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    scAdmin = (await lattice.org.actorByLogin('sc.admin'))!;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('ships the example tree with its kinds, heads and every role', async () => {
    const unit = dataOf(await lattice.admin(`{ orgUnit(key: "sc_cd_wh_h1") { kind depth ancestry { key } parent { key head { login } } } }`)).orgUnit;
    expect(unit).toEqual({ kind: 'hall', depth: 4, ancestry: [{ key: 'sc_cd_wh_h1' }, { key: 'sc_cd_wh' }, { key: 'sc_cd' }, { key: 'sc' }, { key: 'group' }], parent: { key: 'sc_cd_wh', head: null } });
    const roles = dataOf(await lattice.admin(`{ roles { key } }`)).roles.map((r: { key: string }) => r.key);
    expect(roles).toEqual(expect.arrayContaining(['platform_admin', 'hq_business_admin', 'regional_admin', 'customer_manager', 'supervisor', 'counter_operator', 'call_centre_agent', 'back_office', 'marketing', 'analyst', 'partner_user']));
    const fujian = dataOf(await lattice.admin(`{ orgUnits(under: "fj") { key } }`)).orgUnits.map((u: { key: string }) => u.key);
    expect(fujian).toEqual(['fj', 'fj_fz', 'fj_fz_gl', 'fj_fz_gl_h1', 'fj_xm', 'fj_xm_sm', 'fj_xm_sm_h1']);
  });

  it('answers "my supervisor" and "up the reporting line"', async () => {
    const user = dataOf(await lattice.admin(`{ user(login: "cd.manager") { supervisor { login } reportingLine { login } positions { unit { key } role primary } } }`)).user;
    expect(user).toEqual({ supervisor: { login: 'cd.supervisor' }, reportingLine: [{ login: 'cd.supervisor' }, { login: 'sc.admin' }, { login: 'hq.admin' }], positions: [{ unit: { key: 'sc_cd_bc' }, role: 'customer_manager', primary: true }] });
  });

  it('refuses a bad org file with every problem and its path, and changes nothing', async () => {
    const before = await countUnits();
    const result = await lattice.admin(IMPORT, {
      s: {
        units: [
          { key: 'loop_a', name: 'A', kind: 'hall', parent: 'loop_b' },
          { key: 'loop_b', name: 'B', kind: 'hall', parent: 'loop_a' },
          { key: 'orphan', name: 'C', kind: 'hall', parent: 'nowhere' },
          { key: 'odd', name: 'D', kind: 'spaceship', parent: 'sc' },
        ],
        users: [{ login: 'new.user', displayName: '新用户', positions: [{ unit: 'sc', role: 'astronaut' }] }],
      },
    });
    expect(errorOf(result).extensions?.code).toBe('VALIDATION');
    expect(problemPaths(result).sort()).toEqual(['units[0].parent', 'units[2].parent', 'units[3].kind'].sort());
    expect(await countUnits()).toBe(before);
    const shape = await lattice.admin(IMPORT, { s: { users: [{ login: 'Bad Login', displayName: 'x' }] } });
    expect(errorOf(shape).message).toMatch(/users\.0\.login/);
  });

  it('imports a user whose initial password breaks the rules without one, and says which user', async () => {
    const result = await lattice.admin(IMPORT, { s: { users: [{ login: 'weak.pass', displayName: '弱口令', password: 'short', positions: [{ unit: 'sc_cd_wh_h1', role: 'counter_operator' }] }] } });
    expect(errorOf(result).extensions?.problems).toMatchObject([{ path: 'users[weak.pass].password' }]);
    expect(errorOf(await lattice.signInApi(`mutation { signIn(login: "weak.pass", password: "short") { accessToken } }`)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('moves a user by ending one position and starting another, keeping the history', async () => {
    const move = { users: [{ login: 'jn.counter', displayName: '西华营业厅营业员 吴昊', positions: [{ unit: 'sc_cd_wh_h1', role: 'counter_operator', primary: true }] }] };
    expect(dataOf(await lattice.admin(IMPORT, { s: move })).importOrg).toMatchObject({ users: 1, positionsStarted: 1, positionsEnded: 1 });
    const positions = dataOf(await lattice.admin(`{ user(login: "jn.counter") { positions(history: true) { unit { key } validTo } } }`)).user.positions;
    expect(positions.map((p: { unit: { key: string }; validTo: string | null }) => [p.unit.key, p.validTo === null])).toEqual([['sc_cd_jn_h1', false], ['sc_cd_wh_h1', true]]);
  });

  it('lets a regional admin change only their own subtree', async () => {
    const inside = { units: [{ key: 'sc_cd_wh_h2', name: '武侯新营业厅', kind: 'hall', parent: 'sc_cd_wh' }] };
    expect((await lattice.org.importDocument(inside, scAdmin)).units).toBe(1);
    const outside = { units: [{ key: 'fj_new_hall', name: '越界营业厅', kind: 'hall', parent: 'fj_fz_gl' }], roles: [{ key: 'sneaky', label: 'x', permissions: {} }] };
    const error = await lattice.org.importDocument(outside, scAdmin).catch((e) => e);
    expect(error.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['roles', 'units[0]']);
    await expect(lattice.org.moveUnit('fj_fz_gl_h1', 'sc_cd_wh', scAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await lattice.sql(`select key from lattice_org_unit where key in ('fj_new_hall')`)).toEqual([]);
    await expect(lattice.org.moveUnit('sc_cd', 'sc_cd_wh', scAdmin)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
