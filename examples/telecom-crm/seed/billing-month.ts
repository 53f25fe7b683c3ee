import { addMonths, formatDay, shanghaiDay } from './canonical-values.js';

/**
 * A calendar month as billing closes it, in Beijing-time days. Usage is
 * seeded for the last month billing has closed before `now`: the current
 * month is still running, so its sums would not be final.
 */
export interface BillingMonth {
  /** `YYYY-MM`, as the usage summary's month field holds it. */
  readonly label: string;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly days: number;
}

/** The last calendar month that ended before `now`'s day in Beijing time: 2026-12-01 → 2026-11. */
export function lastCompleteMonth(now: Date): BillingMonth {
  const today = shanghaiDay(now.getTime());
  const firstOfThisMonth = today - (Number(formatDay(today).slice(8, 10)) - 1);
  const firstDay = addMonths(firstOfThisMonth, -1);
  const lastDay = firstOfThisMonth - 1;
  return { label: formatDay(lastDay).slice(0, 7), firstDay, lastDay, days: lastDay - firstDay + 1 };
}
