import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningPlatform {
  url: string;
  stop(): Promise<void>;
}

/** A loopback port no one listens on now (a test that must name the platform's address before it starts takes one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The real platform, as `npm start` runs it: the built CLI on a fresh
 * embedded Postgres with the telecom example, serving the built console.
 * Always PGlite (`DATABASE_URL` is not passed on): the console's tests need
 * no Postgres server.
 */
export async function startExamplePlatform(customers: number, settings: Record<string, string> = {}): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lattice-console-'));
  const port = settings['PORT'] ? Number(settings['PORT']) : await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LATTICE_DATA_DIR: dataDir, LATTICE_ADMIN_PASSWORD: 'Console-test-2026', ...settings };
  delete env['DATABASE_URL'];
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'platform/dist/cli/main.js'), 'serve', '--example', join(ROOT, 'examples/telecom-crm'), '--customers', String(customers)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The platform exited (${code}) before it was ready:\n${output}`)));
  });
  if (!output.includes(`Console:            http://127.0.0.1:${port}/`)) throw new Error(`The platform serves no console (build the designer first):\n${output}`);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
