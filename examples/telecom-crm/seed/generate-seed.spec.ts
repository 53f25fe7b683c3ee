import { describe, expect, it } from 'vitest';
import { generateSeed, SEED_BATCH_SIZE, SEED_ENTITY_ORDER, SEED_SCALES, type SeedBatch } from './generate-seed.js';
import { isValidResidentIdNumber, isValidUnifiedSocialCreditCode } from './identity-numbers.js';
import { MOBILE_SEGMENTS } from './seed-context.js';
import { loadEntityDocuments } from './testing/entity-documents.js';
import { SeedConformance } from './testing/seed-conformance.js';

const NOW = new Date('2026-11-15T10:30:00+08:00');
const CUSTOMERS = SEED_SCALES.default;

function collect(options: Parameters<typeof generateSeed>[0]): SeedBatch[] {
  return [...generateSeed(options)];
}

function recordsOf(batches: readonly SeedBatch[], entity: string): Array<Record<string, unknown>> {
  return batches.filter((batch) => batch.entity === entity).flatMap((batch) => batch.records);
}

const batches = collect({ customers: CUSTOMERS, seed: 42, now: NOW });
const customers = recordsOf(batches, 'customer');
const subscriptions = recordsOf(batches, 'subscription');
const orders = recordsOf(batches, 'order');
const orderItems = recordsOf(batches, 'order_item');

