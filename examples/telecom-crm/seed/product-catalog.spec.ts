import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { offeringKeyOf, PRODUCTS } from './product-catalog.js';

const METADATA = join(import.meta.dirname, '..', 'metadata');

describe('the seed catalogue', () => {
  it('keys each product\'s tariff offering by its code, lower-case with _ for -', () => {
    expect(offeringKeyOf('M-5G-129')).toBe('m_5g_129');
    expect(offeringKeyOf('BB-300M')).toBe('bb_300m');
    expect(PRODUCTS.every((product) => product.tariffOffering === offeringKeyOf(product.code))).toBe(true);
    expect(new Set(PRODUCTS.map((product) => product.tariffOffering)).size).toBe(PRODUCTS.length);
  });

  it('has a product for every offering the tariff catalog and its layers price', () => {
    const offerings = new Set(PRODUCTS.map((product) => product.tariffOffering));
    const tariffs = parse(readFileSync(join(METADATA, 'tariffs.yaml'), 'utf8')) as { offerings: Array<{ key: string }> };
    const priced = tariffs.offerings.map((offering) => offering.key);
    for (const file of readdirSync(join(METADATA, 'layers'))) {
      const layer = parse(readFileSync(join(METADATA, 'layers', file), 'utf8')) as { tariffOverrides?: Array<{ offering: string }> };
      priced.push(...(layer.tariffOverrides ?? []).map((override) => override.offering));
    }
    expect(priced.length).toBeGreaterThan(0);
    expect(priced.filter((key) => !offerings.has(key))).toEqual([]);
  });
});
