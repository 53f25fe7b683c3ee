import type { AutonumberSequence } from './autonumber-sequence.js';
import { formatDateTime, formatMoney } from './canonical-values.js';
import { customerName } from './customer-names.js';
import type { CustomerPlan } from './customer-plan.js';
import type { SeedRecord } from './customer-records.js';
import { randomFor } from './seeded-random.js';
import { STREAM, type SeedContext } from './seed-context.js';

/** The customer's one billing account, opened with the customer. Limits and methods are illustrative. */
export function accountRecord(context: SeedContext, plan: CustomerPlan, numbers: AutonumberSequence): SeedRecord {
  const random = randomFor(context.seed, STREAM.accountDetail, plan.index);
  const individual = plan.customerClass === 'public';
  const creditLimitCents =
    individual ? random.weighted<number>([[0, 10], [5_000, 30], [10_000, 30], [20_000, 20], [50_000, 10]])
    : plan.customerClass === 'business' ? random.int(10, 50) * 10_000
    : plan.customerClass === 'big' ? random.int(5, 20) * 100_000
    : random.int(20, 100) * 100_000;
  const closed = plan.lines.every((line) => line.status === 'terminated');
  return {
    id: context.ids.idFor(STREAM.account, plan.index),
    createdAt: formatDateTime(plan.registeredAt),
    accountNumber: numbers.next(plan.registeredAt),
    customer: context.ids.idFor(STREAM.customer, plan.index),
    name: customerName(context, plan),
    paymentMethod: individual
      ? random.weighted<string>([['wechat_pay', 30], ['alipay', 25], ['cash', 20], ['bank_debit', 15], ['unionpay', 7], ['prepaid_card', 3]])
      : random.weighted<string>([['bank_transfer', 50], ['bank_debit', 30], ['cash', 10], ['wechat_pay', 5], ['alipay', 5]]),
    billingDay: random.chance(0.85) ? 1 : random.pick([5, 10, 15, 20, 25]),
    creditLimit: formatMoney(creditLimitCents),
    status: closed ? 'closed' : random.chance(0.01) ? 'frozen' : 'active',
  };
}
