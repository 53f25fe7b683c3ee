import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, freePort, freshDatabase, startCli, type CliProcess } from '../support/cli-process.js';

const ADMIN_PASSWORD = 'Ops-Lattice-2026x';
const onServer = Boolean(process.env['DATABASE_URL']);

describe('first starts', () => {
  const started: CliProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cli of started) cli.signal('SIGKILL');
    await Promise.all(started.map((cli) => cli.exited));
    for (const cleanup of cleanups) await cleanup();
  });

  function serve(env: Record<string, string>, args: readonly string[] = []): CliProcess {
    const cli = startCli(['serve', ...args], env);
    started.push(cli);
    return cli;
  }

  it('refuses a timer setting that is not a number, naming the variable, before it opens the database', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    for (const [name, value] of [['LATTICE_TIMER_POLL_MS', '1s'], ['LATTICE_TIMER_BATCH', '0'], ['LATTICE_SHUTDOWN_TIMEOUT_MS', '-5']] as const) {
      const cli = serve({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD, [name]: value });
      const { code } = await cli.exited;
      expect(code).toBe(1);
      expect(cli.stderr().trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^lattice serve: cannot start: ${name} must be a whole number of at least \\d+, not "${value}"$`))]);
    }
    // Nothing was created: the refusal came before the migrations.
    if (onServer) expect(await db.sql(`select 1 from information_schema.tables where table_name = 'lattice_migrations'`)).toEqual([]);
  });

  it.skipIf(!onServer)('brings two nodes started at once on a fresh server database up, each migration run once', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const nodes = [serve({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD }), serve({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD })];
    await Promise.all(nodes.map((node) => node.waitForOutput(/Press Ctrl\+C to stop/)));
    for (const node of nodes) expect(node.stderr()).not.toMatch(/duplicate key|cannot start/);
    const runs = await db.sql<{ name: string; n: number }>(`select name, count(*)::int as n from lattice_migrations group by name order by name`);
    expect(runs.length).toBeGreaterThan(10);
    expect(runs.every((r) => r.n === 1)).toBe(true);
    expect(await db.sql(`select login from lattice_user where login = 'admin'`)).toHaveLength(1);
  });

  it.skipIf(!onServer)('loads the example once when two nodes start with it at once on a fresh server database', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const example = ['--example', EXAMPLE_DIR, '--customers', '50'];
    const nodes = [serve({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD }, example), serve({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD }, example)];
    await Promise.all(nodes.map((node) => node.waitForOutput(/Press Ctrl\+C to stop/)));
    for (const node of nodes) expect(node.stderr()).not.toMatch(/duplicate key|cannot start/);
    expect(nodes.filter((node) => /Published version 1/.test(node.stdout()))).toHaveLength(1);
    expect(await db.sql(`select count(*)::int as n from customer`)).toEqual([{ n: 50 }]);
    expect(await db.sql(`select count(*)::int as n from lattice_metadata_version`)).toEqual([{ n: 1 }]);
  });
});
