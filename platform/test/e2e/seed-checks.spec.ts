import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishModel } from '../support/crm-seed.js';
import { loadSeed, type SeedBatch } from '../../src/seed/load-seed.js';
import { LatticeError } from '../../src/errors/lattice-error.js';

describe('seed rows are checked as a create is', () => {
  let lattice: TestPlatform;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const batches = (): SeedBatch[] => [
    { entity: 'customer', records: [{ name: 'Row zero' }, { name: 'Row one' }] },
    { entity: 'customer', records: [{ name: 'Row two' }, { name: 'Row three', phone: '12345' }] },
  ];

  it('refuse a row that breaks a field rule with the field\'s error and its row number, storing nothing of a load in one transaction', async () => {
    const refused = await loadSeed(lattice.database.pool, lattice.live.current.model, batches(), { beforeCommit: async () => undefined }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LatticeError);
    expect((refused as LatticeError).message).toContain('Customer (seed row 3)');
    expect((refused as LatticeError).details.problems).toMatchObject([{ code: 'record.invalid-value', path: 'Customer[3].phone' }]);
    expect((await lattice.sql(`select count(*)::int as n from customer`))[0].n).toBe(0);
  });

  it('store the checked record: a field left out gets its default, as on a create', async () => {
    await loadSeed(lattice.database.pool, lattice.live.current.model, [{ entity: 'customer', records: [{ name: 'Defaulted' }] }]);
    expect(await lattice.sql(`select customer_type, vip from customer where name = 'Defaulted'`)).toEqual([{ customer_type: 'individual', vip: false }]);
  });
});