describe('generateSeed', () => {
  it('places every customer\'s records in the unit of the customer: their district\'s hall, else their city or province', () => {
    const unitOf = new Map(customers.map((c) => [c['id'], c['$orgUnit']]));
    const wuhou = customers.filter((c) => c['city'] === '成都市' && c['district'] === '武侯区' && c['customerClass'] !== 'group' && c['customerClass'] !== 'big');
    expect(wuhou.length).toBeGreaterThan(20);
    expect(new Set(wuhou.map((c) => c['$orgUnit']))).toEqual(new Set(['sc_cd_wh_h1']));
    expect(new Set(customers.filter((c) => c['city'] === '泉州市').map((c) => c['$orgUnit']))).toEqual(new Set(['fj']));
    const chengduGroups = customers.filter((c) => c['city'] === '成都市' && c['customerClass'] === 'group');
    expect(chengduGroups.every((c) => c['$orgUnit'] === 'sc_cd_bc' && c['$owner'] === 'cd.manager')).toBe(true);
    expect(subscriptions.every((s) => s['$orgUnit'] === unitOf.get(s['customer']))).toBe(true);
  });

  it('yields only records that are valid against the metadata, with references to earlier batches', () => {
    const conformance = new SeedConformance(loadEntityDocuments().map((entry) => entry.document), NOW);
    for (const batch of batches) conformance.check(batch);
    expect(conformance.problems).toEqual([]);
    expect(conformance.yieldedCount('customer')).toBe(CUSTOMERS);
  });

  it('yields batches of at most 1,000 records, entity by entity in dependency order', () => {
    expect(batches.every((batch) => batch.records.length > 0 && batch.records.length <= SEED_BATCH_SIZE)).toBe(true);
    const order = batches.map((batch) => SEED_ENTITY_ORDER.indexOf(batch.entity as (typeof SEED_ENTITY_ORDER)[number]));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(batches.map((batch) => batch.entity))).toEqual(new Set(SEED_ENTITY_ORDER));
  });

  it('yields group customers in batches before any member enterprise', () => {
    const customerBatches = batches.filter((batch) => batch.entity === 'customer');
    const groupBatch = customerBatches[0];
    expect(groupBatch?.records.every((record) => record['customerClass'] === 'group')).toBe(true);
    const groupIds = new Set(groupBatch?.records.map((record) => record['id']));
    const members = customers.filter((record) => record['parentGroup'] !== undefined);
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((record) => groupIds.has(record['parentGroup']))).toBe(true);
    expect(members.every((record) => record['customerType'] === 'enterprise' && record['customerClass'] !== 'group')).toBe(true);
  });

  it('gives individuals resident ID numbers with valid checksums matching their birth date and gender', () => {
    const residents = customers.filter((record) => record['idType'] === 'resident_id');
    expect(residents.length).toBeGreaterThan(CUSTOMERS * 0.8);
    for (const record of residents) {
      const idNumber = String(record['idNumber']);
      expect(isValidResidentIdNumber(idNumber), idNumber).toBe(true);
      expect(['51', '35']).toContain(idNumber.slice(0, 2));
      expect(idNumber.slice(6, 14)).toBe(String(record['birthDate']).replaceAll('-', ''));
      expect(Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female').toBe(record['gender']);
      const age = (NOW.getTime() - Date.parse(String(record['birthDate']))) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThan(81);
      expect(String(record['registeredOn']) >= String(record['birthDate'])).toBe(true);
    }
  });

  it('gives organisations valid unified social credit codes', () => {
    const organisations = customers.filter((record) => record['customerType'] === 'enterprise');
    expect(organisations.length).toBeGreaterThan(0);
    for (const record of organisations) {
      expect(['business_licence', 'institution_certificate']).toContain(record['idType']);
      expect(isValidUnifiedSocialCreditCode(String(record['idNumber'])), String(record['idNumber'])).toBe(true);
    }
  });

  it('gives every mobile subscription a unique China Telecom number, and customers their primary line', () => {
    const numbers = subscriptions.flatMap((record) => (record['msisdn'] === undefined ? [] : [String(record['msisdn'])]));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((number) => /^\d{11}$/.test(number) && MOBILE_SEGMENTS.includes(number.slice(0, 3)))).toBe(true);
    const serviceNumbers = subscriptions.map((record) => record['serviceNumber']);
    expect(new Set(serviceNumbers).size).toBe(serviceNumbers.length);
    const numbersOf = new Map<unknown, Set<unknown>>();
    for (const record of subscriptions) numbersOf.set(record['customer'], (numbersOf.get(record['customer']) ?? new Set()).add(record['msisdn']));
    expect(customers.every((record) => numbersOf.get(record['id'])?.has(record['phone']))).toBe(true);
  });

  it('keeps the proportions: ~3 subscriptions and 1 account per customer, ~1 order with 1-3 items, 0-2 contacts per enterprise', () => {
    expect(subscriptions.length / CUSTOMERS).toBeGreaterThan(2.7);
    expect(subscriptions.length / CUSTOMERS).toBeLessThan(3.3);
    expect(recordsOf(batches, 'account')).toHaveLength(CUSTOMERS);
    expect(orders.length / CUSTOMERS).toBeGreaterThan(0.85);
    expect(orders.length / CUSTOMERS).toBeLessThan(1.15);
    const itemsPerOrder = countBy(orderItems, 'customerOrder');
    expect(orders.every((order) => (itemsPerOrder.get(order['id']) ?? 0) >= 1 && (itemsPerOrder.get(order['id']) ?? 0) <= 3)).toBe(true);
    const contactsPerCustomer = countBy(recordsOf(batches, 'contact'), 'customer');
    for (const customer of customers) {
      const count = contactsPerCustomer.get(customer['id']) ?? 0;
      expect(count).toBeLessThanOrEqual(customer['customerType'] === 'enterprise' ? 2 : 0);
    }
  });

  it('makes each order total the sum of its item totals', () => {
    const totals = new Map<unknown, number>();
    for (const item of orderItems) {
      const cents = Number(item['quantity']) * Math.round(Number(item['unitPrice']) * 100);
      totals.set(item['customerOrder'], (totals.get(item['customerOrder']) ?? 0) + cents);
    }
    for (const order of orders) expect(Math.round(Number(order['totalAmount']) * 100)).toBe(totals.get(order['id']));
  });

  it('gives the same data for the same seed and different data for another seed', () => {
    const first = collect({ customers: 300, seed: 7, now: NOW });
    const second = collect({ customers: 300, seed: 7, now: NOW });
    expect(second).toEqual(first);
    const other = collect({ customers: 300, seed: 8, now: NOW });
    expect(recordsOf(other, 'customer').map((record) => record['id'])).not.toEqual(recordsOf(first, 'customer').map((record) => record['id']));
    expect(recordsOf(other, 'customer').map((record) => record['name'])).not.toEqual(recordsOf(first, 'customer').map((record) => record['name']));
  });

  it('handles zero and one customer', () => {
    expect(collect({ customers: 0, now: NOW }).map((batch) => batch.entity)).toEqual(['product']);
    const one = collect({ customers: 1, now: NOW });
    expect(recordsOf(one, 'customer')).toHaveLength(1);
    expect(recordsOf(one, 'customer')[0]?.['customerClass']).toBe('group');
  });

  it('refuses a customer count that is not a whole number', () => {
    expect(() => collect({ customers: 1.5, now: NOW })).toThrow(RangeError);
    expect(() => collect({ customers: -1, now: NOW })).toThrow(RangeError);
  });
});

function countBy(records: ReadonlyArray<Record<string, unknown>>, field: string): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const record of records) counts.set(record[field], (counts.get(record[field]) ?? 0) + 1);
  return counts;
}
