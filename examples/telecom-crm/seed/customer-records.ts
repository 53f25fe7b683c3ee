import type { AutonumberSequence } from './autonumber-sequence.js';
import { dayOf, formatDateTime, formatDay, formatMoney, yearsBetween } from './canonical-values.js';
import { DISTRICTS } from './china-regions.js';
import { NOTES } from './chinese-names.js';
import { customerAddress, customerName, personalEmail } from './customer-names.js';
import type { CustomerPlan, LinePlan } from './customer-plan.js';
import { isValidResidentIdNumber, residentIdNumber, unifiedSocialCreditCode } from './identity-numbers.js';
import { PRODUCTS } from './product-catalog.js';
import { itemAt, randomFor, type SeededRandom } from './seeded-random.js';
import { mobileNumber } from './service-numbers.js';
import { STREAM, type SeedContext } from './seed-context.js';

export type SeedRecord = Record<string, unknown>;

const REAL_NAME_RULE_DAY = dayOf('2010-09-01');

/** A customer record, keyed by field API name, from the customer's plan. */
export function customerRecord(context: SeedContext, plan: CustomerPlan, codes: AutonumberSequence): SeedRecord {
  const random = randomFor(context.seed, STREAM.customerDetail, plan.index);
  const { city, district } = itemAt(DISTRICTS, plan.districtIndex);
  const spendCents = monthlySpend(plan.lines, random);
  const tenureYears = yearsBetween(plan.registeredDay, context.lastDay);
  const lifecycleStage = lifecycleOf(context, plan, random);
  const record: SeedRecord = {
    id: context.ids.idFor(STREAM.customer, plan.index),
    createdAt: formatDateTime(plan.registeredAt),
    customerType: plan.person ? 'individual' : 'enterprise',
    customerClass: plan.customerClass,
    name: customerName(context, plan),
    customerCode: codes.next(plan.registeredAt),
    ...identityOf(context, plan, random),
    phone: mobileNumber(context, plan.index),
    province: city.province,
    city: city.name,
    district: district.name,
    address: customerAddress(context, plan),
    valueTier: valueTierOf(plan, spendCents, tenureYears),
    creditLevel: creditLevelOf(plan.lines, tenureYears, random),
    lifecycleStage,
    realNameVerified: plan.registeredDay >= REAL_NAME_RULE_DAY || random.chance(0.85),
    registeredOn: formatDay(plan.registeredDay),
    avgMonthlySpend: formatMoney(spendCents),
  };
  if (plan.person) {
    record['gender'] = plan.person.sequence % 2 === 1 ? 'male' : 'female';
    record['birthDate'] = formatDay(plan.person.birthDay);
    if (random.chance(0.35)) record['email'] = personalEmail(random);
  } else {
    record['industry'] = plan.industry;
    if (random.chance(0.7)) record['email'] = `${random.pick(['info', 'service', 'office', 'admin', 'hr'])}${random.int(1, 9999)}@${random.pick(['163.com', '126.com', 'qq.com', 'sina.com', 'aliyun.com'])}`;
  }
  const tags = tagsOf(context, plan, spendCents, lifecycleStage, random);
  if (tags.length > 0) record['tags'] = tags;
  if (plan.parentGroup !== null) record['parentGroup'] = context.ids.idFor(STREAM.customer, plan.parentGroup);
  if (random.chance(0.04)) record['notes'] = random.pick(NOTES);
  return record;
}

