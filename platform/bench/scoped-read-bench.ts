import type pg from 'pg';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import type { Measurement } from './measure.js';
import type { LoadClient } from './load-jobs.js';
import { CONCURRENCIES, ITERATIONS, PAGE } from './read-bench.js';

/**
 * The same reads over HTTP as a hall operator (row scope by unit, plus the
 * example's sharing rule for group customers and record shares) and as the
 * platform admin (no scope): groups of [operator, admin], the admin last as
 * the reference, at the busiest concurrency.
 */
export async function benchScopedReads(platform: LatticePlatform, tokens: { operator: string; admin: string }, raw: pg.Pool, client: LoadClient): Promise<Measurement[][]> {
  const inHall = (await raw.query<{ id: string }>(`select c.id from customer c join lattice_org_unit u on u.id = c.org_unit_id where u.key = 'sc_cd_wh_h1' order by random() limit 1000`)).rows.map((r) => r.id);
  if (inHall.length === 0) throw new Error('No seeded customers in the Wuhou hall');
  const concurrency = Math.max(...CONCURRENCIES);
  const GET = 'query($id: ID!) { customer(id: $id) { id name customerCode phone city version } }';
  const as = (token: string, label: string, iterations: number, bodies: string[]) =>
    client.run({ kind: 'http', label: `${label} c=${concurrency}`, iterations, concurrency, url: `${platform.url}/graphql`, method: 'POST', token, bodies });
  const gets = inHall.map((id) => JSON.stringify({ query: GET, variables: { id } }));
  const page = [JSON.stringify({ query: PAGE, variables: { f: { city: { eq: '成都市' } } } })];
  return [
    [await as(tokens.operator, 'hall operator  customer(id)', ITERATIONS, gets), await as(tokens.admin, 'platform admin customer(id)', ITERATIONS, gets)],
    [await as(tokens.operator, 'hall operator  page of 50 + subscriptions', ITERATIONS / 4, page), await as(tokens.admin, 'platform admin page of 50 + subscriptions', ITERATIONS / 4, page)],
  ];
}
