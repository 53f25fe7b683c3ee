import type pg from 'pg';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import type { Measurement, measure as Measure } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

/** Groups of [access point, API, raw SQL] measurements of the same reads: the last is the reference. */
export async function benchReads(platform: LatticePlatform, accessToken: string, raw: pg.Pool, measure: typeof Measure): Promise<Measurement[][]> {
  const ids = (await raw.query<{ id: string }>('select id from customer order by random() limit 1000')).rows.map((r) => r.id);
  const [busiest] = (await raw.query<{ city: string; customer_class: string }>('select city, customer_class from customer group by 1, 2 order by count(*) desc limit 1')).rows;
  if (!busiest || ids.length === 0) throw new Error('No seeded customers');
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0]?.message);
    return body;
  };
  const idOf = (i: number) => ids[i % ids.length] as string;
  const subscriptions = platform.live.current.model.entityByKey('subscription')?.table ?? 'subscription';

  const getById = [
    await measure('access point get (no HTTP, no GraphQL)', ITERATIONS, CONCURRENCY, (i) =>
      platform.access().get('Customer', idOf(i), { fields: ['id', 'name', 'customerCode', 'phone', 'city', 'avgMonthlySpend', 'version'] })),
    await measure('API    customer(id)', ITERATIONS, CONCURRENCY, (i) =>
      graphql('query($id: ID!) { customer(id: $id) { id name customerCode phone city avgMonthlySpend version } }', { id: idOf(i) })),
    await measure('raw SQL select by id', ITERATIONS, CONCURRENCY, (i) =>
      raw.query('select id, name, customer_code, phone, city, avg_monthly_spend, version from customer where id = $1 and deleted_at is null', [idOf(i)])),
  ];

  const filter = { city: { eq: busiest.city }, customerClass: { eq: busiest.customer_class } };
  const customerEntity = platform.live.current.model.entityByName('Customer');
  const subscriptionsField = customerEntity?.fieldByName('subscriptions');
  if (!customerEntity || !subscriptionsField) throw new Error('The example has no Customer.subscriptions');
  const page = [
    await measure('access point page + subscriptions', ITERATIONS / 4, CONCURRENCY, async () => {
      const access = platform.access();
      const list = await access.list('Customer', { filter, orderBy: [{ field: 'name' }], first: 50, includeCount: false, fields: ['id', 'name', 'customerCode', 'phone'] });
      await Promise.all(list.nodes.map((n) => access.related(customerEntity, subscriptionsField, n.id, ['id', 'msisdn', 'status'])));
    }),
    await measure('API    page of 50 customers + subscriptions', ITERATIONS / 4, CONCURRENCY, () =>
      graphql(
        'query($f: CustomerFilter) { customers(filter: $f, orderBy: [{ field: name }], first: 50) { nodes { id name customerCode phone subscriptions { msisdn status } } pageInfo { endCursor hasNextPage } } }',
        { f: filter },
      )),
    await measure('raw SQL page of 50 + their subscriptions', ITERATIONS / 4, CONCURRENCY, async () => {
      const customers = await raw.query<{ id: string }>(
        'select id, name, customer_code, phone from customer where city = $1 and customer_class = $2 and deleted_at is null order by name, id limit 51',
        [busiest.city, busiest.customer_class],
      );
      await raw.query(`select customer_id, msisdn, status from ${subscriptions} where customer_id = any($1) and deleted_at is null order by created_at, id`, [customers.rows.slice(0, 50).map((r) => r.id)]);
    }),
  ];
  return [getById, page];
}
