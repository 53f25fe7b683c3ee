import { describe, expect, it } from 'vitest';
import { EffectiveMetadataCache, type LayeredVersion } from './effective-metadata-cache.js';
import { baseSet, layer, registry } from './testing/org-tree-fixture.js';

const relabel = (key: string, text: string, base: string) =>
  layer({ key, entities: [{ key: 'customer', fields: [{ key: 'segment', set: { 'label.zh-CN': { value: text, base } } }] }] });

function version(hash: string): LayeredVersion {
  const layers = [relabel('group', '客群', '客户类型'), relabel('sichuan', '四川客群', '客群'), relabel('guangdong', '广东客群', '客群')];
  return { hash, base: baseSet(), layers: new Map(layers.map((l) => [l.key, l])) };
}
const labelOf = (cache: EffectiveMetadataCache, v: LayeredVersion, path: string[]) =>
  cache.effectiveFor(v, path).set.entities[0]!.fields.find((f) => f.key === 'segment')!.label;

describe('EffectiveMetadataCache', () => {
  it('folds once per version hash and layer path', () => {
    const cache = new EffectiveMetadataCache(registry);
    const v1 = version('v1');
    const first = cache.effectiveFor(v1, ['group', 'sichuan']);
    expect(cache.effectiveFor(v1, ['group', 'sichuan'])).toBe(first);
    expect(labelOf(cache, v1, ['group', 'guangdong'])).toEqual({ en: 'Segment', 'zh-CN': '广东客群' });
    expect(cache.stats).toEqual({ hits: 1, misses: 2, entries: 2 });
    const v2 = version('v2');
    expect(cache.effectiveFor(v2, ['group', 'sichuan'])).not.toBe(first);
    expect(cache.stats.misses).toBe(3);
  });

  it('hands out frozen results and leaves the version it was given unfrozen', () => {
    const cache = new EffectiveMetadataCache(registry);
    const v1 = version('v1');
    const effective = cache.effectiveFor(v1, ['group', 'sichuan']);
    expect(Object.isFrozen(effective.set.entities[0]!.fields[0])).toBe(true);
    expect(() => (effective.problems as unknown[]).push(1)).toThrow(TypeError);
    expect(Object.isFrozen(v1.base.entities[0])).toBe(false);
    expect(Object.isFrozen(v1.layers.get('sichuan')!.entities[0])).toBe(false);
  });

  it('drops the least recently used entry past its size', () => {
    const cache = new EffectiveMetadataCache(registry, { maxEntries: 2 });
    const v1 = version('v1');
    const group = cache.effectiveFor(v1, ['group']);
    cache.effectiveFor(v1, ['group', 'sichuan']);
    cache.effectiveFor(v1, ['group']); // now the most recent
    cache.effectiveFor(v1, ['group', 'guangdong']); // drops group/sichuan
    expect(cache.stats.entries).toBe(2);
    expect(cache.effectiveFor(v1, ['group'])).toBe(group);
    cache.effectiveFor(v1, ['group', 'sichuan']);
    expect(cache.stats).toEqual({ hits: 2, misses: 4, entries: 2 });
  });

  it('reports a layer the version does not have, and folds the others', () => {
    const cache = new EffectiveMetadataCache(registry);
    const effective = cache.effectiveFor(version('v1'), ['group', 'hubei']);
    expect(effective.problems.map((p) => [p.code, p.path])).toEqual([['layer.unknown-layer', 'layers[hubei]']]);
    expect(effective.layers).toEqual(['group']);
  });
});
