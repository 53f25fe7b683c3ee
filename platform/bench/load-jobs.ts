import { fork, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import type { Measurement } from './measure.js';

/**
 * What the load client runs: requests to the API over HTTP, or the same
 * reads in raw SQL straight to the database. Request i sends `bodies[i % n]`
 * (or the SQL reference with `args[i % n]`).
 */
export type LoadJob =
  /** `warmUp`: untimed requests first (default 50); 0 when each body may be sent once only (a write carrying the version it expects). */
  | { readonly kind: 'http'; readonly label: string; readonly iterations: number; readonly concurrency: number; readonly url: string; readonly method: 'GET' | 'POST'; readonly token?: string; readonly bodies: readonly string[]; readonly warmUp?: number }
  | { readonly kind: 'sql'; readonly label: string; readonly iterations: number; readonly concurrency: number; readonly connection: pg.PoolConfig; readonly reference: RawReference; readonly args: readonly (readonly unknown[])[] }
  /**
   * One hand-written statement with its values, through a pool of `poolSize` kept until the client stops (so the
   * server's backends serving it live on for their CPU to be read); `prepared` names it (a prepared statement per
   * connection; not on PGlite, whose connections share one session).
   */
  | { readonly kind: 'statement'; readonly label: string; readonly iterations: number; readonly concurrency: number; readonly poolSize: number; readonly connection: pg.PoolConfig; readonly text: string; readonly prepared: boolean; readonly args: readonly (readonly unknown[])[] };

/** The raw SQL references, by name, with their arguments. */
export type RawReference = 'customer-by-id' | 'page-with-subscriptions';

export interface LoadClient {
  run(job: LoadJob): Promise<Measurement>;
  close(): Promise<void>;
}

/**
 * Starts the benchmark's client in its own process, as a client machine would
 * be: its HTTP and `pg` work do not run on the platform's event loop, so the
 * platform's latency is its own (the 2 cores stay shared).
 */
export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(new URL('./load-client.ts', import.meta.url), [], { execArgv: ['--import', '@swc-node/register/esm-register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: { resolve: (m: Measurement) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (message: { measurement?: Measurement; error?: string }) => {
    const waiting = pending;
    pending = undefined;
    if (message.error) waiting?.reject(new Error(message.error));
    else if (message.measurement) waiting?.resolve(message.measurement);
  });
  child.on('exit', (code) => pending?.reject(new Error(`The load client stopped (exit code ${code})`)));
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(job);
      }),
    close: async () => {
      child.disconnect();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
