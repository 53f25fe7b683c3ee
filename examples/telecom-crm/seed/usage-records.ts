import type { BillingMonth } from './billing-month.js';
import { formatDateTime, shanghaiDayStart } from './canonical-values.js';
import type { CustomerPlan, LinePlan } from './customer-plan.js';
import type { SeedRecord } from './customer-records.js';
import { randomFor, type SeededRandom } from './seeded-random.js';
import { STREAM, type SeedContext } from './seed-context.js';
import { usageProfile, type UsageProfile } from './usage-profiles.js';

/**
 * The usage summaries of one customer: one per line that was live in the
 * seeded billing month (not terminated, activated by the month's end), as
 * billing sums it up. Lines without metered usage get zeros, so every live
 * line has its month and a simulation can price all of them alike.
 */
const DATA_SPREAD = 0.55;
const VOICE_SPREAD = 0.7;
const MAX_VOICE_MINUTES = 1500;
const MAX_SMS = 100;

interface MonthlyUsage {
  voiceMinutes: number;
  sms: number;
  dataMb: number;
}

export function usageRecords(context: SeedContext, plan: CustomerPlan): SeedRecord[] {
  const month = context.usageMonth;
  const random = randomFor(context.seed, STREAM.usageDetail, plan.index);
  const records: SeedRecord[] = [];
  for (const line of plan.lines) {
    if (!liveIn(line, month)) continue;
    records.push({
      id: context.ids.idFor(STREAM.usageSummary, plan.index, line.slot),
      // Billing closes the month at its last second; a summary dated after midnight would be today's when `now` is the 1st.
      createdAt: formatDateTime(shanghaiDayStart(month.lastDay + 1) - 1000),
      subscription: context.ids.idFor(STREAM.subscription, plan.index, line.slot),
      month: month.label,
      ...monthlyUsage(usageProfile(line.product), activeShare(line, month, random), random),
    });
  }
  return records;
}

/** Whether billing has a month for the line: a line activated after the month had no service in it. */
function liveIn(line: LinePlan, month: BillingMonth): boolean {
  return line.status !== 'terminated' && line.activatedDay <= month.lastDay;
}

/**
 * The part of the month the line could be used: from its activation on, none
 * while suspended at the customer's request (停机保号, which runs for months),
 * only until the cut-off when suspended for arrears.
 */
function activeShare(line: LinePlan, month: BillingMonth, random: SeededRandom): number {
  if (line.status === 'suspended') return 0;
  const share = (month.lastDay - Math.max(month.firstDay, line.activatedDay) + 1) / month.days;
  return line.status === 'arrears_suspended' ? share * (0.3 + 0.6 * random.next()) : share;
}

/** Usage varies log-normally around the profile's medians, so a tail of heavy users goes over the allowance. */
function monthlyUsage(profile: UsageProfile | null, share: number, random: SeededRandom): MonthlyUsage {
  if (profile === null || share === 0) return { voiceMinutes: 0, sms: 0, dataMb: 0 };
  return {
    voiceMinutes: Math.min(MAX_VOICE_MINUTES, Math.round(profile.voiceMinutes * logNormal(VOICE_SPREAD, random) * share)),
    sms: profile.sms ? Math.round(MAX_SMS * random.next() ** 3 * share) : 0,
    dataMb: Math.round(profile.dataMb * logNormal(DATA_SPREAD, random) * share),
  };
}

/** e^(spread · z) for a standard normal z (Box–Muller), z kept within [-3, 3.5] so no line uses absurd amounts. */
function logNormal(spread: number, random: SeededRandom): number {
  const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return Math.exp(spread * Math.min(3.5, Math.max(-3, z)));
}
