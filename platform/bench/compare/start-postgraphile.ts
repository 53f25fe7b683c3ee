import { fork } from 'node:child_process';

export interface PostgraphileProcess {
  readonly url: string;
  readonly pid: number;
  close(): Promise<void>;
}

/** Forks PostGraphile on the database at `connectionString`; resolves once it listens. */
/** `prepared: false` on PGlite, whose socket connections share one session (so their statement names collide). */
export async function startPostgraphile(connectionString: string, options: { poolSize: number; prepared: boolean }): Promise<PostgraphileProcess> {
  const child = fork(new URL('./postgraphile-server.ts', import.meta.url), [], {
    execArgv: ['--import', '@swc-node/register/esm-register'],
    env: { ...process.env, POSTGRAPHILE_DATABASE_URL: connectionString, POSTGRAPHILE_POOL_SIZE: String(options.poolSize), NODE_ENV: 'production', ...(options.prepared ? {} : { DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE: '0' }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`PostGraphile stopped before it listened (exit code ${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid ?? 0,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
