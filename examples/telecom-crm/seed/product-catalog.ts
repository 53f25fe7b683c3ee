/**
 * The seed catalogue. Names follow the style of a provincial China Telecom
 * catalogue; prices are illustrative configuration, in fen (1/100 yuan).
 * A product's index in this list is its identity inside the generator
 * (its record id is computed from it).
 */
export type ProductCategory = 'mobile_plan' | 'broadband' | 'iptv' | 'fixed_voice' | 'leased_line' | 'value_added' | 'bundle';

export interface CatalogProduct {
  readonly code: string;
  readonly name: string;
  readonly category: ProductCategory;
  readonly monthlyFee: number;
  readonly oneTimeFee: number;
  readonly active: boolean;
  readonly description: string;
  /** The tariff catalog's offering key (metadata/tariffs.yaml), whether or not the catalog prices the product yet. */
  readonly tariffOffering: string;
}

const p = (code: string, name: string, category: ProductCategory, monthlyFee: number, oneTimeFee: number, description: string, active = true): CatalogProduct => ({
  code, name, category, monthlyFee, oneTimeFee, active, description, tariffOffering: offeringKeyOf(code),
});

/** The tariff catalog keys offerings by the product code, lower-case with `_` for `-`: M-5G-129 → m_5g_129. */
export function offeringKeyOf(code: string): string {
  return code.toLowerCase().replaceAll('-', '_');
}

export const PRODUCTS: readonly CatalogProduct[] = [
  p('M-5G-129', '5G畅享129元套餐', 'mobile_plan', 12900, 0, '含国内流量30GB、通话500分钟'),
  p('M-5G-169', '5G畅享169元套餐', 'mobile_plan', 16900, 0, '含国内流量40GB、通话800分钟'),
  p('M-5G-199', '5G畅享199元套餐', 'mobile_plan', 19900, 0, '含国内流量60GB、通话1000分钟'),
  p('M-5G-299', '5G畅享299元套餐', 'mobile_plan', 29900, 0, '含国内流量100GB、通话1500分钟'),
  p('M-5G-399', '5G畅享399元套餐', 'mobile_plan', 39900, 0, '含国内流量150GB、通话2000分钟，尊享星级服务'),
  p('M-4G-59', '天翼畅聊59元套餐', 'mobile_plan', 5900, 0, '含国内流量10GB、通话200分钟'),
  p('M-CLOUD-19', '天翼云卡19元', 'mobile_plan', 1900, 0, '定向流量卡，通话按量计费'),
  p('M-SENIOR-18', '天翼长者卡18元', 'mobile_plan', 1800, 0, '面向60岁以上客户，含亲情号码免费通话'),
  p('M-CAMPUS-39', '天翼校园卡39元', 'mobile_plan', 3900, 0, '在校学生专享，含校园专属流量'),
  p('M-SECONDARY-10', '5G副卡', 'mobile_plan', 1000, 1000, '共享主卡流量和通话，最多4张'),
  p('M-GROUP-MEMBER', '集团成员专享套餐', 'mobile_plan', 8800, 0, '集团客户成员统一付费，资费经审批'),
  p('M-LEGACY-189', '天翼189元套餐（已停售）', 'mobile_plan', 18900, 0, '3G时代套餐，存量用户保留', false),
  p('BB-300M', '300M光宽带', 'broadband', 10000, 10000, 'FTTH光纤入户，含光猫'),
  p('BB-1000M', '千兆光宽带', 'broadband', 15000, 10000, 'FTTH千兆入户，含千兆光猫和Wi-Fi 6路由器'),
  p('BB-BIZ-500M', '商务光宽带500M', 'broadband', 30000, 20000, '商务宽带，含固定公网IP'),
  p('ITV-HD', '天翼高清IPTV', 'iptv', 2000, 0, '高清互动电视，含机顶盒'),
  p('FV-HOME', '家庭固定电话', 'fixed_voice', 1500, 0, '月租，本地通话按量计费'),
  p('FV-BIZ', '商务固话（含总机服务）', 'fixed_voice', 5000, 20000, '总机、呼叫转移、彩铃'),
  p('LL-INET-100M', '互联网专线100M', 'leased_line', 300000, 200000, '上下行对称带宽，SLA 99.9%'),
  p('LL-MSTP-20M', '数字电路专线MSTP 20M', 'leased_line', 200000, 100000, '点对点数字电路，用于分支机构互联'),
  p('VAS-VRBT', '视频彩铃', 'value_added', 500, 0, '主叫可见的视频彩铃'),
  p('VAS-CALLER-ID', '来电显示', 'value_added', 600, 0, '固话来电显示'),
  p('VAS-CLOUD-DRIVE', '天翼云盘会员', 'value_added', 1000, 0, '云存储2TB'),
  p('VAS-DATA-10G', '10GB流量包', 'value_added', 3000, 0, '当月有效'),
  p('VAS-ROAMING', '国际及港澳台漫游', 'value_added', 0, 0, '按使用量计费'),
  p('VAS-HOME-CAM', '天翼看家', 'value_added', 1500, 0, '云摄像头及7天云回看'),
  p('BD-FAMILY-199', '天翼全家享199元', 'bundle', 19900, 0, '含千兆宽带、IPTV、主卡60GB流量，可加2张副卡'),
  p('BD-FAMILY-299', '天翼全家享299元', 'bundle', 29900, 0, '含千兆宽带、IPTV、主卡100GB流量，可加4张副卡'),
  p('BD-SMB-399', '商务融合399元', 'bundle', 39900, 0, '小微企业融合套餐：商务宽带、固话、3张手机卡'),
];

/** The index of the product with `code`: the generator picks products by code. */
export function productIndex(code: string): number {
  const index = INDEX_BY_CODE.get(code);
  if (index === undefined) throw new Error(`no product ${code} in the seed catalogue`);
  return index;
}

const INDEX_BY_CODE = new Map(PRODUCTS.map((product, index) => [product.code, index]));

export const VALUE_ADDED_MOBILE: readonly number[] = ['VAS-VRBT', 'VAS-CLOUD-DRIVE', 'VAS-DATA-10G', 'VAS-ROAMING', 'VAS-HOME-CAM'].map(productIndex);
