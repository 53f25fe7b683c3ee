import { addMonths, dayOf, yearsBetween } from './canonical-values.js';
import { DISTRICT_WEIGHTS, DISTRICTS } from './china-regions.js';
import { PRODUCTS, productIndex } from './product-catalog.js';
import { itemAt, randomFor, type SeededRandom } from './seeded-random.js';
import { momentOn, recentBiasedDay, STREAM, uniformDay, type SeedContext } from './seed-context.js';

/**
 * The skeleton of one customer: class, identity inputs, when they joined,
 * their group, and the services they hold. Every pass (customers, contacts,
 * accounts, subscriptions, orders) recomputes it from the customer's index
 * instead of keeping it, so memory does not grow with the customer count.
 *
 * Proportions (illustrative): 90 % public customers, 7.2 % business, 2.8 %
 * big, 0.2 % group; about 3 services per customer on average.
 */
export type CustomerClass = 'public' | 'business' | 'big' | 'group';
export type OrganisationKind = 'company' | 'shop' | 'institution';
export type LineStatus = 'active' | 'suspended' | 'arrears_suspended' | 'terminated';

export interface Person {
  readonly districtIndex: number;
  readonly birthDay: number;
  /** The three-digit sequence of the resident ID number: odd for men, even for women. */
  readonly sequence: number;
}

export interface LinePlan {
  readonly slot: number;
  readonly product: number;
  readonly mobile: boolean;
  readonly feeCents: number;
  readonly status: LineStatus;
  readonly activatedDay: number;
  readonly activatedAt: number;
  readonly contractEndDay: number | null;
}

export interface CustomerPlan {
  readonly index: number;
  readonly customerClass: CustomerClass;
  readonly organisation: OrganisationKind | null;
  readonly industry: string | null;
  readonly person: Person | null;
  /** Where the customer lives or is registered (index into DISTRICTS). */
  readonly districtIndex: number;
  readonly registeredDay: number;
  readonly registeredAt: number;
  readonly parentGroup: number | null;
  /** Slot 0 is always the primary mobile line. */
  readonly lines: readonly LinePlan[];
  readonly contactCount: number;
}

const LEGACY_UNTIL = dayOf('2016-01-01');

const INDIVIDUAL_PLANS: ReadonlyArray<readonly [string, number]> = [
  ['BD-FAMILY-199', 20], ['BD-FAMILY-299', 8], ['M-5G-129', 20], ['M-5G-169', 12], ['M-5G-199', 8], ['M-5G-299', 3],
  ['M-5G-399', 1], ['M-4G-59', 15], ['M-CLOUD-19', 8],
];
const BUSINESS_INDUSTRIES: ReadonlyArray<readonly [string, number]> = [
  ['retail', 30], ['hospitality', 20], ['information_technology', 10], ['construction', 10], ['manufacturing', 10],
  ['logistics', 8], ['agriculture', 4], ['other', 8],
];
const BIG_INDUSTRIES: ReadonlyArray<readonly [string, number]> = [
  ['manufacturing', 20], ['finance', 15], ['information_technology', 15], ['energy', 10], ['construction', 10],
  ['logistics', 10], ['retail', 10], ['healthcare', 5], ['education', 5],
];
const GROUP_INDUSTRIES = ['finance', 'energy', 'manufacturing', 'construction', 'logistics', 'retail', 'information_technology'];
const INSTITUTION_INDUSTRIES = ['government', 'education', 'healthcare'];

export function planCustomer(context: SeedContext, index: number): CustomerPlan {
  const random = randomFor(context.seed, STREAM.customerPlan, index);
  const customerClass: CustomerClass =
    index < context.groupCount ? 'group' : random.weighted<CustomerClass>([['public', 900], ['business', 72], ['big', 28]]);
  const organisation = organisationOf(customerClass, index, random);
  const industry =
    organisation === null ? null
    : organisation === 'institution' ? random.pick(INSTITUTION_INDUSTRIES)
    : customerClass === 'group' ? random.pick(GROUP_INDUSTRIES)
    : customerClass === 'big' ? random.weighted(BIG_INDUSTRIES)
    : organisation === 'shop' ? random.weighted<string>([['retail', 60], ['hospitality', 40]])
    : random.weighted(BUSINESS_INDUSTRIES);
  const person = customerClass === 'public' ? personOf(context, index) : null;
  const districtIndex = person && random.chance(0.75) ? person.districtIndex : random.weighted(DISTRICT_WEIGHTS);
  const adultDay = person ? addMonths(person.birthDay, 18 * 12) : context.firstDay;
  const registeredDay = recentBiasedDay(Math.min(Math.max(context.firstDay, adultDay), context.lastDay), context.lastDay, random);
  const registeredAt = momentOn(registeredDay, random);
  const age = person ? yearsBetween(person.birthDay, context.lastDay) : null;
  const lines = planLines(context, { customerClass, organisation, age, registeredDay, registeredAt }, random);
  return {
    index,
    customerClass,
    organisation,
    industry,
    person,
    districtIndex,
    registeredDay,
    registeredAt,
    parentGroup: parentGroupOf(context, customerClass, organisation, random),
    lines,
    contactCount:
      customerClass === 'public' ? 0
      : customerClass === 'business' ? random.weighted<number>(organisation === 'shop' ? [[0, 60], [1, 40]] : [[0, 30], [1, 50], [2, 20]])
      : random.weighted<number>([[1, 40], [2, 60]]),
  };
}

/** Groups with index ≡ 2 (mod 3) are public institutions (hospitals, schools, agencies); the others are company groups. */
function organisationOf(customerClass: CustomerClass, index: number, random: SeededRandom): OrganisationKind | null {
  if (customerClass === 'public') return null;
  if (customerClass === 'group') return index % 3 === 2 ? 'institution' : 'company';
  if (customerClass === 'business') return random.chance(0.3) ? 'shop' : 'company';
  return 'company';
}

