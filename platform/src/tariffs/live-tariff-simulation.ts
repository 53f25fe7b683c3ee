import { TariffSimulation, type CompiledTariffCatalog, type SimulatedSubscription, type SimulationResult, type TariffSimulationSource } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { RecordAccess, StoredRecord } from '../records/record-access.js';
import { tariffsOf } from '@lattice/runtime';

export interface LiveSimulationArgs {
  /** The billing month whose usage is priced, YYYY-MM. */
  readonly month: string;
  /** The day prices and validity are read for, YYYY-MM-DD. */
  readonly date: string;
  /** Revenue is reported by the subscriptions' units of this kind (province, city…). */
  readonly regionKind: string;
  readonly top: number;
}

export interface LiveSimulationResult extends Omit<SimulationResult, 'byRegion'> {
  readonly month: string;
  readonly date: string;
  readonly regionKind: string;
  readonly byRegion: readonly (SimulationResult['byRegion'][number] & { readonly name: Readonly<Record<string, string>> })[];
  /** Subscriptions priced without usage: billing has no record of theirs for the month (only their recurring charges count). */
  readonly withoutUsage: number;
}

/**
 * A draft tariff catalog against the one in force, over the live
 * subscriptions and their month of usage, read through the access point:
 * the caller's row scope and field grants decide what is counted, so a
 * province admin simulates their province. Pages are read and priced one
 * at a time; only the totals are kept.
 */
export async function simulateOverLiveRecords(access: RecordAccess, draft: CompiledTariffCatalog, args: LiveSimulationArgs): Promise<LiveSimulationResult> {
  const { model } = access;
  const tariffs = tariffsOf(model);
  const source = tariffs?.simulation;
  const current = tariffs?.catalog;
  const customerEntity = tariffs ? model.entityByKey(tariffs.customerEntity) : undefined;
  if (!current || !customerEntity) throw LatticeError.notFound('A published tariff catalog');
  if (!source) throw LatticeError.invalidInput('tariffs.simulation', 'The published tariff catalog does not say where subscriptions are', 'Add `simulation` to the tariff catalog: the subscription entity, its customer and offering fields, and the usage entity');
  const directory = access.options.directory;
  const simulation = new TariffSimulation({ current, draft, date: args.date, top: args.top });
  const subs = source.subscriptions;
  const offeringOf = await offeringResolver(access, source);
  const facts = new Set([...current.factsRead, ...draft.factsRead]);
  const customerFields = ['id', ...customerEntity.fields.filter((f) => f.column && facts.has(f.name)).map((f) => f.name)];
  const places = new Map<string, { region: string; path: readonly string[] }>();
  const placeOf = (unitId: unknown) => {
    const id = typeof unitId === 'string' ? unitId : '';
    let place = places.get(id);
    if (!place) places.set(id, (place = placeIn(directory, id, args.regionKind)));
    return place;
  };
  let withoutUsage = 0;

  const fields = ['id', subs.customer, subs.offering[0] as string, 'orgUnitId', ...(subs.quantity ? [subs.quantity] : [])];
  const billable = subs.billable ? { [subs.billable.field]: { in: [...subs.billable.values] } } : undefined;
  const scanArgs = { fields, ...(billable ? { filter: billable } : {}) };
  // "50 lines or more" means the customer's lines on the offering: counted in a first pass, only when a rule reads it.
  const lines = facts.has('quantity') ? await linesPerCustomer(access, subs.entity, subs.customer, scanArgs, offeringOf) : undefined;
  for await (const page of access.scan(subs.entity, scanArgs)) {
    const customers = await byId(access, customerEntity.name, page.map((s) => s[subs.customer]), customerFields);
    const usage = source.usage ? await usageOf(access, source.usage, page.map((s) => s.id), args.month) : new Map<string, Record<string, number>>();
    for (const subscription of page) {
      const customerId = subscription[subs.customer] as string | null;
      const offering = offeringOf(subscription);
      const customer = customerId ? customers.get(customerId) : undefined;
      // A subscription whose customer or offering the caller may not read is not theirs to count.
      if (!customerId || !customer || offering === undefined) continue;
      const place = placeOf(subscription['orgUnitId']);
      const used = usage.get(subscription.id);
      if (source.usage && !used) withoutUsage++;
      const quantity = subs.quantity ? Number(subscription[subs.quantity] ?? 1) : 1;
      const count = lines?.get(`${customerId}\u0000${offering}`);
      const simulated: SimulatedSubscription = { customer: customerId, offering, region: place.region, orgUnitPath: place.path, customerFacts: customer, ...(quantity > 1 ? { quantity } : {}), ...(count ? { lines: count } : {}), ...(used ? { usage: used } : {}) };
      simulation.add(simulated);
    }
  }
  const result = simulation.result();
  return {
    ...result,
    month: args.month,
    date: args.date,
    regionKind: args.regionKind,
    byRegion: result.byRegion.map((row) => ({ ...row, name: directory.byKey(row.key)?.name ?? {} })),
    withoutUsage,
  };
}

