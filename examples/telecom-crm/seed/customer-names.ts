import { BUILDINGS, DISTRICTS, ROADS } from './china-regions.js';
import { COMPANY_SUFFIXES, FEMALE_GIVEN, INDUSTRY_WORDS, MALE_GIVEN, SHOP_KINDS, SURNAMES, TRADE_NAMES } from './chinese-names.js';
import { planCustomer, type CustomerPlan } from './customer-plan.js';
import { itemAt, randomFor, type SeededRandom } from './seeded-random.js';
import { MOBILE_SEGMENTS, OTHER_SEGMENTS, STREAM, type SeedContext } from './seed-context.js';

/**
 * Names and addresses of customers, each from its own stream so that any pass
 * (accounts need the customer's name, subscriptions its address, member
 * enterprises their group's name) regenerates exactly what the customer pass wrote.
 */
export function personName(random: SeededRandom, male: boolean): string {
  // Squaring the roll favours the front of the list, where the most common surnames are.
  const surname = itemAt(SURNAMES, Math.floor(random.next() ** 2 * SURNAMES.length));
  return surname + random.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
}

export function customerName(context: SeedContext, plan: CustomerPlan): string {
  const random = randomFor(context.seed, STREAM.customerName, plan.index);
  const { city, district } = itemAt(DISTRICTS, plan.districtIndex);
  const cityShort = city.name.replace(/市$/, '');
  const provinceShort = city.province.replace(/省$/, '');
  const trade = random.pick(TRADE_NAMES);
  const word = random.pick(INDUSTRY_WORDS[plan.industry ?? 'other'] ?? INDUSTRY_WORDS['other'] ?? ['商贸']);
  if (plan.person) return personName(random, plan.person.sequence % 2 === 1);
  if (plan.organisation === 'shop') return `${district.name}${trade}${random.pick(SHOP_KINDS)}`;
  if (plan.organisation === 'institution') return institutionName(random, plan.industry, city.name, trade);
  if (plan.customerClass === 'group') return `${provinceShort}${trade}${word}集团有限公司`;
  if (plan.parentGroup !== null) return `${customerName(context, planCustomer(context, plan.parentGroup))}${cityShort}分公司`;
  if (plan.customerClass === 'big') return `${provinceShort}${trade}${word}股份有限公司`;
  return `${cityShort}${trade}${word}${random.pick(COMPANY_SUFFIXES)}`;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

function institutionName(random: SeededRandom, industry: string | null, cityName: string, trade: string): string {
  switch (industry) {
    case 'healthcare':
      return random.chance(0.7) ? `${cityName}第${random.pick(NUMERALS)}人民医院` : `${cityName}中医医院`;
    case 'education':
      return random.chance(0.5) ? `${cityName}第${random.pick(NUMERALS)}中学` : `${cityName.replace(/市$/, '')}${trade}职业技术学院`;
    default:
      return `${cityName}${random.pick(['交通运输局', '市场监督管理局', '教育局', '卫生健康委员会', '住房和城乡建设局', '税务局'])}`;
  }
}

/** Street address below the district: `成都市武侯区人民南路12号3栋2单元1502`. */
export function customerAddress(context: SeedContext, plan: CustomerPlan): string {
  const random = randomFor(context.seed, STREAM.customerAddress, plan.index);
  const { city, district } = itemAt(DISTRICTS, plan.districtIndex);
  const street = `${city.name}${district.name}${random.pick(ROADS)}${random.int(1, 399)}号`;
  if (plan.person) return `${street}${random.int(1, 30)}栋${random.int(1, 6)}单元${random.int(1, 33)}${String(random.int(1, 8)).padStart(2, '0')}`;
  if (plan.organisation === 'shop') return `${street}附${random.int(1, 20)}号`;
  return `${street}${random.pick(BUILDINGS)}${random.int(1, 40)}楼`;
}

/** A mobile number of any carrier, for people who are not necessarily our subscribers. */
export function anyMobileNumber(random: SeededRandom): string {
  const segment = random.chance(0.4) ? random.pick(MOBILE_SEGMENTS) : random.pick(OTHER_SEGMENTS);
  return segment + random.digits(8);
}

export function personalEmail(random: SeededRandom): string {
  return random.chance(0.6)
    ? `${random.int(10_000, 3_999_999_999)}@qq.com`
    : `${random.pick(['zhang', 'li', 'wang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'lin'])}${random.digits(random.int(3, 6))}@${random.pick(['163.com', '126.com', 'sina.com', '189.cn'])}`;
}
