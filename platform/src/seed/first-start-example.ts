import type { LatticePlatform } from '../app/lattice-platform.js';
import { underStartLock } from '../database/start-lock.js';
import { SYSTEM_ACTOR } from '../security/actor.js';
import type { ExamplePackage } from './example-package.js';
import { loadSeed } from './load-seed.js';

/**
 * A first start's example load, resumable: its steps are marked in
 * `lattice_example_load`. `started` is marked before anything else, so a
 * start cut short anywhere is taken up again on the next start; the org
 * import is an upsert and the publish is one transaction (skipped once a
 * version is live); the seed is one transaction that also marks `seeded`,
 * so there are never customers without their subscriptions. A database
 * where something else was published first gets no example.
 */
export async function loadExampleOnFirstStart(platform: LatticePlatform, example: ExamplePackage, size: number | string | undefined, log: (line: string) => void): Promise<void> {
  // Nodes started together with the example load it one at a time: the others wait, then find it seeded.
  await underStartLock(platform.database, () => loadExample(platform, example, size, log));
}

async function loadExample(platform: LatticePlatform, example: ExamplePackage, size: number | string | undefined, log: (line: string) => void): Promise<void> {
  const pool = platform.database.pool;
  const steps = new Set((await pool.query<{ step: string }>('select step from lattice_example_load')).rows.map((r) => r.step));
  if (steps.has('seeded')) return;
  if (!steps.has('started')) {
    if (platform.live.version > 0) return;
    await pool.query(`insert into lattice_example_load (step, example, done_at) values ('started', $1, now()) on conflict do nothing`, [example.dir]);
  } else log('Resuming the example load that an earlier start did not finish ...');
  if (platform.live.version <= 0) {
    // The org first: the example's layers belong to its units.
    const org = await example.org();
    if (org) {
      const imported = await platform.org.importDocument(org, SYSTEM_ACTOR);
      log(`Imported the example organisation: ${imported.units} units, ${imported.users} users, ${imported.roles} roles.`);
    }
    const calendars = await loadExampleCalendars(platform, example);
    if (calendars) log(`Stored ${calendars} business calendar(s).`);
    log(`Publishing the example metadata from ${example.dir} ...`);
    const { version, plan } = await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR, comment: 'Example metadata' });
    log(`Published version ${version} (${plan.ddl.length} statements).`);
  }
  const seed = await example.seed(size);
  const markSeeded = async (client: { query(text: string, values: unknown[]): Promise<unknown> }) => {
    await client.query(`insert into lattice_example_load (step, example, done_at) values ('seeded', $1, now()) on conflict do nothing`, [example.dir]);
  };
  if (!seed) return void (await markSeeded(pool));
  const result = await loadSeed(pool, platform.live.current.model, seed, { beforeCommit: markSeeded });
  log(`Seeded ${Object.entries(result.rows).map(([e, n]) => `${n} ${e}`).join(', ')} in ${(result.milliseconds / 1000).toFixed(1)} s.`);
}

/** Stores the example's business calendars, each on its unit (a unit the org lacks is an error in the example). */
export async function loadExampleCalendars(platform: LatticePlatform, example: ExamplePackage): Promise<number> {
  const calendars = await example.calendars();
  for (const { unit: key, ...spec } of calendars) {
    const unit = platform.org.directory.byKey(key);
    if (!unit) throw new Error(`The example's calendar names unit "${key}", which its organisation does not have`);
    await platform.calendars.save(platform.org.directory, unit.id, spec, SYSTEM_ACTOR.name);
  }
  return calendars.length;
}
