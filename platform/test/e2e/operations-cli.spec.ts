import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, freePort, freshDatabase, startCli, waitUntil, type CliProcess } from '../support/cli-process.js';

/**
 * `lattice serve` as operators run it: the built CLI in its own process,
 * NODE_ENV=production (Apollo would install its own signal handlers there).
 */
const ADMIN_PASSWORD = 'Ops-Lattice-2026x';

interface HealthSample {
  readonly at: number;
  readonly code: number;
  readonly status: string;
  readonly version: number;
}

/** Polls /health until stopped, keeping every answer (a refused connection is no sample). */
function watchHealth(port: number): { samples: HealthSample[]; stop(): void } {
  const samples: HealthSample[] = [];
  let running = true;
  void (async () => {
    while (running) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        const body = (await response.json()) as { status: string; metadataVersion: number };
        samples.push({ at: Date.now(), code: response.status, status: body.status, version: body.metadataVersion });
      } catch {
        // not listening (yet, or any more)
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { samples, stop: () => void (running = false) };
}

async function post(port: number, path: string, query: string, token?: string): Promise<{ status: number; body: { data?: any; errors?: { message: string }[] } }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe('a start that cannot serve exits at once, with one line saying why', () => {
  const started: CliProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cli of started) cli.signal('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  });

  async function failedStart(env: Record<string, string>): Promise<{ code: number; lines: string[]; seconds: number }> {
    const begun = Date.now();
    const cli = startCli(['serve'], env);
    started.push(cli);
    const { code, at } = await cli.exited;
    return { code, lines: cli.stderr().trim().split('\n'), seconds: (at - begun) / 1000 };
  }

  it('refuses a LATTICE_ADMIN_PASSWORD that breaks the password rules', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const result = await failedStart({ ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: 'admin-passw0rd' });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([expect.stringMatching(/^lattice serve: cannot start: LATTICE_ADMIN_PASSWORD is not acceptable: .*must not contain the login/)]);
    expect(result.seconds).toBeLessThan(30);
  });

  it('refuses a port another process listens on', async () => {
    const port = await freePort();
    const holder: Server = createServer();
    await new Promise<void>((r) => holder.listen(port, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => holder.close(() => r())));
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const result = await failedStart({ ...db.env, PORT: String(port), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([`lattice serve: cannot start: Port ${port} on 127.0.0.1 is in use by another process (set PORT or --port)`]);
    expect(result.seconds).toBeLessThan(30);
  });

  it('refuses a DATABASE_URL where no database answers, without showing its password', async () => {
    const nowhere = await freePort();
    const result = await failedStart({ DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${nowhere}/lattice`, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([expect.stringMatching(new RegExp(`^lattice serve: cannot start: Cannot reach the database in DATABASE_URL \\(127\\.0\\.0\\.1:${nowhere}/lattice\\): .*ECONNREFUSED`))]);
    expect(result.lines[0]).not.toMatch(/s3cret/);
    expect(result.seconds).toBeLessThan(30);
  });
});

describe('a first start of the example, cut short and started again, then stopped under load', () => {
  const processes: CliProcess[] = [];
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  afterAll(async () => {
    for (const cli of processes) cli.signal('SIGKILL');
    await Promise.all(processes.map((cli) => cli.exited));
    await db?.drop();
  });

  it('says starting until the example is loaded, finishes a seed killed half-way, and drains on SIGTERM with no failed request', async () => {
    db = await freshDatabase();
    const port = await freePort();
    // Personal-data reads are written only when the node stops (or every 500 entries): the count below proves the last batch was flushed.
    const env = { ...db.env, PORT: String(port), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD, LATTICE_ACCESS_LOG_FLUSH_MS: '600000', LATTICE_SHUTDOWN_TIMEOUT_MS: '15000' };

    // 1. Killed (-9) right after the publish, while the seed is loading.
    const first = startCli(['serve', '--example', EXAMPLE_DIR], env);
    processes.push(first);
    const firstHealth = watchHealth(port);
    await first.waitForOutput(/Published version 1/);
    first.signal('SIGKILL');
    await first.exited;
    firstHealth.stop();
    expect(first.stdout()).not.toMatch(/Seeded/);
    expect(firstHealth.samples.length).toBeGreaterThan(0);
    expect(firstHealth.samples.every((s) => s.code === 503 && s.status === 'starting')).toBe(true);

    // 2. The next start takes the example load up again and completes it; ready only then.
    const second = startCli(['serve', '--example', EXAMPLE_DIR], env);
    processes.push(second);
    const health = watchHealth(port);
    await second.waitForOutput(/Press Ctrl\+C to stop/);
    expect(second.stdout()).toMatch(/Resuming the example load/);
    expect(second.stdout()).toMatch(/Seeded .*\d+ Customer.*\d+ Subscription/);
    expect(await waitUntil(() => health.samples.some((s) => s.status === 'ok'), 10_000)).toBe(true);
    health.stop();
    const firstOk = health.samples.findIndex((s) => s.status === 'ok');
    expect(health.samples.slice(0, firstOk).every((s) => s.code === 503 && s.status === 'starting')).toBe(true);
    expect(health.samples[firstOk]).toMatchObject({ code: 200, version: 1 });

    const signIn = await post(port, '/auth/graphql', `mutation { signIn(login: "admin", password: "${ADMIN_PASSWORD}") { accessToken } }`);
    const token = signIn.body.data.signIn.accessToken as string;
    const counts = (await post(port, '/graphql', '{ customers(first: 1) { totalCount } subscriptions(first: 1) { totalCount } }', token)).body.data;
    expect(counts.customers.totalCount).toBeGreaterThan(0);
    expect(counts.subscriptions.totalCount).toBeGreaterThan(counts.customers.totalCount);

    // 3. Eight clients for three seconds, then SIGTERM: every request sent before the signal is answered in full.
    const read = '{ customers(first: 10) { nodes { name idNumber orgUnitId } } }';
    const unitsRead = new Set<string>();
    const requests: Array<{ startedAt: number; ok: boolean; error?: string }> = [];
    let signalledAt = Number.POSITIVE_INFINITY;
    const client = async () => {
      for (;;) {
        const startedAt = Date.now();
        try {
          const { status, body } = await post(port, '/graphql', read, token);
          const ok = status === 200 && !body.errors && body.data.customers.nodes.length === 10;
          if (ok) for (const node of body.data.customers.nodes) unitsRead.add(node.orgUnitId);
          requests.push({ startedAt, ok, ...(ok ? {} : { error: JSON.stringify(body).slice(0, 200) }) });
        } catch (error) {
          requests.push({ startedAt, ok: false, error: String((error as Error).cause ?? error) });
          if (startedAt > signalledAt) return;
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 3000));
    signalledAt = Date.now();
    second.signal('SIGTERM');
    const { code } = await second.exited;
    await Promise.all(clients);
    const beforeSignal = requests.filter((r) => r.startedAt < signalledAt);
    expect(beforeSignal.length).toBeGreaterThan(8);
    expect(beforeSignal.filter((r) => !r.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(second.stdout()).toMatch(/SIGTERM: finishing the requests in flight/);
    expect(second.stderr()).not.toMatch(/Error|error/);

    const answered = requests.filter((r) => r.ok).length;
    const [logged] = await db.sql<{ n: number }>(`select count(*)::int as n from lattice_access_log where kind = 'personal-data'`);
    // The access log keeps one entry per request and owning unit of the records read (each unit's auditors see their own).
    expect(logged?.n).toBe(answered * unitsRead.size);
    console.log(`SIGTERM under load: ${beforeSignal.length} requests before the signal, ${answered} answered in all, 0 failed; exit ${code}`);
  }, 400_000);
});
