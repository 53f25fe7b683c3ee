import type { AutonumberSequence } from './autonumber-sequence.js';
import { formatDateTime, formatMoney } from './canonical-values.js';
import type { CustomerPlan } from './customer-plan.js';
import type { SeedRecord } from './customer-records.js';
import type { OrderPlan } from './order-plan.js';
import { STREAM, type SeedContext } from './seed-context.js';

/** Order items of one order use slots `order slot · 8 + item`, so their ids never collide. */
const ITEMS_PER_ORDER_SLOT = 8;

export function orderRecord(context: SeedContext, plan: CustomerPlan, order: OrderPlan, numbers: AutonumberSequence): SeedRecord {
  const record: SeedRecord = {
    id: context.ids.idFor(STREAM.order, plan.index, order.slot),
    createdAt: formatDateTime(order.createdAt),
    orderNumber: numbers.next(order.createdAt),
    customer: context.ids.idFor(STREAM.customer, plan.index),
    channel: order.channel,
    orderType: order.orderType,
    status: order.status,
    totalAmount: formatMoney(order.totalCents),
  };
  if (order.acceptedAt !== null) record['acceptedAt'] = formatDateTime(order.acceptedAt);
  if (order.completedAt !== null) record['completedAt'] = formatDateTime(order.completedAt);
  if (order.remark !== null) record['remark'] = order.remark;
  return record;
}

export function orderItemRecords(context: SeedContext, plan: CustomerPlan, order: OrderPlan): SeedRecord[] {
  return order.items.map((item, index) => {
    const record: SeedRecord = {
      id: context.ids.idFor(STREAM.orderItem, plan.index, order.slot * ITEMS_PER_ORDER_SLOT + index),
      createdAt: formatDateTime(order.createdAt),
      customerOrder: context.ids.idFor(STREAM.order, plan.index, order.slot),
      product: context.ids.idFor(STREAM.product, item.product),
      action: item.action,
      quantity: item.quantity,
      unitPrice: formatMoney(item.unitPriceCents),
    };
    if (item.lineSlot !== null) record['subscription'] = context.ids.idFor(STREAM.subscription, plan.index, item.lineSlot);
    return record;
  });
}
