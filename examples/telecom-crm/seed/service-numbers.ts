import { formatDay } from './canonical-values.js';
import { luhnCheckDigit } from './identity-numbers.js';
import type { ProductCategory } from './product-catalog.js';
import { itemAt } from './seeded-random.js';
import { MOBILE_SEGMENTS, type SeedContext } from './seed-context.js';

/**
 * Numbers services are known by. Each comes from a keyed permutation of a
 * counter, so numbers are unique without remembering the ones handed out.
 *
 * Mobile slots: customer i's primary line uses slot i (so the customer pass
 * knows the customer's phone number), further mobile lines use slots from
 * `customers` upwards, counted in the subscription pass.
 */
export function mobileNumber(context: SeedContext, slot: number): string {
  const value = context.msisdnSpace(slot);
  return itemAt(MOBILE_SEGMENTS, Math.floor(value / 1e8)) + String(value % 1e8).padStart(8, '0');
}

/** 20-digit ICCID: 89 (telecom) 86 (China) 03 (China Telecom), year of issue, serial, Luhn digit. */
export function iccid(context: SeedContext, slot: number, issuedDay: number): string {
  const body = `898603${formatDay(issuedDay).slice(2, 4)}${String(context.iccidSpace(slot)).padStart(11, '0')}`;
  return body + luhnCheckDigit(body);
}

/** Service number of a fixed service from the fixed-service counter: an 8-digit local number starting 2–8. */
export function fixedServiceNumber(context: SeedContext, category: ProductCategory, areaCode: string, counter: number): string {
  const value = context.fixedSpace(counter);
  const local = String(2 + Math.floor(value / 1e7)) + String(value % 1e7).padStart(7, '0');
  switch (category) {
    case 'broadband':
      return `AD${areaCode}${local}`;
    case 'iptv':
      return `ITV${areaCode}${local}`;
    case 'leased_line':
      return `ZX${areaCode}${local}`;
    default:
      return `${areaCode}-${local}`;
  }
}
