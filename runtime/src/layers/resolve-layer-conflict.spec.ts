import { describe, expect, it } from 'vitest';
import { foldLayers } from './fold-layers.js';
import { resolveLayerConflict } from './resolve-layer-conflict.js';
import { baseSet, layer, registry } from './testing/org-tree-fixture.js';

const relabel = (key: string, text: string, base: string) =>
  layer({ key, entities: [{ key: 'customer', set: { 'label.zh-CN': { value: text, base } } }] });

describe('resolveLayerConflict', () => {
  const group = relabel('group', '顾客', '客户');
  const sichuan = relabel('sichuan', '四川客户', '客户');
  const [conflict] = foldLayers(baseSet(), [group, sichuan], registry).conflicts;

  it('re-confirms an entity-level override with a new value against the new base', () => {
    const resolved = resolveLayerConflict(sichuan, conflict!, { action: 'reconfirm', value: '四川顾客' });
    if (!resolved.ok) throw new Error('expected a resolved layer');
    expect(resolved.value.entities[0]!.set).toEqual({ 'label.zh-CN': { value: '四川顾客', base: '顾客' } });
    const effective = foldLayers(baseSet(), [group, resolved.value], registry);
    expect(effective.problems).toEqual([]);
    expect(effective.set.entities[0]!.label).toEqual({ en: 'Customer', 'zh-CN': '四川顾客' });
  });

  it('drops an override, leaving the entity overlay without a set', () => {
    const resolved = resolveLayerConflict(sichuan, conflict!, { action: 'drop' });
    expect(resolved.ok && resolved.value.entities[0]).toEqual({ key: 'customer' });
  });

  it('says so when the layer is not the one in conflict', () => {
    const resolved = resolveLayerConflict(group, conflict!, { action: 'drop' });
    expect(resolved.ok ? [] : resolved.problems.map((p) => [p.code, p.path])).toEqual([['layer.unknown-override', 'layers[group]']]);
  });
});
