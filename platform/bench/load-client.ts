/**
 * The benchmark's client process (`startLoadClient`): runs one `LoadJob` at a
 * time, sent over IPC, and answers with its measurement. HTTP through an
 * undici pool with one keep-alive connection per concurrent worker; raw SQL
 * through a `pg` pool of the same size.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Pool } from 'undici';
import { measure } from './measure.js';
import type { LoadJob, RawReference } from './load-jobs.js';

type Query = (pool: pg.Pool, args: readonly unknown[]) => Promise<unknown>;

/** The same reads as the API's, written by hand: the reference. */
const RAW_READS: Record<RawReference, Query> = {
  'customer-by-id': (pool, [id]) => pool.query('select id, name, customer_code, phone, city, avg_monthly_spend, version from customer where id = $1 and deleted_at is null', [id]),
  'page-with-subscriptions': async (pool, [city, customerClass, subscriptionTable]) => {
    const customers = await pool.query<{ id: string }>('select id, name, customer_code, phone from customer where city = $1 and customer_class = $2 and deleted_at is null order by name, id limit 51', [city, customerClass]);
    await pool.query(`select customer_id, msisdn, status from ${String(subscriptionTable)} where customer_id = any($1) and deleted_at is null order by created_at, id`, [customers.rows.slice(0, 50).map((r) => r.id)]);
  },
};

/** Statement pools live until the client stops, so the database backends serving them (whose CPU is counted) outlive each job. */
const statementPools = new Map<string, pg.Pool>();

function statementPool(connection: pg.PoolConfig, size: number): pg.Pool {
  const key = `${JSON.stringify(connection)}|${size}`;
  let pool = statementPools.get(key);
  if (!pool) {
    statementPools.set(key, (pool = new pg.Pool({ ...connection, max: size })));
    // An idle connection the database closed is replaced on the next query; it must not stop the client.
    pool.on('error', (error) => console.warn(`load client: ${error.message}`));
  }
  return pool;
}

async function run(job: LoadJob) {
  if (job.kind === 'statement') {
    const pool = statementPool(job.connection, job.poolSize);
    const name = job.prepared ? `bench_${createHash('sha1').update(job.text).digest('hex').slice(0, 16)}` : undefined;
    try {
      return await measure(job.label, job.iterations, job.concurrency, (i) => pool.query({ text: job.text, values: [...(job.args[i % job.args.length] ?? [])], ...(name ? { name } : {}) }));
    } finally {
      // PGlite's pools go with their job: its database lives in the platform's process, which stops before the client.
      if (!job.prepared) {
        statementPools.delete(`${JSON.stringify(job.connection)}|${job.poolSize}`);
        await pool.end();
      }
    }
  }
  if (job.kind === 'sql') {
    const pool = new pg.Pool({ ...job.connection, max: job.concurrency });
    const query = RAW_READS[job.reference];
    try {
      return await measure(job.label, job.iterations, job.concurrency, (i) => query(pool, job.args[i % job.args.length] ?? []));
    } finally {
      await pool.end();
    }
  }
  const url = new URL(job.url);
  const http = new Pool(url.origin, { connections: job.concurrency });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(job.token ? { authorization: `Bearer ${job.token}` } : {}) };
  try {
    return await measure(job.label, job.iterations, job.concurrency, async (i) => {
      const response = await http.request({ path: url.pathname, method: job.method, headers, ...(job.method === 'POST' ? { body: job.bodies[i % job.bodies.length] } : {}) });
      const body = (await response.body.json()) as { errors?: { message: string }[] };
      if (response.statusCode !== 200 || body.errors) throw new Error(`${job.label}: HTTP ${response.statusCode} ${body.errors?.[0]?.message ?? ''}`);
    }, job.warmUp);
  } finally {
    await http.close();
  }
}

process.on('disconnect', () => void Promise.all([...statementPools.values()].map((pool) => pool.end())));

process.on('message', (job: LoadJob) => {
  run(job).then(
    (measurement) => process.send?.({ measurement }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
