import type pg from 'pg';
import { simulateTariff, type MetadataSet, type SimulatedSubscription } from '@lattice/runtime';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { tariffsOf } from '@lattice/runtime';

export interface SimulationBench {
  readonly subscriptions: number;
  readonly month: string;
  /** simulateTariff over HTTP: reading through the access point, page by page, and pricing. */
  readonly apiMs: number;
  /** The reference: one raw SQL join of the same rows, then the runtime's simulateTariff in memory. */
  readonly referenceReadMs: number;
  readonly referencePriceMs: number;
  readonly sameTotals: boolean;
  readonly change: string;
}

/**
 * A draft that raises the example's loyalty discount, simulated over
 * every seeded subscription and the last month of usage: the admin API
 * against the same computation written directly (raw SQL + the runtime).
 */
export async function benchLiveSimulation(platform: LatticePlatform, accessToken: string, raw: pg.Pool): Promise<SimulationBench> {
  const live = platform.live.current.model;
  const source = platform.metadata.liveSource();
  const tariffs = source.tariffs as unknown as { discounts: { key: string; percent?: number }[] };
  const draft: MetadataSet = { ...source, tariffs: { ...tariffs, discounts: tariffs.discounts.map((d) => (d.key === 'loyalty_3_years' ? { ...d, percent: 15 } : d)) } as never };
  const table = (key: string) => live.entityByKey(key)!;
  const column = (entity: string, name: string) => table(entity).fieldByName(name)!.column as string;
  const month = (await raw.query<{ month: string | null }>(`select max(${column('usage_summary', 'month')}) as month from ${table('usage_summary').table}`)).rows[0]?.month ?? '2026-11';
  const date = `${month}-28`;

  const started = performance.now();
  const response = await fetch(`${platform.url}/admin/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: 'query($s: JSON, $m: String, $d: String) { simulateTariff(source: $s, month: $m, date: $d) }', variables: { s: draft, m: month, d: date } }),
  });
  const body = (await response.json()) as { data?: { simulateTariff: { subscriptions: number; current: string; draft: string; change: string } }; errors?: { message: string }[] };
  const apiMs = performance.now() - started;
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? 'simulateTariff failed');
  const api = body.data.simulateTariff;

  // The reference: the same rows in one query, the same pricing in memory.
  const readStarted = performance.now();
  const compiledDraft = platform.metadata.compile(draft);
  const draftCatalog = compiledDraft.ok ? tariffsOf(compiledDraft.value)?.catalog : undefined;
  const liveCatalog = tariffsOf(live)?.catalog;
  if (!draftCatalog || !liveCatalog) throw new Error('The example has no tariff catalog');
  const facts = new Set([...liveCatalog.factsRead, ...draftCatalog.factsRead]);
  const customerFacts = table('customer').fields.filter((f) => f.column && facts.has(f.name));
  const usage = { voice: column('usage_summary', 'voiceMinutes'), data: column('usage_summary', 'dataMb'), sms: column('usage_summary', 'sms') };
  const { rows } = await raw.query<Record<string, unknown>>(
    `select s.id, s.${column('subscription', 'customer')} as customer, p.${column('product', 'tariffOffering')} as offering, s.org_unit_id,
            ${customerFacts.map((f) => `c.${f.column}${f.storage?.kind === 'date' ? '::text' : ''} as "${f.name}"`).join(', ')}${customerFacts.length ? ',' : ''}
            u.${usage.voice} as voice, u.${usage.data} as data, u.${usage.sms} as sms, u.id as usage_id
       from ${table('subscription').table} s
       join ${table('product').table} p on p.id = s.${column('subscription', 'product')}
       join ${table('customer').table} c on c.id = s.${column('subscription', 'customer')}
       left join ${table('usage_summary').table} u on u.${column('usage_summary', 'subscription')} = s.id and u.${column('usage_summary', 'month')} = $1 and u.deleted_at is null
      where s.${column('subscription', 'status')} = 'active' and s.deleted_at is null and p.${column('product', 'tariffOffering')} is not null`,
    [month],
  );
  const referenceReadMs = performance.now() - readStarted;

  const priceStarted = performance.now();
  const directory = platform.org.directory;
  const lines = new Map<string, number>();
  for (const row of rows) lines.set(`${row['customer']}\u0000${row['offering']}`, (lines.get(`${row['customer']}\u0000${row['offering']}`) ?? 0) + 1);
  const customers = new Map<string, Record<string, unknown>>();
  const subscriptions: SimulatedSubscription[] = rows.map((row) => {
    const unit = directory.byId(row['org_unit_id'] as string);
    const region = unit ? (directory.ancestry(unit.id).find((u) => u.kind === 'province') ?? unit).key : '(no unit)';
    let customer = customers.get(row['customer'] as string);
    if (!customer) customers.set(row['customer'] as string, (customer = Object.fromEntries(customerFacts.map((f) => [f.name, row[f.name]]))));
    return {
      customer: row['customer'] as string,
      offering: row['offering'] as string,
      region,
      orgUnitPath: unit ? directory.pathKeysOfId(unit.id) : [],
      customerFacts: customer,
      lines: lines.get(`${row['customer']}\u0000${row['offering']}`) ?? 1,
      ...(row['usage_id'] ? { usage: { voice: Number(row['voice']), data: Number(row['data']), sms: Number(row['sms']) } } : {}),
    };
  });
  const reference = simulateTariff({ current: liveCatalog, draft: draftCatalog, subscriptions, date });
  const referencePriceMs = performance.now() - priceStarted;
  return {
    subscriptions: api.subscriptions,
    month,
    apiMs,
    referenceReadMs,
    referencePriceMs,
    sameTotals: reference.current === api.current && reference.draft === api.draft && reference.subscriptions === api.subscriptions,
    change: api.change,
  };
}
