import { describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { compareSets } from './compare-sets.js';

const entity = (key: string, label: string) => ({ kind: 'entity' as const, key, name: key, label, fields: [] });

describe('comparing two metadata versions', () => {
  it('lists the documents added, removed and changed, by path, with their YAML', () => {
    const older: MetadataSet = { entities: [entity('customer', 'Customer'), entity('order', 'Order')] };
    const newer: MetadataSet = { entities: [entity('customer', 'Client'), entity('product', 'Product')] };
    const differences = compareSets(older, newer);
    expect(differences.map((d) => d.path)).toEqual(['entities[customer]', 'entities[product]', 'entities[order]']);
    expect(differences[0]!.before).toContain('label: Customer');
    expect(differences[0]!.after).toContain('label: Client');
    expect(differences[1]!.before).toBeNull();
    expect(differences[2]!.after).toBeNull();
  });

  it('finds nothing between equal versions', () => {
    const set: MetadataSet = { entities: [entity('customer', 'Customer')] };
    expect(compareSets(set, structuredClone(set))).toEqual([]);
  });
});
