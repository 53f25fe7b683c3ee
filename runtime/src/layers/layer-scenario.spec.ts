import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { checkLayerEdit } from './check-layer-edit.js';
import { foldLayers } from './fold-layers.js';
import { provenanceOf } from './provenance-of.js';
import { resolveLayerConflict } from './resolve-layer-conflict.js';
import { baseSet, codesAndPaths, layer, registry } from './testing/org-tree-fixture.js';

/**
 * The scenario: group → Sichuan province → Chengdu city → a county →
 * a hall. Sichuan overrides the customer segment's Chinese label and its
 * default and locks both for its cities; the group later changes the same
 * item. Names and values are illustrative.
 */
const segment = (set: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key: 'customer',
  fields: [{ key: 'segment', set, ...extra }],
});

const group = (zhLabel = '客户类型', defaultValue = 'personal') =>
  layer({
    key: 'group',
    entities:
      zhLabel === '客户类型' && defaultValue === 'personal'
        ? []
        : [segment({ 'label.zh-CN': { value: zhLabel, base: '客户类型' }, default: { value: defaultValue, base: 'personal' } })],
  });

const sichuan = layer({
  key: 'sichuan',
  entities: [
    segment(
      { 'label.zh-CN': { value: '四川客户类型', base: '客户类型' }, default: { value: 'business', base: 'personal' } },
      { lock: ['label', 'default'] },
    ),
  ],
});

const chengduChanging = layer({
  key: 'chengdu',
  entities: [segment({ 'label.zh-CN': { value: '成都客户类型', base: '四川客户类型' }, default: { value: 'vip', base: 'business' } })],
});
const chengdu = layer({ key: 'chengdu', entities: [] });
const county = layer({ key: 'jinjiang', entities: [] });
const hall = layer({ key: 'chunxi_road_hall', entities: [] });

const segmentOf = (set: { entities: Array<{ key: string; fields: Array<Record<string, unknown>> }> }) =>
  set.entities.find((e) => e.key === 'customer')!.fields.find((f) => f['key'] === 'segment')!;