/** The offering key of a subscription: its own field, or a field of the record it references (read once, all of them). */
async function offeringResolver(access: RecordAccess, source: TariffSimulationSource): Promise<(subscription: StoredRecord) => string | undefined> {
  const [first, second] = source.subscriptions.offering as [string, string | undefined];
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  if (second === undefined || !source.subscriptions.offeringEntity) return (subscription) => text(subscription[first]);
  const keys = new Map<string, string>();
  for await (const page of access.scan(source.subscriptions.offeringEntity, { fields: ['id', second] })) {
    for (const record of page) {
      const key = text(record[second]);
      if (key) keys.set(record.id, key);
    }
  }
  return (subscription) => keys.get(subscription[first] as string);
}

async function linesPerCustomer(access: RecordAccess, entity: string, customerField: string, args: Parameters<RecordAccess['scan']>[1], offeringOf: (s: StoredRecord) => string | undefined): Promise<Map<string, number>> {
  const lines = new Map<string, number>();
  for await (const page of access.scan(entity, args)) {
    for (const subscription of page) {
      const key = `${String(subscription[customerField])}\u0000${offeringOf(subscription) ?? ''}`;
      lines.set(key, (lines.get(key) ?? 0) + 1);
    }
  }
  return lines;
}

async function byId(access: RecordAccess, entityName: string, ids: readonly unknown[], fields: readonly string[]): Promise<Map<string, StoredRecord>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const out = new Map<string, StoredRecord>();
  if (wanted.length === 0) return out;
  for await (const page of access.scan(entityName, { filter: { id: { in: wanted } }, fields })) for (const record of page) out.set(record.id, record);
  return out;
}

async function usageOf(access: RecordAccess, usage: NonNullable<TariffSimulationSource['usage']>, subscriptionIds: readonly string[], month: string): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  const allowances = Object.entries(usage.allowances);
  const filter = { [usage.subscription]: { in: [...subscriptionIds] }, [usage.month]: { eq: month } };
  for await (const page of access.scan(usage.entity, { filter, fields: ['id', usage.subscription, ...allowances.map(([, field]) => field)] })) {
    for (const record of page) {
      const used: Record<string, number> = {};
      for (const [allowance, field] of allowances) used[allowance] = Number(record[field] ?? 0);
      out.set(record[usage.subscription] as string, used);
    }
  }
  return out;
}

/** The region a unit reports in (its ancestor of the kind, or itself when it sits above that level) and its path for branch prices. */
function placeIn(directory: OrgDirectory, unitId: string, regionKind: string): { region: string; path: readonly string[] } {
  const unit = directory.byId(unitId);
  if (!unit) return { region: '(no unit)', path: [] };
  const region = directory.ancestry(unit.id).find((u) => u.kind === regionKind) ?? unit;
  return { region: region.key, path: directory.pathKeysOfId(unit.id) };
}
