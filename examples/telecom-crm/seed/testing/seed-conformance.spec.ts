import { describe, expect, it } from 'vitest';
import { loadEntityDocuments } from './entity-documents.js';
import { SeedConformance } from './seed-conformance.js';

/** The checker the seed tests rely on must itself catch what it claims to catch. */
describe('SeedConformance', () => {
  const now = new Date('2026-11-15T10:00:00+08:00');
  const documents = loadEntityDocuments().map((entry) => entry.document);
  const product = {
    id: '7c13ad20-3c26-4ab4-88b9-865a5212b524',
    createdAt: '2020-01-01T00:00:00.000Z',
    code: 'M-5G-129',
    name: '5G畅享129元套餐',
    category: 'mobile_plan',
    monthlyFee: '129.00',
  };

  it('accepts a valid record', () => {
    const conformance = new SeedConformance(documents, now);
    conformance.check({ entity: 'product', records: [product] });
    expect(conformance.problems).toEqual([]);
  });

  it.each([
    ['an unknown field', { colour: 'red' }, 'not a field of the entity'],
    ['a system field', { version: 1 }, 'a system field'],
    ['a missing required field', { name: undefined }, 'name is required'],
    ['a value outside the picklist', { category: 'satellite' }, 'not one of the options'],
    ['money without two decimals', { monthlyFee: '129' }, 'money string'],
    ['a pattern mismatch', { code: 'm 5g' }, 'does not match'],
    ['a non-UUID id', { id: 'product-1' }, 'UUID v4'],
    ['a createdAt today', { createdAt: '2026-11-15T01:00:00.000Z' }, 'before today'],
    ['a unit the org file does not have', { $orgUnit: 'atlantis' }, '$orgUnit atlantis is not in the example'],
    ['an owner the org file does not have', { $owner: 'nobody' }, '$owner nobody is not in the example'],
  ])('reports %s', (_, change, message) => {
    const conformance = new SeedConformance(documents, now);
    conformance.check({ entity: 'product', records: [{ ...product, ...change }] });
    expect(conformance.problems.join('\n')).toContain(message);
  });

  it('reports usage counts below zero or not whole, a malformed month, and a second summary of a subscription\'s month', () => {
    const conformance = new SeedConformance(documents, now);
    const subscription = '5f0c1f5e-0d7a-4b8e-9b6f-3f4a2d1c0b9a';
    conformance.check({ entity: 'subscription', records: [{ id: subscription }] });
    const usage = { id: '0b8f3c57-5e2a-4d61-a0c4-6e1f9d2b7a13', subscription, month: '2026-10', voiceMinutes: 120, sms: 3, dataMb: 20480 };
    conformance.check({
      entity: 'usage_summary',
      records: [
        usage,
        { ...usage, id: '2d4e6f80-1a3b-4c5d-8e7f-9a0b1c2d3e4f' },
        { ...usage, id: '3e5f7a91-2b4c-4d6e-9f80-a1b2c3d4e5f6', month: '2026-13', sms: -1, dataMb: 1.5 },
      ],
    });
    const report = conformance.problems.filter((problem) => problem.startsWith('usage_summary')).join('\n');
    expect(report).toContain('usage_summary#by_subscription_month value');
    expect(report).toContain('month = "2026-13": does not match');
    expect(report).toContain('sms = -1: below 0');
    expect(report).toContain('dataMb = 1.5: not an integer');
    expect(conformance.problems.filter((problem) => problem.startsWith('usage_summary'))).toHaveLength(4);
  });

  it('reports references to records not yet yielded, duplicates of unique fields, and late autonumbers', () => {
    const conformance = new SeedConformance(documents, now);
    conformance.check({ entity: 'product', records: [product, { ...product, id: 'a64d5aa6-52ac-4646-80be-2277933546a9' }] });
    conformance.check({
      entity: 'order',
      records: [
        {
          id: '39bca0f7-363d-4d32-9580-d5a43c93b930',
          orderNumber: 'ORD-20261115-000001',
          customer: '4c539adc-ee6e-43bb-b6a4-b5450eed18d6',
          channel: 'hall',
          orderType: 'new',
          status: 'draft',
          totalAmount: '0.00',
        },
      ],
    });
    const report = conformance.problems.join('\n');
    expect(report).toContain('product.code value M-5G-129 is not unique');
    expect(report).toContain('does not point at an earlier customer');
    expect(report).toContain('dated on or after 2026-11-15');
  });
});
