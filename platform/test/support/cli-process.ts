import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { withAdminClient } from './test-platform.js';
import { BUILT_CLI } from './lattice-cli.js';

// The built CLI (`pnpm -r run build`) is run by the real Node binary: pnpm's `.bin/node` wrapper would survive a kill of its pid.
export const EXAMPLE_DIR = resolve(import.meta.dirname, '../../../examples/telecom-crm');

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches, rejects when the process exits first or `timeoutMs` passes. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The exit code (a signal that ended it: 128 + its number), and when it came. */
  readonly exited: Promise<{ code: number; at: number }>;
  /** Signals the whole process group. */
  signal(signal: NodeJS.Signals): void;
}

/** `lattice <args>` in its own process group, with the production settings unless `env` says otherwise. */
export function startCli(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, NODE_ENV: 'production', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of waiters) waiter();
  });
  child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const exited = new Promise<{ code: number; at: number }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code: code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1), at: Date.now() })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal(signal) {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // already gone
      }
    },
    waitForOutput(pattern, timeoutMs = 180_000) {
      return new Promise<void>((resolveWait, reject) => {
        const check = () => {
          if (!pattern.test(out)) return;
          done();
          resolveWait();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No ${pattern} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then(({ code }) => {
          if (!waiters.has(check)) return;
          done();
          reject(new Error(`Exited (${code}) before ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        });
        check();
      });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A database of its own for a CLI node: a new one on the server in DATABASE_URL, or a new PGlite folder. */
export async function freshDatabase(): Promise<{ env: Record<string, string>; dataDir?: string; sql<T = any>(text: string, params?: unknown[]): Promise<T[]>; drop(): Promise<void> }> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'lattice-cli-node-'));
    return {
      env: { LATTICE_DATA_DIR: dataDir },
      dataDir,
      async sql(text, params = []) {
        // The node has stopped: open its folder directly.
        const { PGlite } = await import('@electric-sql/pglite');
        const db = await PGlite.create(dataDir);
        try {
          return (await db.query(text, params)).rows as never;
        } finally {
          await db.close();
        }
      },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `lattice_cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = <T>(work: (client: pg.Client) => Promise<T>, url = serverUrl) => withAdminClient(url, work);
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    sql: async (text, params = []) => admin(async (c) => (await c.query(text, params)).rows, url.toString()),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
