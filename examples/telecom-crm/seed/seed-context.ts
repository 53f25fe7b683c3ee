import { lastCompleteMonth, type BillingMonth } from './billing-month.js';
import { addMonths, dayOf, shanghaiDay, shanghaiDayStart } from './canonical-values.js';
import { DISTRICTS } from './china-regions.js';
import { createKeyedPermutation, type KeyedPermutation } from './keyed-permutation.js';
import { RecordIds } from './record-id.js';
import { mixSeed, type SeededRandom } from './seeded-random.js';

/**
 * Everything the generator's passes share: the options, the time window,
 * the record-id maker and the keyed permutations that hand out unique numbers.
 * Nothing in it grows with the number of customers.
 */
export interface SeedContext {
  readonly seed: number;
  readonly customers: number;
  /** Group customers are customers 0 .. groupCount-1, so they are yielded before their members. */
  readonly groupCount: number;
  readonly now: Date;
  /** Beijing-time days: the first day a customer may have joined, and yesterday. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Resident ID birth dates are drawn from `birthFirstDay` .. `birthFirstDay + birthDays - 1`. */
  readonly birthFirstDay: number;
  readonly birthDays: number;
  /** The month usage summaries are seeded for. */
  readonly usageMonth: BillingMonth;
  readonly ids: RecordIds;
  /** Mobile number slot → position in the carrier's number space (segments × 10^8). */
  readonly msisdnSpace: KeyedPermutation;
  /** Customer index → (district, birth day, sequence) of a resident ID, as one number. */
  readonly personSpace: KeyedPermutation;
  /** Customer index → 8 digits of a passport, permit or organisation code. */
  readonly documentSpace: KeyedPermutation;
  /** Fixed-service counter → an 8-digit local number (7 × 10^7 of them). */
  readonly fixedSpace: KeyedPermutation;
  /** Mobile number slot → 11 digits of an ICCID. */
  readonly iccidSpace: KeyedPermutation;
}

/** Entity streams: the byte that separates one entity's record ids from another's. */
export const STREAM = {
  product: 1,
  customer: 2,
  contact: 3,
  account: 4,
  subscription: 5,
  order: 6,
  orderItem: 7,
  usageSummary: 8,
  /** Streams of generated data, not ids. */
  customerPlan: 20,
  customerDetail: 21,
  customerAddress: 22,
  customerName: 23,
  contactDetail: 24,
  accountDetail: 25,
  subscriptionDetail: 26,
  orderPlan: 27,
  usageDetail: 28,
} as const;

/** China Telecom's mobile number segments (号段). */
export const MOBILE_SEGMENTS: readonly string[] = ['133', '153', '173', '177', '180', '181', '189', '191', '193', '199'];

/** Other carriers' segments, for contact persons who may be anyone's subscribers. */
export const OTHER_SEGMENTS: readonly string[] = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '166', '185', '186'];

const FIRST_DAY = dayOf('2005-01-01');
const MIN_AGE_MONTHS = 18 * 12;
const MAX_AGE_MONTHS = 80 * 12;

export function createSeedContext(options: { customers: number; seed?: number; now?: Date }): SeedContext {
  const { customers } = options;
  if (!Number.isSafeInteger(customers) || customers < 0) throw new RangeError(`customers must be a whole number, not ${customers}`);
  if (customers > 20_000_000) throw new RangeError('at most 20,000,000 customers: number spaces are sized for a province');
  const seed = (options.seed ?? 1) >>> 0;
  const now = options.now ?? new Date();
  const lastDay = shanghaiDay(now.getTime()) - 1;
  if (lastDay < FIRST_DAY + 366) throw new RangeError(`now (${now.toISOString()}) must be after 2006-01-01`);
  const birthFirstDay = addMonths(lastDay, -MAX_AGE_MONTHS);
  const birthDays = addMonths(lastDay, -MIN_AGE_MONTHS) - birthFirstDay;
  return {
    seed,
    customers,
    groupCount: customers === 0 ? 0 : Math.min(customers, Math.max(1, Math.round(customers * 0.002))),
    now,
    firstDay: FIRST_DAY,
    lastDay,
    birthFirstDay,
    birthDays,
    usageMonth: lastCompleteMonth(now),
    ids: new RecordIds(seed),
    msisdnSpace: createKeyedPermutation(MOBILE_SEGMENTS.length * 1e8, mixSeed(seed, 101)),
    personSpace: createKeyedPermutation(DISTRICTS.length * birthDays * 1000, mixSeed(seed, 102)),
    documentSpace: createKeyedPermutation(1e8, mixSeed(seed, 103)),
    fixedSpace: createKeyedPermutation(7e7, mixSeed(seed, 104)),
    iccidSpace: createKeyedPermutation(1e11, mixSeed(seed, 105)),
  };
}

/** An instant during opening hours (08:30–21:00 Beijing time) of `day`, to the second. */
export function momentOn(day: number, random: SeededRandom): number {
  const seconds = 30_600 + Math.floor(random.next() * 45_000);
  return shanghaiDayStart(day) + seconds * 1000;
}

/** A day in [from, to], more likely late than early (density rising linearly), as customer bases grow. */
export function recentBiasedDay(from: number, to: number, random: SeededRandom): number {
  if (to <= from) return to;
  return Math.min(to, from + Math.floor(Math.sqrt(random.next()) * (to - from + 1)));
}

export function uniformDay(from: number, to: number, random: SeededRandom): number {
  return to <= from ? to : random.int(from, to);
}
