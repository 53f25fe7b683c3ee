import { startPlatform } from '../app/lattice-platform.js';
import { openExample } from '../seed/example-package.js';
import { printExampleUsers } from './print-example-users.js';
import { loadSeed } from '../seed/load-seed.js';
import { SYSTEM_ACTOR } from '../records/actor.js';
import { printBootstrapAdmin } from './print-bootstrap-admin.js';
import { loadPlugins } from './load-plugins.js';

/**
 * `lattice serve`: starts a node; with `--example`, a database with nothing
 * published gets the example's metadata published and its data seeded, so
 * a first start is ready to use. Runs until interrupted.
 */
export async function serveCommand(options: { example?: string; customers?: number; scale?: string; port?: number; plugin?: string[] }): Promise<void> {
  const plugins = await loadPlugins(options.plugin ?? []);
  const platform = await startPlatform(options.port === undefined ? {} : { port: options.port }, { plugins });
  if (plugins.length) console.log(`Plugins: ${plugins.map((p) => p.key).join(', ')}`);
  if (options.example && platform.live.version <= 0) {
    const example = openExample(options.example);
    // The org first: the example's layers belong to its units.
    const org = await example.org();
    if (org) {
      const imported = await platform.org.importDocument(org, SYSTEM_ACTOR);
      console.log(`Imported the example organisation: ${imported.units} units, ${imported.users} users, ${imported.roles} roles.`);
    }
    console.log(`Publishing the example metadata from ${example.dir} ...`);
    const { version, plan } = await platform.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR, comment: 'Example metadata' });
    console.log(`Published version ${version} (${plan.ddl.length} statements).`);
    const seed = await example.seed(options.customers ?? options.scale);
    if (seed) {
      const result = await loadSeed(platform.database.pool, platform.live.current.model, seed);
      console.log(`Seeded ${Object.entries(result.rows).map(([e, n]) => `${n} ${e}`).join(', ')} in ${(result.milliseconds / 1000).toFixed(1)} s.`);
    }
  }
  const where = platform.database.embedded ? `embedded Postgres in ${platform.config.dataDir}` : 'the Postgres server in DATABASE_URL';
  console.log(`\nLattice is running on ${where}, metadata version ${platform.live.version}.`);
  console.log(`  GraphQL API:        ${platform.url}/graphql`);
  console.log(`  Admin GraphQL API:  ${platform.url}/admin/graphql`);
  console.log(`  Sign-in API:        ${platform.url}/auth/graphql`);
  console.log(`  Health:             ${platform.url}/health`);
  printBootstrapAdmin(platform.bootstrapAdmin);
  if (options.example) printExampleUsers(await openExample(options.example).org());
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
