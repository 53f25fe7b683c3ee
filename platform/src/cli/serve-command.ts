import { startPlatform } from '../app/lattice-platform.js';
import { openExample } from '../seed/example-package.js';
import { loadExampleOnFirstStart } from '../seed/first-start-example.js';
import { printExampleUsers } from './print-example-users.js';
import { printBootstrapAdmin } from './print-bootstrap-admin.js';
import { loadPlugins } from './load-plugins.js';

/**
 * `lattice serve`: starts a node; with `--example`, a database with nothing
 * published gets the example's metadata published and its data seeded, so
 * a first start is ready to use (`/health` says `starting` until then). Runs
 * until SIGTERM or SIGINT, then drains: requests in flight finish (up to
 * LATTICE_SHUTDOWN_TIMEOUT_MS), the access log is written, the pool closes,
 * and the process exits 0.
 */
export async function serveCommand(options: { example?: string; customers?: number; scale?: string; port?: number; plugin?: string[] }): Promise<void> {
  const plugins = await loadPlugins(options.plugin ?? []);
  const platform = await startPlatform(options.port === undefined ? {} : { port: options.port }, { plugins, awaitsReady: options.example !== undefined });
  const stop = (signal: string) => {
    console.log(`${signal}: finishing the requests in flight, then stopping.`);
    platform.drain().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`Stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (plugins.length) console.log(`Plugins: ${plugins.map((p) => p.key).join(', ')}`);
  if (options.example) await loadExampleOnFirstStart(platform, openExample(options.example), options.customers ?? options.scale, (line) => console.log(line));
  platform.markReady();
  const where = platform.database.embedded ? `embedded Postgres in ${platform.config.dataDir}` : 'the Postgres server in DATABASE_URL';
  console.log(`\nLattice is running on ${where}, metadata version ${platform.live.version}.`);
  console.log(`  Console:            ${platform.servesConsole ? `${platform.url}/  (open it in a browser and sign in)` : 'not built (pnpm --filter @lattice/designer run build); the APIs work without it'}`);
  console.log(`  GraphQL API:        ${platform.url}/graphql`);
  console.log(`  Admin GraphQL API:  ${platform.url}/admin/graphql`);
  console.log(`  Sign-in API:        ${platform.url}/auth/graphql`);
  console.log(`  Health:             ${platform.url}/health`);
  printBootstrapAdmin(platform.bootstrapAdmin);
  if (options.example) printExampleUsers(await openExample(options.example).org());
  console.log('Press Ctrl+C to stop.');
}