function identityOf(context: SeedContext, plan: CustomerPlan, random: SeededRandom): { idType: string; idNumber: string } {
  const documentDigits = String(context.documentSpace(plan.index)).padStart(8, '0');
  const regionCode = itemAt(DISTRICTS, plan.districtIndex).district.code;
  if (plan.person) {
    const idType = random.weighted<string>([['resident_id', 960], ['passport', 15], ['hk_macao_permit', 15], ['taiwan_permit', 10]]);
    switch (idType) {
      case 'resident_id': {
        const birth = formatDay(plan.person.birthDay).replaceAll('-', '');
        const idNumber = residentIdNumber(itemAt(DISTRICTS, plan.person.districtIndex).district.code, birth, plan.person.sequence);
        if (!isValidResidentIdNumber(idNumber)) throw new Error(`generated an invalid resident ID number ${idNumber}`);
        return { idType, idNumber };
      }
      case 'passport':
        return { idType, idNumber: `E${documentDigits}` };
      case 'hk_macao_permit':
        return { idType, idNumber: `${random.chance(0.8) ? 'H' : 'M'}${documentDigits}` };
      default:
        return { idType, idNumber: documentDigits };
    }
  }
  if (plan.organisation === 'institution') return { idType: 'institution_certificate', idNumber: unifiedSocialCreditCode('12', regionCode, documentDigits) };
  return { idType: 'business_licence', idNumber: unifiedSocialCreditCode(plan.organisation === 'shop' ? '92' : '91', regionCode, documentDigits) };
}

/** What billing would report: fees of lines still billed, plus usage beyond the plan. */
function monthlySpend(lines: readonly LinePlan[], random: SeededRandom): number {
  let fees = 0;
  for (const line of lines) if (line.status === 'active' || line.status === 'arrears_suspended') fees += line.feeCents;
  return Math.round(fees * (0.95 + random.next() * 0.4));
}

function valueTierOf(plan: CustomerPlan, spendCents: number, tenureYears: number): string {
  if (plan.customerClass === 'group' || plan.customerClass === 'big') return 'strategic';
  if (spendCents >= 30_000) return 'profitable';
  if (tenureYears >= 5 && spendCents >= 8_000) return 'loyal';
  if (spendCents >= 4_000) return 'ordinary';
  return 'low_value';
}

function creditLevelOf(lines: readonly LinePlan[], tenureYears: number, random: SeededRandom): string {
  if (lines.some((line) => line.status === 'arrears_suspended')) return random.weighted<string>([['C', 60], ['B', 40]]);
  if (tenureYears >= 8) return random.weighted<string>([['AAA', 50], ['AA', 50]]);
  if (tenureYears >= 3) return random.weighted<string>([['AA', 40], ['A', 60]]);
  return random.weighted<string>([['A', 60], ['B', 40]]);
}

function lifecycleOf(context: SeedContext, plan: CustomerPlan, random: SeededRandom): string {
  if (plan.lines.every((line) => line.status === 'terminated')) return 'decline';
  const tenureDays = context.lastDay - plan.registeredDay;
  if (tenureDays < 180) return 'exploration';
  if (tenureDays < 730) return 'formation';
  if (plan.lines.some((line) => line.status === 'arrears_suspended') || random.chance(0.08)) return 'decline';
  return 'stability';
}

/** Tags in the order the metadata lists its options. */
function tagsOf(context: SeedContext, plan: CustomerPlan, spendCents: number, lifecycleStage: string, random: SeededRandom): string[] {
  const live = plan.lines.filter((line) => line.status !== 'terminated');
  const codes = live.map((line) => itemAt(PRODUCTS, line.product).code);
  const categories = live.map((line) => itemAt(PRODUCTS, line.product).category);
  const age = plan.person ? yearsBetween(plan.person.birthDay, context.lastDay) : null;
  const tags: string[] = [];
  if (codes.some((code) => code.startsWith('M-5G') || code.startsWith('BD-'))) tags.push('5g_user');
  if (categories.includes('bundle') || (live.some((line) => line.mobile) && categories.includes('broadband'))) tags.push('converged');
  if (plan.person && spendCents >= 20_000) tags.push('high_arpu');
  if (plan.person && codes.includes('M-SECONDARY-10')) tags.push('family_plan');
  if (random.chance(0.04)) tags.push('roaming');
  if (lifecycleStage === 'decline' && live.length > 0) tags.push('churn_risk');
  if (live.some((line) => line.status === 'arrears_suspended')) tags.push('arrears_risk');
  if (live.some((line) => line.contractEndDay !== null && line.contractEndDay > context.lastDay && line.contractEndDay <= context.lastDay + 60)) tags.push('contract_expiring');
  if (age !== null && age >= 65) tags.push('senior');
  if (codes.includes('M-CAMPUS-39')) tags.push('campus');
  return tags;
}
