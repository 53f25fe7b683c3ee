import { accountRecord } from './account-records.js';
import { AutonumberSequence } from './autonumber-sequence.js';
import { formatDateTime, formatMoney, shanghaiDayStart } from './canonical-values.js';
import { contactRecords } from './contact-records.js';
import { planCustomer, type CustomerPlan } from './customer-plan.js';
import { customerRecord, type SeedRecord } from './customer-records.js';
import { orderItemRecords, orderRecord } from './order-records.js';
import { planOrders } from './order-plan.js';
import { PRODUCTS } from './product-catalog.js';
import { createSeedContext, STREAM, type SeedContext } from './seed-context.js';
import { subscriptionRecords } from './subscription-records.js';
import { placementOf } from './unit-placement.js';
import { usageRecords } from './usage-records.js';

/**
 * Seed data for the telecom CRM example: a catalogue, customers with their
 * contacts, accounts and subscriptions, last month's usage of each live
 * subscription, and two years of orders.
 *
 * Records are keyed by field API name and hold canonical values (money
 * "59.00", dates YYYY-MM-DD, datetimes ISO in UTC, references as the target's
 * id). Batches hold at most SEED_BATCH_SIZE records of one entity and come
 * entity by entity in dependency order, so every reference points at a
 * record already yielded.
 *
 * Memory stays flat whatever the customer count: each pass recomputes a
 * customer's plan from its index (see customer-plan.ts), record ids are
 * computed rather than stored (record-id.ts), and unique numbers come from
 * keyed permutations (keyed-permutation.ts). Only autonumber counters per day
 * are kept. The same seed and `now` give the same data.
 *
 * Every record of a customer carries its placement in the org tree:
 * `$orgUnit` (a unit key of `org/org.yaml`) and, for customers owned by a
 * named person, `$owner` (a login); the loader resolves both.
 */
export interface SeedOptions {
  customers: number;
  /** Defaults to 1. */
  seed?: number;
  /** Every date is before this day (Beijing time), so seeded autonumbers never meet a live counter. Defaults to the current time. */
  now?: Date;
}

export interface SeedBatch {
  /** Entity key. */
  entity: string;
  records: Array<Record<string, unknown>>;
}

export const SEED_SCALES = { default: 2000, bench: 100000, million: 1000000 } as const;

export const SEED_BATCH_SIZE = 1000;

/** Entity keys in the order their batches are yielded. */
export const SEED_ENTITY_ORDER = ['product', 'customer', 'contact', 'account', 'subscription', 'usage_summary', 'order', 'order_item'] as const;

/** Autonumber patterns, as declared in metadata/entities. */
const PATTERNS = { customerCode: 'CUS{YYYYMMDD}{seq:6}', accountNumber: 'ACC{YYYYMMDD}{seq:6}', orderNumber: 'ORD-{YYYYMMDD}-{seq:6}' } as const;

export function* generateSeed(options: SeedOptions): Generator<SeedBatch, void, undefined> {
  const context = createSeedContext(options);
  yield* inBatches('product', productRecords(context));

  // Group customers are customers 0 .. groupCount-1, yielded in batches of their own before the members that reference them.
  const customerCodes = new AutonumberSequence(PATTERNS.customerCode, context.now);
  const customer = (plan: CustomerPlan): SeedRecord[] => [customerRecord(context, plan, customerCodes)];
  yield* inBatches('customer', perCustomer(context, customer, 0, context.groupCount));
  yield* inBatches('customer', perCustomer(context, customer, context.groupCount));
  yield* inBatches('contact', perCustomer(context, (plan) => contactRecords(context, plan)));

  const accountNumbers = new AutonumberSequence(PATTERNS.accountNumber, context.now);
  yield* inBatches('account', perCustomer(context, (plan) => [accountRecord(context, plan, accountNumbers)]));

  const counters = { nextMobileSlot: context.customers, nextFixed: 0 };
  yield* inBatches('subscription', perCustomer(context, (plan) => subscriptionRecords(context, plan, counters)));
  yield* inBatches('usage_summary', perCustomer(context, (plan) => usageRecords(context, plan)));

  const orderNumbers = new AutonumberSequence(PATTERNS.orderNumber, context.now);
  yield* inBatches('order', perCustomer(context, (plan) => planOrders(context, plan).map((order) => orderRecord(context, plan, order, orderNumbers))));
  yield* inBatches('order_item', perCustomer(context, (plan) => planOrders(context, plan).flatMap((order) => orderItemRecords(context, plan, order))));
}

function* productRecords(context: SeedContext): Generator<SeedRecord> {
  const createdAt = formatDateTime(shanghaiDayStart(context.firstDay));
  for (const [index, product] of PRODUCTS.entries()) {
    yield {
      id: context.ids.idFor(STREAM.product, index),
      createdAt,
      code: product.code,
      name: product.name,
      category: product.category,
      monthlyFee: formatMoney(product.monthlyFee),
      oneTimeFee: formatMoney(product.oneTimeFee),
      active: product.active,
      tariffOffering: product.tariffOffering,
      description: product.description,
    };
  }
}

function* perCustomer(context: SeedContext, build: (plan: CustomerPlan) => SeedRecord[], from = 0, to = context.customers): Generator<SeedRecord> {
  for (let index = from; index < to; index++) {
    const plan = planCustomer(context, index);
    const placement = placementOf(plan);
    for (const record of build(plan)) yield { ...record, ...placement };
  }
}

function* inBatches(entity: string, records: Iterable<SeedRecord>): Generator<SeedBatch> {
  let batch: SeedRecord[] = [];
  for (const record of records) {
    batch.push(record);
    if (batch.length === SEED_BATCH_SIZE) {
      yield { entity, records: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { entity, records: batch };
}