/** A quarter of companies are branches or subsidiaries of a company group. */
function parentGroupOf(context: SeedContext, customerClass: CustomerClass, organisation: OrganisationKind | null, random: SeededRandom): number | null {
  const companyGroups = context.groupCount - Math.floor(context.groupCount / 3);
  if (customerClass === 'group' || organisation !== 'company' || companyGroups === 0 || !random.chance(0.25)) return null;
  const k = random.int(0, companyGroups - 1);
  return Math.floor(k / 2) * 3 + (k % 2);
}

/** Decodes the customer's place in the resident-ID space: unique by construction. */
function personOf(context: SeedContext, index: number): Person {
  const value = context.personSpace(index);
  const rest = Math.floor(value / 1000);
  return {
    sequence: value % 1000,
    districtIndex: rest % DISTRICTS.length,
    birthDay: context.birthFirstDay + Math.floor(rest / DISTRICTS.length),
  };
}

interface LineInputs {
  customerClass: CustomerClass;
  organisation: OrganisationKind | null;
  age: number | null;
  registeredDay: number;
  registeredAt: number;
}

function planLines(context: SeedContext, inputs: LineInputs, random: SeededRandom): LinePlan[] {
  const lines: LinePlan[] = [];
  /** `feeFactor`: 1 list price, 0 included in a bundle, below 1 a group or big-customer discount. */
  const add = (code: string, feeFactor = 1): void => {
    const product = productIndex(code);
    const catalog = itemAt(PRODUCTS, product);
    const slot = lines.length;
    const mobile = catalog.category === 'mobile_plan' || catalog.category === 'bundle';
    const status = random.weighted<LineStatus>(
      slot === 0 ? [['active', 90], ['suspended', 2], ['arrears_suspended', 4], ['terminated', 4]]
      : [['active', 80], ['suspended', 4], ['arrears_suspended', 5], ['terminated', 11]],
    );
    const activatedDay = slot === 0 ? inputs.registeredDay : uniformDay(inputs.registeredDay, context.lastDay, random);
    const activatedAt = slot === 0 ? inputs.registeredAt : Math.max(inputs.registeredAt, momentOn(activatedDay, random));
    const contract = mobile && code !== 'M-SECONDARY-10' && random.chance(catalog.category === 'bundle' ? 0.7 : 0.35);
    lines.push({
      slot,
      product,
      mobile,
      feeCents: Math.round(catalog.monthlyFee * feeFactor),
      status,
      activatedDay,
      activatedAt,
      contractEndDay: contract ? addMonths(activatedDay, random.pick([12, 24, 36])) : null,
    });
  };
  const repeat = (count: number, code: string, feeFactor = 1): void => {
    for (let i = 0; i < count; i++) add(code, feeFactor);
  };

  switch (inputs.customerClass) {
    case 'public': {
      const age = inputs.age ?? 40;
      const plan =
        age >= 60 && random.chance(0.35) ? 'M-SENIOR-18'
        : age <= 24 && random.chance(0.4) ? 'M-CAMPUS-39'
        : inputs.registeredDay < LEGACY_UNTIL && random.chance(0.06) ? 'M-LEGACY-189'
        : random.weighted(INDIVIDUAL_PLANS);
      add(plan);
      repeat(random.weighted<number>([[0, 40], [1, 35], [2, 17], [3, 6], [4, 2]]), 'M-SECONDARY-10');
      if (plan.startsWith('BD-')) {
        add('BB-1000M', 0);
        if (random.chance(0.7)) add('ITV-HD', 0);
      } else if (random.chance(0.3)) {
        add(random.chance(0.6) ? 'BB-300M' : 'BB-1000M');
        if (random.chance(0.4)) add('ITV-HD');
      }
      if (age >= 50 && random.chance(0.1)) add('FV-HOME');
      break;
    }
    case 'business': {
      if (random.chance(inputs.organisation === 'company' ? 0.3 : 0.15)) {
        add('BD-SMB-399');
        repeat(2, 'M-SECONDARY-10', 0);
        add('BB-BIZ-500M', 0);
        add('FV-BIZ', 0);
      } else {
        add(random.pick(['M-5G-129', 'M-5G-169', 'M-5G-199']));
        repeat(random.int(0, 2), 'M-5G-129');
        if (random.chance(0.5)) add('BB-BIZ-500M');
        else if (random.chance(0.4)) add('BB-300M');
        if (random.chance(0.35)) add('FV-BIZ');
      }
      break;
    }
    case 'big': {
      add('M-5G-299', 0.9);
      for (let i = random.int(2, 8); i > 0; i--) add(random.chance(0.4) ? 'M-5G-199' : 'M-5G-129', 0.9);
      if (random.chance(0.8)) for (let i = random.int(1, 2); i > 0; i--) add(random.pick(['LL-INET-100M', 'LL-MSTP-20M']), 0.9);
      if (random.chance(0.7)) add('BB-BIZ-500M', 0.9);
      repeat(random.int(0, 2), 'FV-BIZ', 0.9);
      break;
    }
    case 'group': {
      const personalised = random.pick([0.7, 0.8, 0.9, 1]);
      add('M-5G-399', personalised);
      repeat(random.int(10, 40), 'M-GROUP-MEMBER', personalised);
      repeat(random.int(1, 3), random.pick(['LL-INET-100M', 'LL-MSTP-20M']), personalised);
      repeat(random.int(1, 3), 'FV-BIZ', personalised);
      add('BB-BIZ-500M', personalised);
      break;
    }
  }
  return lines;
}
