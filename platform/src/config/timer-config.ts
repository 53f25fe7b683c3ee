import { envNumber } from './env-number.js';

/** How a node's timer engine runs; every figure from the environment, with these defaults. */
export interface TimerConfig {
  /** Whether this node fires timers (`LATTICE_TIMERS=off`: it only schedules them; other nodes fire). */
  readonly enabled: boolean;
  /** How often an idle worker asks pg-boss for due wake-ups (ms, at least 500). */
  readonly pollMs: number;
  /** How often the sweep fires due timers whatever their wake-ups (ms): catches late ones after downtime. */
  readonly sweepMs: number;
  /** Timers fired per transaction. */
  readonly batchSize: number;
  /** A handler that fails is retried after `retryMs` × 2^attempt, up to this many attempts, then the timer is `failed`. */
  readonly maxAttempts: number;
  readonly retryMs: number;
}

/** Reads the timer settings; a bad number stops the start naming its variable (the same reader as every other setting). */
export function readTimerConfig(env: NodeJS.ProcessEnv, overrides: Partial<TimerConfig> = {}): TimerConfig {
  return {
    enabled: env['LATTICE_TIMERS'] !== 'off',
    pollMs: envNumber(env, 'LATTICE_TIMER_POLL_MS', 1_000, { min: 500 }),
    sweepMs: envNumber(env, 'LATTICE_TIMER_SWEEP_MS', 5_000, { min: 100 }),
    batchSize: envNumber(env, 'LATTICE_TIMER_BATCH', 200, { min: 1 }),
    maxAttempts: envNumber(env, 'LATTICE_TIMER_MAX_ATTEMPTS', 5, { min: 1 }),
    retryMs: envNumber(env, 'LATTICE_TIMER_RETRY_MS', 10_000, { min: 0 }),
    ...overrides,
  };
}
