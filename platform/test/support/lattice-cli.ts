import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PLATFORM = resolve(import.meta.dirname, '../..');
/** The built CLI, as users run it: compiling the sources on every spawn took most of a CLI test's time on a loaded machine. */
export const BUILT_CLI = join(PLATFORM, 'dist/cli/main.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `lattice <args>` in its own process with exactly `env` added to this
 * one's environment minus the CLI's own variables (so a developer's
 * LATTICE_* settings never leak into a test). Refuses a build older than the
 * sources, which would test yesterday's CLI.
 */
export async function runLatticeCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  assertBuiltCliIsCurrent();
  const { LATTICE_LOGIN: _l, LATTICE_PASSWORD: _p, LATTICE_URL: _u, PORT: _port, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [BUILT_CLI, ...args], { cwd: PLATFORM, env: { ...inherited, ...env } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

let checked = false;
function assertBuiltCliIsCurrent(): void {
  if (checked) return;
  let built: number;
  try {
    built = statSync(BUILT_CLI).mtimeMs;
  } catch {
    throw new Error('The CLI is not built: run "pnpm -r run build" (npm test does) before the CLI tests');
  }
  const newest = newestModification(join(PLATFORM, 'src'));
  if (newest > built) throw new Error('The built CLI is older than its sources: run "pnpm -r run build" (npm test does) before the CLI tests');
  checked = true;
}

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestModification(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
