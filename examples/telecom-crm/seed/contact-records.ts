import { formatDateTime } from './canonical-values.js';
import { POSITIONS } from './chinese-names.js';
import type { SeedRecord } from './customer-records.js';
import { anyMobileNumber, personalEmail, personName } from './customer-names.js';
import type { CustomerPlan } from './customer-plan.js';
import { randomFor } from './seeded-random.js';
import { momentOn, STREAM, type SeedContext } from './seed-context.js';

/** The contacts of an organisation customer (none for individuals): the first is the primary one. */
export function contactRecords(context: SeedContext, plan: CustomerPlan): SeedRecord[] {
  const records: SeedRecord[] = [];
  for (let slot = 0; slot < plan.contactCount; slot++) {
    const random = randomFor(context.seed, STREAM.contactDetail, plan.index, slot);
    const role =
      slot === 0
        ? random.weighted<string>([['decision_maker', 50], ['telecom_admin', 50]])
        : random.weighted<string>([['finance', 50], ['technical', 30], ['other', 20]]);
    const day = Math.min(context.lastDay, plan.registeredDay + random.int(0, 30));
    const record: SeedRecord = {
      id: context.ids.idFor(STREAM.contact, plan.index, slot),
      createdAt: formatDateTime(Math.max(plan.registeredAt, momentOn(day, random))),
      customer: context.ids.idFor(STREAM.customer, plan.index),
      name: personName(random, random.chance(0.55)),
      role,
      phone: anyMobileNumber(random),
      isPrimary: slot === 0,
    };
    const positions = POSITIONS[role];
    if (positions) record['position'] = random.pick(positions);
    if (random.chance(0.5)) record['email'] = personalEmail(random);
    records.push(record);
  }
  return records;
}
