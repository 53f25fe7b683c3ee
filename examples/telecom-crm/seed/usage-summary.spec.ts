import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lastCompleteMonth } from './billing-month.js';
import { formatDay } from './canonical-values.js';
import { generateSeed, SEED_SCALES, type SeedBatch } from './generate-seed.js';

const NOW = new Date('2026-11-15T10:30:00+08:00');
const MONTH = '2026-10';
const batches: SeedBatch[] = [...generateSeed({ customers: SEED_SCALES.default, seed: 42, now: NOW })];
const recordsOf = (entity: string): Array<Record<string, unknown>> => batches.filter((batch) => batch.entity === entity).flatMap((batch) => batch.records);
const products = new Map(recordsOf('product').map((record) => [record['id'], record]));
const subscriptions = recordsOf('subscription');
const usage = recordsOf('usage_summary');
const usageOf = new Map<unknown, Array<Record<string, unknown>>>();
for (const record of usage) usageOf.set(record['subscription'], [...(usageOf.get(record['subscription']) ?? []), record]);

/** The Beijing-time date a line was activated on. */
const activatedOn = (subscription: Record<string, unknown>): string => new Date(Date.parse(String(subscription['activatedAt'])) + 8 * 3_600_000).toISOString().slice(0, 10);
const categoryOf = (subscription: Record<string, unknown>): unknown => products.get(subscription['product'])?.['category'];
const codeOf = (subscription: Record<string, unknown>): unknown => products.get(subscription['product'])?.['code'];

describe('lastCompleteMonth', () => {
  it.each([
    ['2026-12-01T00:00:00+08:00', '2026-11', '2026-11-01', '2026-11-30'],
    ['2026-11-30T23:59:00+08:00', '2026-10', '2026-10-01', '2026-10-31'],
    ['2026-01-15T10:00:00+08:00', '2025-12', '2025-12-01', '2025-12-31'],
    ['2028-03-01T09:00:00+08:00', '2028-02', '2028-02-01', '2028-02-29'],
  ])('is the month before the Beijing-time month of %s', (now, label, first, last) => {
    const month = lastCompleteMonth(new Date(now));
    expect([month.label, formatDay(month.firstDay), formatDay(month.lastDay)]).toEqual([label, first, last]);
    expect(month.days).toBe(Number(last.slice(8)));
  });
});

describe('usage summaries', () => {
  it('gives each live subscription exactly one summary for the last complete month, and terminated ones none', () => {
    const live = subscriptions.filter((s) => s['status'] !== 'terminated' && activatedOn(s) <= '2026-10-31');
    expect(live.length).toBeGreaterThan(subscriptions.length * 0.8);
    for (const subscription of live) expect(usageOf.get(subscription['id'])?.map((record) => record['month'])).toEqual([MONTH]);
    expect(usage).toHaveLength(live.length);
    expect(subscriptions.filter((s) => s['status'] === 'terminated').some((s) => usageOf.has(s['id']))).toBe(false);
  });

  it('gives none to lines activated after the month, which had no service in it', () => {
    const later = subscriptions.filter((s) => s['status'] !== 'terminated' && activatedOn(s) > '2026-10-31');
    expect(later.length).toBeGreaterThan(0);
    expect(later.some((s) => usageOf.has(s['id']))).toBe(false);
  });

  it('refers only to subscriptions already yielded, and sits in the unit of its subscription', () => {
    const yielded = new Map<unknown, unknown>();
    for (const batch of batches) {
      if (batch.entity === 'subscription') for (const record of batch.records) yielded.set(record['id'], record['$orgUnit']);
      if (batch.entity !== 'usage_summary') continue;
      for (const record of batch.records) {
        expect(yielded.has(record['subscription'])).toBe(true);
        expect(record['$orgUnit']).toBe(yielded.get(record['subscription']));
      }
    }
  });

  it('meters voice, SMS and data on mobile lines, voice only on fixed lines, and nothing on flat-fee services', () => {
    const summaries = (categories: string[]): Array<Record<string, unknown>> =>
      subscriptions.filter((s) => s['status'] === 'active' && categories.includes(String(categoryOf(s)))).flatMap((s) => usageOf.get(s['id']) ?? []);
    const mobile = summaries(['mobile_plan', 'bundle']);
    expect(mobile.filter((r) => Number(r['dataMb']) > 0).length).toBeGreaterThan(mobile.length * 0.95);
    expect(mobile.some((r) => Number(r['sms']) > 0)).toBe(true);
    const fixedVoice = summaries(['fixed_voice']);
    expect(fixedVoice.length).toBeGreaterThan(0);
    expect(fixedVoice.every((r) => r['dataMb'] === 0 && r['sms'] === 0)).toBe(true);
    expect(fixedVoice.some((r) => Number(r['voiceMinutes']) > 0)).toBe(true);
    const flat = summaries(['broadband', 'iptv', 'leased_line', 'value_added']);
    expect(flat.length).toBeGreaterThan(0);
    expect(flat.every((r) => r['dataMb'] === 0 && r['sms'] === 0 && r['voiceMinutes'] === 0)).toBe(true);
    expect(usage.every((r) => Number(r['voiceMinutes']) <= 1500 && Number(r['sms']) <= 100)).toBe(true);
  });

  it('gives no usage to lines suspended at the customer\'s request', () => {
    const suspended = subscriptions.filter((s) => s['status'] === 'suspended').flatMap((s) => usageOf.get(s['id']) ?? []);
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.every((r) => r['dataMb'] === 0 && r['sms'] === 0 && r['voiceMinutes'] === 0)).toBe(true);
  });

  it('has a tail of heavy users above the allowances of the tariff catalog, so overage exists', () => {
    const tariffs = parse(readFileSync(join(import.meta.dirname, '..', 'metadata', 'tariffs.yaml'), 'utf8')) as {
      offerings: Array<{ key: string; allowances?: Array<{ unit: string; included: number }> }>;
    };
    for (const [code, offering] of [['M-5G-129', 'm_5g_129'], ['M-5G-199', 'm_5g_199']] as const) {
      const included = tariffs.offerings.find((o) => o.key === offering)?.allowances?.find((a) => a.unit === 'dataMB')?.included ?? Infinity;
      const lines = subscriptions.filter((s) => s['status'] === 'active' && codeOf(s) === code).flatMap((s) => usageOf.get(s['id']) ?? []);
      const over = lines.filter((r) => Number(r['dataMb']) > included).length / lines.length;
      expect(over, code).toBeGreaterThan(0.03);
      expect(over, code).toBeLessThan(0.25);
    }
  });
});
