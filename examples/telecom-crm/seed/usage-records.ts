import { addMonths, formatDay, shanghaiDay } from './canonical-values.js';
import type { CustomerPlan } from './customer-plan.js';
import type { SeedRecord } from './customer-records.js';
import { PRODUCTS, type ProductCategory } from './product-catalog.js';
import { itemAt, randomFor } from './seeded-random.js';
import { STREAM, type SeedContext } from './seed-context.js';

/** Categories billing meters (voice, SMS, data); the others bill a flat fee and have no usage record. */
const METERED: ReadonlySet<ProductCategory> = new Set(['mobile_plan', 'bundle', 'fixed_voice']);

/** The billing month before the one `now` falls in (Beijing time): the last one billing has closed. */
export function usageMonthOf(context: SeedContext): string {
  return formatDay(addMonths(shanghaiDay(context.now.getTime()), -1)).slice(0, 7);
}

/**
 * One month of usage per live metered subscription, as billing sums it up.
 * A suspended line used nothing; mobile lines spread from light users to
 * a tail of heavy ones above any plan's data (so overage exists); a fixed
 * line has voice minutes only. Drawn from the customer's own stream, so a
 * record depends only on the seed and the customer.
 */
export function usageRecords(context: SeedContext, plan: CustomerPlan, month: string): SeedRecord[] {
  const random = randomFor(context.seed, STREAM.usageDetail, plan.index);
  const records: SeedRecord[] = [];
  for (const line of plan.lines) {
    const category = itemAt(PRODUCTS, line.product).category;
    if (line.status === 'terminated' || !METERED.has(category)) continue;
    const using = line.status === 'active';
    const mobile = category !== 'fixed_voice';
    const heavy = mobile && random.chance(0.1);
    records.push({
      id: context.ids.idFor(STREAM.usage, plan.index, line.slot),
      subscription: context.ids.idFor(STREAM.subscription, plan.index, line.slot),
      month,
      voiceMinutes: using ? random.int(0, mobile ? 1500 : 600) : 0,
      sms: using && mobile ? random.int(0, 100) : 0,
      dataMb: using && mobile ? (heavy ? random.int(51_200, 92_160) : random.int(1_024, 51_200)) : 0,
    });
  }
  return records;
}
