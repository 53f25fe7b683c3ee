import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, freePort, freshDatabase, startCli, type CliProcess } from '../support/cli-process.js';

const ADMIN_PASSWORD = 'Seed-Lattice-2026x';
const GENERATOR = pathToFileURL(join(EXAMPLE_DIR, 'dist/seed/generate-seed.js')).href;

/**
 * The telecom example's generator, with one subscription (its row among the
 * subscriptions: `poisonRow`) missing its required service number, or none
 * when `poisonRow` is null.
 */
const generator = (poisonRow: number | null) => `
import { generateSeed as telecomSeed, SEED_SCALES } from '${GENERATOR}';
export { SEED_SCALES };
export function* generateSeed(options) {
  let row = 0;
  for (const batch of telecomSeed(options)) {
    if (batch.entity !== 'subscription') { yield batch; continue; }
    const records = batch.records.map((record, i) => (row + i === ${String(poisonRow)} ? (({ serviceNumber, ...rest }) => rest)(record) : record));
    row += records.length;
    yield { ...batch, records };
  }
}
`;

describe('lattice seed', { timeout: 600_000 }, () => {
  const processes: CliProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cli of processes) cli.signal('SIGKILL');
    await Promise.all(processes.map((cli) => cli.exited));
    for (const cleanup of cleanups) await cleanup();
  });

  it('stores nothing when a row half-way is refused, naming its row and field; the same load, fixed, then goes in whole', async () => {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    // An example of the telecom metadata and organisation whose first start loads no data: the seed is what is measured here.
    const example = await mkdtemp(join(tmpdir(), 'lattice-seed-example-'));
    cleanups.push(() => rm(example, { recursive: true, force: true }));
    await symlink(join(EXAMPLE_DIR, 'metadata'), join(example, 'metadata'));
    await symlink(join(EXAMPLE_DIR, 'org'), join(example, 'org'));
    const env = { ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const serve = startCli(['serve', '--example', example], env);
    processes.push(serve);
    await serve.waitForOutput(/Press Ctrl\+C to stop/);
    serve.signal('SIGTERM');
    expect((await serve.exited).code).toBe(0);

    await mkdir(join(example, 'dist/seed'), { recursive: true });
    const seedOnce = async (poisonRow: number | null) => {
      await writeFile(join(example, 'dist/seed', `generate-seed.js`), generator(poisonRow));
      const seed = startCli(['seed', '--example', example, '--customers', '300'], env);
      processes.push(seed);
      return { ...(await seed.exited), stdout: seed.stdout(), stderr: seed.stderr() };
    };
    const counts = async () => (await db.sql(`select (select count(*)::int from customer) as customers, (select count(*)::int from account) as accounts, (select count(*)::int from subscription) as subscriptions`))[0];

    // Customers and accounts are loaded (batches of them) before the subscriptions: none of them stays.
    const refused = await seedOnce(700);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lattice seed: nothing was stored: Invalid Subscription (seed row 700)');
    expect(refused.stderr).toMatch(/\n {2}Subscription\[700\]\.serviceNumber: .+/);
    expect(refused.stdout).not.toMatch(/Seeded/);
    expect(await counts()).toEqual({ customers: 0, accounts: 0, subscriptions: 0 });

    const loaded = await seedOnce(null);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/Seeded \d+ Product, 300 Customer, .*\d+ Subscription/);
    const after = await counts();
    expect(after).toMatchObject({ customers: 300, accounts: 300 });
    expect(after.subscriptions).toBe(Number(/(\d+) Subscription/.exec(loaded.stdout)?.[1]));
  });
});
