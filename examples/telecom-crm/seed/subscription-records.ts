import { formatDateTime, formatDay, formatMoney } from './canonical-values.js';
import { DISTRICTS } from './china-regions.js';
import { customerAddress } from './customer-names.js';
import type { CustomerPlan } from './customer-plan.js';
import type { SeedRecord } from './customer-records.js';
import { PRODUCTS, productIndex, VALUE_ADDED_MOBILE } from './product-catalog.js';
import { itemAt, randomFor, type SeededRandom } from './seeded-random.js';
import { fixedServiceNumber, iccid, mobileNumber } from './service-numbers.js';
import { STREAM, type SeedContext } from './seed-context.js';

/**
 * Counters of the subscription pass: mobile number slots after the primary
 * lines (which use slots 0 .. customers-1) and fixed-service numbers.
 */
export interface NumberCounters {
  nextMobileSlot: number;
  nextFixed: number;
}

const CALLER_ID = productIndex('VAS-CALLER-ID');
const HOME_CAMERA = productIndex('VAS-HOME-CAM');

/** The customer's subscriptions, one per planned line, in slot order. */
export function subscriptionRecords(context: SeedContext, plan: CustomerPlan, counters: NumberCounters): SeedRecord[] {
  const random = randomFor(context.seed, STREAM.subscriptionDetail, plan.index);
  const customer = context.ids.idFor(STREAM.customer, plan.index);
  const account = context.ids.idFor(STREAM.account, plan.index);
  const areaCode = itemAt(DISTRICTS, plan.districtIndex).city.areaCode;
  let address: string | undefined;
  return plan.lines.map((line) => {
    const product = itemAt(PRODUCTS, line.product);
    const record: SeedRecord = {
      id: context.ids.idFor(STREAM.subscription, plan.index, line.slot),
      createdAt: formatDateTime(line.activatedAt),
      customer,
      account,
      product: context.ids.idFor(STREAM.product, line.product),
      status: line.status,
      activatedAt: formatDateTime(line.activatedAt),
      monthlyFee: formatMoney(line.feeCents),
    };
    if (line.mobile) {
      const slot = line.slot === 0 ? plan.index : counters.nextMobileSlot++;
      record['serviceNumber'] = record['msisdn'] = mobileNumber(context, slot);
      record['iccid'] = iccid(context, slot, line.activatedDay);
    } else {
      record['serviceNumber'] = fixedServiceNumber(context, product.category, areaCode, counters.nextFixed++);
      record['installAddress'] = address ??= customerAddress(context, plan);
    }
    if (line.contractEndDay !== null) record['contractEndDate'] = formatDay(line.contractEndDay);
    const addOns = addOnsOf(line.mobile, product.category, line.status !== 'terminated', random);
    if (addOns.length > 0) record['addOns'] = addOns.map((index) => context.ids.idFor(STREAM.product, index));
    return record;
  });
}

function addOnsOf(mobile: boolean, category: string, live: boolean, random: SeededRandom): number[] {
  if (!live) return [];
  if (mobile) {
    if (!random.chance(0.35)) return [];
    const first = random.pick(VALUE_ADDED_MOBILE);
    const second = random.pick(VALUE_ADDED_MOBILE);
    return random.chance(0.3) && second !== first ? [first, second] : [first];
  }
  if (category === 'fixed_voice' && random.chance(0.5)) return [CALLER_ID];
  if (category === 'broadband' && random.chance(0.1)) return [HOME_CAMERA];
  return [];
}
