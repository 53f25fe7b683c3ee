import { PRODUCTS, type CatalogProduct } from './product-catalog.js';

/**
 * How much a typical line of each product uses in a month: the medians the
 * usage summaries vary around. Medians sit well below the plan's allowance
 * (see the product descriptions and metadata/tariffs.yaml), so most lines stay
 * inside it and a tail of heavy users goes over, which is what gives tariff
 * simulations overage to price. Illustrative figures.
 *
 * Only mobile plans, bundles (their primary card) and fixed voice are
 * metered; broadband, IPTV, leased lines and value-added services are flat
 * fees, so their lines use nothing billing counts.
 */
export interface UsageProfile {
  readonly dataMb: number;
  readonly voiceMinutes: number;
  /** Whether the line sends SMS at all (fixed lines do not). */
  readonly sms: boolean;
}

const GB = 1024;
const mobile = (dataGb: number, voiceMinutes: number): UsageProfile => ({ dataMb: Math.round(dataGb * GB), voiceMinutes, sms: true });
const fixedVoice = (voiceMinutes: number): UsageProfile => ({ dataMb: 0, voiceMinutes, sms: false });

const PROFILES: Readonly<Record<string, UsageProfile>> = {
  'M-5G-129': mobile(15, 200),
  'M-5G-169': mobile(20, 300),
  'M-5G-199': mobile(27, 380),
  'M-5G-299': mobile(32, 420),
  'M-5G-399': mobile(38, 480),
  'M-4G-59': mobile(5, 90),
  'M-CLOUD-19': mobile(8, 20),
  'M-SENIOR-18': mobile(0.8, 150),
  'M-CAMPUS-39': mobile(18, 40),
  // A secondary card draws on the primary's allowance; its own use is modest.
  'M-SECONDARY-10': mobile(4, 60),
  'M-GROUP-MEMBER': mobile(10, 300),
  'M-LEGACY-189': mobile(2, 350),
  'BD-FAMILY-199': mobile(22, 250),
  'BD-FAMILY-299': mobile(30, 320),
  'BD-SMB-399': mobile(15, 500),
  'FV-HOME': fixedVoice(45),
  'FV-BIZ': fixedVoice(420),
};

/** Product index → its profile, or null for products with no metered usage. */
const BY_PRODUCT: ReadonlyArray<UsageProfile | null> = PRODUCTS.map(profileOf);

export function usageProfile(product: number): UsageProfile | null {
  return BY_PRODUCT[product] ?? null;
}

function profileOf(product: CatalogProduct): UsageProfile | null {
  const profile = PROFILES[product.code];
  const metered = product.category === 'mobile_plan' || product.category === 'bundle' || product.category === 'fixed_voice';
  if (metered && !profile) throw new Error(`no usage profile for the metered product ${product.code}`);
  return metered ? (profile ?? null) : null;
}
