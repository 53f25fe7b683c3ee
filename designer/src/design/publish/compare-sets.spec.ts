import { describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { changedWithContext, compareSets, diffLines } from './compare-sets.js';

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

describe('the lines that changed in a document', () => {
  it('marks added and removed lines against the common ones', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { change: 'same', text: 'a' },
      { change: 'added', text: 'x' },
      { change: 'removed', text: 'b' },
      { change: 'same', text: 'c' },
      { change: 'added', text: 'd' },
    ]);
  });

  it('keeps two lines of context around each change and elides the rest', () => {
    const before = Array.from({ length: 20 }, (_v, i) => `line ${i}`);
    const after = before.map((l, i) => (i === 10 ? 'changed' : l));
    const shown = changedWithContext(diffLines(before, after)).map((l) => `${l.change[0]} ${l.text}`);
    expect(shown).toEqual(['s …', 's line 8', 's line 9', 'a changed', 'r line 10', 's line 11', 's line 12', 's …']);
  });
});
