import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishExampleWithOrg, TELECOM_EXAMPLE } from '../support/example-org.js';
import { openExample } from '../../src/seed/example-package.js';
import { loadSeed } from '../../src/seed/load-seed.js';

describe('the example seed sits in the example organisation', () => {
  let lattice: TestPlatform;
  const customersIn = async (sqlWhere: string) => (await lattice.sql(`select count(*)::int as n from customer c join lattice_org_unit u on u.id = c.org_unit_id where ${sqlWhere}`))[0].n as number;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    const seed = await openExample(TELECOM_EXAMPLE).seed(400);
    if (!seed) throw new Error('Build the example first');
    await loadSeed(lattice.database.pool, lattice.live.current.model, seed);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('places every seeded record in a unit, and group customers of Chengdu with their manager', async () => {
    expect((await lattice.sql(`select count(*)::int as n from customer where org_unit_id is null`))[0].n).toBe(0);
    expect((await lattice.sql(`select count(*)::int as n from subscription where org_unit_id is null`))[0].n).toBe(0);
    const [owned] = await lattice.sql(`select count(*)::int as n from customer c join lattice_user u on u.id = c.owner_id where u.login = 'cd.manager'`);
    expect(owned.n).toBeGreaterThan(0);
  });

  it('gives each seeded user the part of the data their position covers', async () => {
    const total = async (login: string) => (await (await lattice.accessAs(login)).list('Customer', { first: 1 })).totalCount;
    expect(await total('wh.counter')).toBe(await customersIn(`u.key = 'sc_cd_wh_h1'`));
    expect(await total('wh.counter')).toBeGreaterThan(0);
    expect(await total('sc.admin')).toBe(await customersIn(`u.path like '/group/sc/%'`));
    expect(await total('fj.admin')).toBe(await customersIn(`u.path like '/group/fj/%'`));
    expect(await total('hq.admin')).toBe(400);
  });
});
