import type pg from 'pg';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import type { Measurement, measure as Measure } from './measure.js';
import type { LoadClient, RawReference } from './load-jobs.js';

export const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2000);
/** One client at a time (a user's latency), then several at once (the node's capacity). */
export const CONCURRENCIES = (process.env['BENCH_CONCURRENCY'] ?? '1,8').split(',').map(Number);

const GET = 'query($id: ID!) { customer(id: $id) { id name customerCode phone city avgMonthlySpend version } }';
/** A screen's page: 50 customers sorted by name, with their lines. */
export const PAGE = 'query($f: CustomerFilter) { customers(filter: $f, orderBy: [{ field: name }], first: 50) { nodes { id name customerCode phone subscriptions { msisdn status } } pageInfo { endCursor hasNextPage } } }';

/**
 * Groups of [access point, API, raw SQL] measurements of the same reads, at
 * each concurrency: the last of a group is the reference. The API and the raw
 * SQL are driven by the load client, in its own process; the access point
 * (no HTTP, no GraphQL) runs in the platform's.
 */
export async function benchReads(platform: LatticePlatform, accessToken: string, raw: pg.Pool, client: LoadClient, measure: typeof Measure): Promise<Measurement[][]> {
  const ids = (await raw.query<{ id: string }>('select id from customer order by random() limit 1000')).rows.map((r) => r.id);
  const [busiest] = (await raw.query<{ city: string; customer_class: string }>('select city, customer_class from customer group by 1, 2 order by count(*) desc limit 1')).rows;
  if (!busiest || ids.length === 0) throw new Error('No seeded customers');
  const subscriptions = platform.live.current.model.entityByKey('subscription')?.table ?? 'subscription';
  const customerEntity = platform.live.current.model.entityByName('Customer');
  const subscriptionsField = customerEntity?.fieldByName('subscriptions');
  if (!customerEntity || !subscriptionsField) throw new Error('The example has no Customer.subscriptions');
  const filter = { city: { eq: busiest.city }, customerClass: { eq: busiest.customer_class } };
  const api = (label: string, iterations: number, concurrency: number, bodies: string[]) =>
    client.run({ kind: 'http', label, iterations, concurrency, url: `${platform.url}/graphql`, method: 'POST', token: accessToken, bodies });
  const sql = (label: string, iterations: number, concurrency: number, reference: RawReference, args: unknown[][]) =>
    client.run({ kind: 'sql', label, iterations, concurrency, connection: platform.database.connection, reference, args });

  const groups: Measurement[][] = [];
  for (const c of CONCURRENCIES) {
    groups.push([
      await measure(`access point get (no HTTP, no GraphQL) c=${c}`, ITERATIONS, c, (i) =>
        platform.access().get('Customer', ids[i % ids.length] as string, { fields: ['id', 'name', 'customerCode', 'phone', 'city', 'avgMonthlySpend', 'version'] })),
      await api(`API    customer(id)                   c=${c}`, ITERATIONS, c, ids.map((id) => JSON.stringify({ query: GET, variables: { id } }))),
      await sql(`raw SQL select by id                  c=${c}`, ITERATIONS, c, 'customer-by-id', ids.map((id) => [id])),
    ]);
    groups.push([
      await measure(`access point page + subscriptions     c=${c}`, ITERATIONS / 4, c, async () => {
        const access = platform.access();
        const list = await access.list('Customer', { filter, orderBy: [{ field: 'name' }], first: 50, includeCount: false, fields: ['id', 'name', 'customerCode', 'phone'] });
        await Promise.all(list.nodes.map((n) => access.related(customerEntity, subscriptionsField, n.id, ['id', 'msisdn', 'status'])));
      }),
      await api(`API    page of 50 + subscriptions     c=${c}`, ITERATIONS / 4, c, [JSON.stringify({ query: PAGE, variables: { f: filter } })]),
      await sql(`raw SQL page of 50 + subscriptions    c=${c}`, ITERATIONS / 4, c, 'page-with-subscriptions', [[busiest.city, busiest.customer_class, subscriptions]]),
    ]);
  }
  return groups;
}

/**
 * What every request costs before any record is read, beside a raw lookup:
 * HTTP through Nest and Express (`GET /health`), then with the access token
 * and Apollo's pipeline (`{ metadataVersion }`).
 */
export async function benchRequestFloor(platform: LatticePlatform, accessToken: string, raw: pg.Pool, client: LoadClient): Promise<Measurement[][]> {
  const ids = (await raw.query<{ id: string }>('select id from customer order by random() limit 1000')).rows.map((r) => [r.id]);
  const groups: Measurement[][] = [];
  for (const c of CONCURRENCIES) {
    groups.push([
      await client.run({ kind: 'http', label: `HTTP   GET /health                    c=${c}`, iterations: ITERATIONS, concurrency: c, url: `${platform.url}/health`, method: 'GET', bodies: [] }),
      await client.run({ kind: 'http', label: `API    { metadataVersion }            c=${c}`, iterations: ITERATIONS, concurrency: c, url: `${platform.url}/graphql`, method: 'POST', token: accessToken, bodies: [JSON.stringify({ query: '{ metadataVersion }' })] }),
      await client.run({ kind: 'sql', label: `raw SQL select by id                  c=${c}`, iterations: ITERATIONS, concurrency: c, connection: platform.database.connection, reference: 'customer-by-id', args: ids }),
    ]);
  }
  return groups;
}
