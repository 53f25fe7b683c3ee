import { DISTRICTS } from './china-regions.js';
import type { CustomerPlan } from './customer-plan.js';

/**
 * Where a customer and everything of theirs sits in the example's org tree
 * (`org/org.yaml`): the hall of their district where the example has one,
 * else their city or province; group and big customers of Chengdu with the
 * big-customer centre and its customer manager. Keys and logins are the
 * org file's; the platform's seed loader resolves them.
 */
const HALLS: Readonly<Record<string, string>> = {
  '成都市/武侯区': 'sc_cd_wh_h1',
  '成都市/金牛区': 'sc_cd_jn_h1',
  '绵阳市/涪城区': 'sc_my_fc_h1',
  '福州市/鼓楼区': 'fj_fz_gl_h1',
  '厦门市/思明区': 'fj_xm_sm_h1',
};
const CITIES: Readonly<Record<string, string>> = { 成都市: 'sc_cd', 绵阳市: 'sc_my', 福州市: 'fj_fz', 厦门市: 'fj_xm' };
const PROVINCES: Readonly<Record<string, string>> = { 四川省: 'sc', 福建省: 'fj' };

export interface Placement {
  /** Unit key. */
  $orgUnit: string;
  /** Owner's login, when a named person owns the customer. */
  $owner?: string;
}

export function placementOf(plan: CustomerPlan): Placement {
  const { city, district } = DISTRICTS[plan.districtIndex] as (typeof DISTRICTS)[number];
  if (city.name === '成都市' && (plan.customerClass === 'group' || plan.customerClass === 'big')) return { $orgUnit: 'sc_cd_bc', $owner: 'cd.manager' };
  return { $orgUnit: HALLS[`${city.name}/${district.name}`] ?? CITIES[city.name] ?? (PROVINCES[city.province] as string) };
}