describe('layers along the org tree: the Sichuan scenario', () => {
  it('a hall under Sichuan sees the province label and default, and provenance names Sichuan', () => {
    const hallView = foldLayers(baseSet(), [group(), sichuan, chengdu, county, hall], registry);
    expect(hallView.problems).toEqual([]);
    expect(segmentOf(hallView.set)).toMatchObject({ label: { en: 'Segment', 'zh-CN': '四川客户类型' }, default: 'business' });
    expect(provenanceOf(hallView, 'customer', 'segment')).toEqual({ key: 'core', name: 'core', type: 'core', 'label.en': 'core', 'label.zh-CN': 'sichuan', options: 'core', default: 'sichuan' });
    expect(hallView.locks['entities[customer].fields[segment]']).toEqual({ label: 'sichuan', default: 'sichuan' });
    expect(compileModel(hallView.set, registry).ok).toBe(true);
  });

  it('Sichuan itself is not bound by its own lock; the lock binds its cities', () => {
    const provinceView = foldLayers(baseSet(), [group(), sichuan], registry);
    expect(provinceView.problems).toEqual([]);
    expect(segmentOf(provinceView.set)['default']).toBe('business');
  });

  it('a Chengdu layer changing the locked label and default gets layer.locked naming Sichuan, and the province values stay', () => {
    const hallView = foldLayers(baseSet(), [group(), sichuan, chengduChanging, county, hall], registry);
    expect(codesAndPaths(hallView.problems)).toEqual([
      { code: 'layer.locked', path: 'layers[chengdu].entities[customer].fields[segment].set[default]' },
      { code: 'layer.locked', path: 'layers[chengdu].entities[customer].fields[segment].set[label.zh-CN]' },
    ]);
    expect(hallView.problems[1]!.message).toBe('"label.zh-CN" of entities[customer].fields[segment] is locked by layer "sichuan"');
    expect(segmentOf(hallView.set)).toMatchObject({ label: { 'zh-CN': '四川客户类型' }, default: 'business' });
  });

  it('a Chengdu admin editing the locked item is refused, and may not edit the Sichuan or group layer', () => {
    const editable = ['chengdu', 'jinjiang', 'chunxi_road_hall'];
    const above = [group(), sichuan];
    expect(codesAndPaths(checkLayerEdit({ editable, base: baseSet(), above, before: chengdu, after: chengduChanging }, registry))).toEqual([
      { code: 'layer.locked', path: 'layers[chengdu].entities[customer].fields[segment].set[default]' },
      { code: 'layer.locked', path: 'layers[chengdu].entities[customer].fields[segment].set[label.zh-CN]' },
    ]);
    const editSichuan = checkLayerEdit({ editable, base: baseSet(), above: [group()], before: sichuan, after: sichuan }, registry);
    expect(codesAndPaths(editSichuan)).toEqual([{ code: 'layer.edit-forbidden', path: 'layers[sichuan]' }]);
    const editGroup = checkLayerEdit({ editable, base: baseSet(), above: [], after: group('客群') }, registry);
    expect(editGroup.map((p) => p.code)).toEqual(['layer.edit-forbidden']);
    expect(editGroup[0]!.hint).toBe('You may edit: chengdu, jinjiang, chunxi_road_hall');
  });

  it('the group changing the same item makes a conflict naming the item, the layers and the values', () => {
    const hallView = foldLayers(baseSet(), [group('客群', 'vip'), sichuan, chengdu, county, hall], registry);
    expect(hallView.conflicts).toEqual([
      { element: 'entities[customer].fields[segment]', entity: 'customer', field: 'segment', property: 'default', layer: 'sichuan', changedBy: 'group', base: 'personal', current: 'vip', value: 'business' },
      { element: 'entities[customer].fields[segment]', entity: 'customer', field: 'segment', property: 'label.zh-CN', layer: 'sichuan', changedBy: 'group', base: '客户类型', current: '客群', value: '四川客户类型' },
    ]);
    expect(hallView.problems.map((p) => p.code)).toEqual(['layer.conflict', 'layer.conflict']);
    expect(hallView.problems[1]).toEqual({
      code: 'layer.conflict',
      path: 'layers[sichuan].entities[customer].fields[segment].set[label.zh-CN]',
      message: 'Layer "sichuan" overrode label.zh-CN of entities[customer].fields[segment] when it was "客户类型"; layer "group" has changed it to "客群" since, and "sichuan" still gives "四川客户类型"',
      hint: 'The admins of "sichuan" re-confirm the override against "客群" or drop it',
    });
    // Reported, not resolved: Sichuan's users keep what their admins set until they decide.
    expect(segmentOf(hallView.set)).toMatchObject({ label: { 'zh-CN': '四川客户类型' }, default: 'business' });
  });

  it('Sichuan resolves the conflicts by re-confirming one override and dropping the other', () => {
    const changedGroup = group('客群', 'vip');
    const { conflicts } = foldLayers(baseSet(), [changedGroup, sichuan], registry);
    const labelConflict = conflicts.find((c) => c.property === 'label.zh-CN')!;
    const defaultConflict = conflicts.find((c) => c.property === 'default')!;
    const reconfirmed = resolveLayerConflict(sichuan, labelConflict, { action: 'reconfirm' });
    if (!reconfirmed.ok) throw new Error('expected a resolved layer');
    const dropped = resolveLayerConflict(reconfirmed.value, defaultConflict, { action: 'drop' });
    if (!dropped.ok) throw new Error('expected a resolved layer');
    expect(dropped.value.entities[0]!.fields![0]!.set).toEqual({ 'label.zh-CN': { value: '四川客户类型', base: '客群' } });

    const hallView = foldLayers(baseSet(), [changedGroup, dropped.value, chengdu, county, hall], registry);
    expect(hallView.problems).toEqual([]);
    expect(segmentOf(hallView.set)).toMatchObject({ label: { 'zh-CN': '四川客户类型' }, default: 'vip' });
    expect(hallView.provenance['entities[customer].fields[segment]']).toMatchObject({ 'label.zh-CN': 'sichuan', default: 'group' });
    // The untouched input is not changed by resolving.
    expect(sichuan.entities[0]!.fields![0]!.set!['default']).toEqual({ value: 'business', base: 'personal' });
  });

  it('the Chengdu admin may drop an entry under a lock (how a conflict with a new lock is resolved)', () => {
    const problems = checkLayerEdit({ editable: ['chengdu'], base: baseSet(), above: [group(), sichuan], before: chengduChanging, after: chengdu }, registry);
    expect(problems).toEqual([]);
  });
});
