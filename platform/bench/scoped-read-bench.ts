import type pg from 'pg';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import type { Measurement, measure as Measure } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

/**
 * The same reads over HTTP as a hall operator (row scope by unit, plus the
 * example's sharing rule for group customers and record shares) and as the
 * platform admin (no scope): groups of [operator, admin], the admin last as
 * the reference.
 */
export async function benchScopedReads(platform: LatticePlatform, tokens: { operator: string; admin: string }, raw: pg.Pool, measure: typeof Measure): Promise<Measurement[][]> {
  const inHall = (await raw.query<{ id: string }>(`select c.id from customer c join lattice_org_unit u on u.id = c.org_unit_id where u.key = 'sc_cd_wh_h1' order by random() limit 1000`)).rows.map((r) => r.id);
  if (inHall.length === 0) throw new Error('No seeded customers in the Wuhou hall');
  const as = (token: string) => async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0]?.message);
    return body;
  };
  const operator = as(tokens.operator);
  const admin = as(tokens.admin);
  const idOf = (i: number) => inHall[i % inHall.length] as string;
  const GET = 'query($id: ID!) { customer(id: $id) { id name customerCode phone city version } }';
  const PAGE = 'query($f: CustomerFilter) { customers(filter: $f, orderBy: [{ field: name }], first: 50) { nodes { id name customerCode phone subscriptions { msisdn status } } pageInfo { endCursor hasNextPage } } }';
  const filter = { city: { eq: '成都市' } };
  return [
    [
      await measure('hall operator  customer(id)', ITERATIONS, CONCURRENCY, (i) => operator(GET, { id: idOf(i) })),
      await measure('platform admin customer(id)', ITERATIONS, CONCURRENCY, (i) => admin(GET, { id: idOf(i) })),
    ],
    [
      await measure('hall operator  page of 50 + subscriptions', ITERATIONS / 4, CONCURRENCY, () => operator(PAGE, { f: filter })),
      await measure('platform admin page of 50 + subscriptions', ITERATIONS / 4, CONCURRENCY, () => admin(PAGE, { f: filter })),
    ],
  ];
}
