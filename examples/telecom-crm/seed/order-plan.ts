import { shanghaiDayStart } from './canonical-values.js';
import type { CustomerPlan, LinePlan } from './customer-plan.js';
import { PRODUCTS, productIndex, VALUE_ADDED_MOBILE } from './product-catalog.js';
import { itemAt, randomFor, type SeededRandom } from './seeded-random.js';
import { momentOn, STREAM, uniformDay, type SeedContext } from './seed-context.js';

/**
 * The orders of one customer over the last two years, recomputed by the
 * order pass and by the order-item pass. A customer who joined within the
 * window has their joining order (新装); others changed plans, added or
 * removed value-added services, transferred or terminated lines.
 * About one order per customer, one to three items each.
 */
export type OrderType = 'new' | 'change' | 'transfer' | 'terminate';
export type OrderStatus = 'draft' | 'accepted' | 'in_fulfilment' | 'completed' | 'cancelled';

export interface OrderItemPlan {
  readonly product: number;
  readonly action: 'add' | 'change' | 'remove';
  readonly quantity: number;
  readonly unitPriceCents: number;
  /** The line the item acts on, when there is one. */
  readonly lineSlot: number | null;
}

export interface OrderPlan {
  readonly slot: number;
  readonly orderType: OrderType;
  readonly channel: string;
  readonly status: OrderStatus;
  readonly createdAt: number;
  readonly acceptedAt: number | null;
  readonly completedAt: number | null;
  readonly items: readonly OrderItemPlan[];
  readonly totalCents: number;
  readonly remark: string | null;
}

const WINDOW_DAYS = 730;
const MOBILE_PLANS = ['M-5G-129', 'M-5G-169', 'M-5G-199', 'M-5G-299', 'M-5G-399', 'M-4G-59'].map(productIndex);
const GROUP_MEMBER = productIndex('M-GROUP-MEMBER');
const REMARKS = ['客户携带身份证原件办理，已人证比对。', '需上门装机，客户预约周末。', '集团统一办理，附审批单。', '客户要求保留原号码。', '已告知资费及合约期。'];

export function planOrders(context: SeedContext, plan: CustomerPlan): OrderPlan[] {
  const random = randomFor(context.seed, STREAM.orderPlan, plan.index);
  const windowStart = Math.max(plan.registeredDay, context.lastDay - WINDOW_DAYS);
  const count = random.weighted<number>(plan.customerClass === 'public' ? [[0, 22], [1, 60], [2, 18]] : [[0, 10], [1, 55], [2, 35]]);
  const orders: OrderPlan[] = [];
  for (let slot = 0; slot < count; slot++) {
    const joining = slot === 0 && plan.registeredDay >= windowStart;
    const terminated = plan.lines.filter((line) => line.status === 'terminated');
    const orderType: OrderType = joining ? 'new' : random.weighted<OrderType>([['change', 75], ['transfer', 5], ['terminate', terminated.length > 0 ? 20 : 0]]);
    const items = orderType === 'new' ? joiningItems(plan, random) : laterItems(orderType, plan.lines, terminated, random);
    const draft = !joining && random.chance(0.02);
    // An order comes after the lines it acts on were activated.
    let earliest = windowStart;
    for (const item of items) if (item.lineSlot !== null) earliest = Math.max(earliest, itemAt(plan.lines, item.lineSlot).activatedDay);
    const day = joining ? plan.registeredDay : uniformDay(draft ? Math.max(earliest, context.lastDay - 6) : earliest, context.lastDay, random);
    const createdAt = joining ? plan.registeredAt : Math.max(plan.registeredAt, momentOn(day, random));
    const status = draft ? 'draft' : statusOf(context.lastDay - day, random);
    const completedAt = status === 'completed' ? Math.min(createdAt + random.int(600, 259_200) * 1000, shanghaiDayStart(context.lastDay + 1) - 1000) : null;
    orders.push({
      slot,
      orderType,
      channel: channelOf(plan, random),
      status,
      createdAt,
      acceptedAt: draft ? null : createdAt,
      completedAt,
      items,
      totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
      remark: random.chance(0.1) ? random.pick(REMARKS) : null,
    });
  }
  return orders;
}

function joiningItems(plan: CustomerPlan, random: SeededRandom): OrderItemPlan[] {
  const primary = itemAt(plan.lines, 0);
  const items: OrderItemPlan[] = [add(primary.product, itemAt(PRODUCTS, primary.product).monthlyFee, 0)];
  const members = plan.lines.filter((line) => line.product === GROUP_MEMBER);
  const firstMember = members[0];
  if (firstMember) items.push({ product: GROUP_MEMBER, action: 'add', quantity: members.length, unitPriceCents: firstMember.feeCents, lineSlot: null });
  else if (random.chance(0.3)) items.push(addValueAdded(random, 0));
  return items;
}

function laterItems(orderType: OrderType, lines: readonly LinePlan[], terminated: readonly LinePlan[], random: SeededRandom): OrderItemPlan[] {
  if (orderType === 'terminate') {
    const line = random.pick(terminated);
    return [{ product: line.product, action: 'remove', quantity: 1, unitPriceCents: 0, lineSlot: line.slot }];
  }
  const liveMobile = lines.filter((line) => line.mobile && line.status !== 'terminated');
  const line = random.pick(liveMobile.length > 0 ? liveMobile : lines.filter((candidate) => candidate.mobile));
  if (orderType === 'transfer') return [{ product: line.product, action: 'change', quantity: 1, unitPriceCents: line.feeCents, lineSlot: line.slot }];
  const items: OrderItemPlan[] = [];
  if (random.chance(0.6)) {
    const product = random.pick(MOBILE_PLANS);
    items.push({ product, action: 'change', quantity: 1, unitPriceCents: itemAt(PRODUCTS, product).monthlyFee, lineSlot: line.slot });
  }
  for (let extra = random.int(items.length === 0 ? 1 : 0, 2); extra > 0; extra--) {
    items.push(random.chance(0.75) ? addValueAdded(random, line.slot) : { product: random.pick(VALUE_ADDED_MOBILE), action: 'remove', quantity: 1, unitPriceCents: 0, lineSlot: line.slot });
  }
  return items;
}

function add(product: number, unitPriceCents: number, lineSlot: number | null): OrderItemPlan {
  return { product, action: 'add', quantity: 1, unitPriceCents, lineSlot };
}

function addValueAdded(random: SeededRandom, lineSlot: number): OrderItemPlan {
  const product = random.pick(VALUE_ADDED_MOBILE);
  return add(product, itemAt(PRODUCTS, product).monthlyFee, lineSlot);
}

function statusOf(ageDays: number, random: SeededRandom): OrderStatus {
  return ageDays <= 14
    ? random.weighted<OrderStatus>([['accepted', 25], ['in_fulfilment', 30], ['completed', 40], ['cancelled', 5]])
    : random.weighted<OrderStatus>([['completed', 92], ['cancelled', 8]]);
}

function channelOf(plan: CustomerPlan, random: SeededRandom): string {
  return plan.customerClass === 'public'
    ? random.weighted<string>([['hall', 40], ['app', 20], ['web', 10], ['hotline', 15], ['partner_outlet', 15]])
    : random.weighted<string>([['customer_manager', 60], ['hall', 25], ['hotline', 10], ['web', 5]]);
}
