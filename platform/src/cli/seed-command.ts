import { startPlatform } from '../app/lattice-platform.js';
import { openExample } from '../seed/example-package.js';
import { loadSeed } from '../seed/load-seed.js';
import { SYSTEM_ACTOR } from '../security/actor.js';
import { LatticeError } from '../errors/lattice-error.js';
import { printBootstrapAdmin } from './print-bootstrap-admin.js';
import { loadPlugins } from './load-plugins.js';

/** `lattice seed`: loads an example's generated data into the published tables. */
export async function seedCommand(options: { example: string; customers?: number; scale?: string; plugin?: string[] }): Promise<void> {
  // The published metadata may use the plugins' field types and facts: the node loads the same ones as `serve`.
  const platform = await startPlatform({ port: 0 }, { plugins: await loadPlugins(options.plugin ?? []) });
  // A seed may be the first start of a database: its admin password is shown here or never.
  printBootstrapAdmin(platform.bootstrapAdmin);
  try {
    if (platform.live.version <= 0) throw new Error('Nothing is published yet: run "lattice serve --example <dir>" or "lattice apply <dir>" first');
    const example = openExample(options.example);
    // Seed records sit in the example's org units: apply its org file first (re-applying it restores the example's units and users).
    const org = await example.org();
    if (org) await platform.org.importDocument(org, SYSTEM_ACTOR);
    const seed = await example.seed(options.customers ?? options.scale);
    if (!seed) throw new Error(`${options.example} has no built seed generator (dist/seed/generate-seed.js): run "pnpm -r build" first`);
    const result = await loadSeed(platform.database.pool, platform.live.current.model, seed).catch((error: unknown) => {
      throw refusedSeed(error);
    });
    console.log(`Seeded ${Object.entries(result.rows).map(([e, n]) => `${n} ${e}`).join(', ')} in ${(result.milliseconds / 1000).toFixed(1)} s.`);
  } finally {
    await platform.close();
  }
}

/** The load is one transaction: a refused row leaves nothing, and the message names each field's row (`Customer[1200].phone`). */
function refusedSeed(error: unknown): Error {
  if (!(error instanceof LatticeError)) return error as Error;
  const problems = (error.details.problems ?? []).map((p) => `\n  ${p.path}: ${p.message}`).join('');
  return new Error(`lattice seed: nothing was stored: ${error.message}${problems}`);
}
