import type { Problem, RecordHookContext } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { RegisteredHook } from './record-hook-registry.js';

/** Where a failed hook's stack goes: the server's log, never the caller. */
export type HookFailureLog = (message: string, error: unknown) => void;

/**
 * Runs one hook within its time limit. What it throws, or a run past the
 * limit, becomes one error naming the plugin and the hook; its stack is
 * logged on the server. After the limit the hook's record access is closed,
 * so a hook still running cannot write outside the write that gave up on it.
 */
export async function runHook(registered: RegisteredHook, context: RecordHookContext, defaultTimeoutMs: number, log: HookFailureLog): Promise<readonly Problem[]> {
  const { owner, hook } = registered;
  const timeoutMs = hook.timeoutMs ?? defaultTimeoutMs;
  let open = true;
  const guarded = { ...context, records: closedAfterwards(context, () => open, `${owner}/${hook.key}`) };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HookTimeout()), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(() => hook.run(guarded)), timedOut])) ?? [];
  } catch (error) {
    const label = `Hook "${hook.key}" of plugin "${owner}"`;
    if (error instanceof HookTimeout) {
      log(`${label} ran past its time limit of ${timeoutMs} ms on a ${context.verb} of ${context.entity.name}`, error);
      throw LatticeError.hookFailed(owner, hook.key, `${label} did not finish within ${timeoutMs} ms; nothing was stored`);
    }
    log(`${label} failed on a ${context.verb} of ${context.entity.name}`, error);
    const refused = error instanceof LatticeError ? `: ${error.message}` : '';
    throw LatticeError.hookFailed(owner, hook.key, `${label} failed${refused}; nothing was stored`);
  } finally {
    open = false;
    clearTimeout(timer);
  }
}

class HookTimeout extends Error {}

function closedAfterwards(context: RecordHookContext, isOpen: () => boolean, label: string): RecordHookContext['records'] {
  const check = () => {
    if (!isOpen()) throw new Error(`Hook ${label} used its record access after its write ended`);
  };
  const { records } = context;
  return {
    get: async (...args) => (check(), records.get(...args)),
    create: async (...args) => (check(), records.create(...args)),
    update: async (...args) => (check(), records.update(...args)),
  };
}
