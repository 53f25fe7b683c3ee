import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import { baseSet, registry } from '../layers/testing/org-tree-fixture.js';

const countyLayer = {
  kind: 'layer',
  key: 'sc_cd_wh',
  entities: [{ key: 'customer', addFields: [{ key: 'wh_community', name: 'whCommunity', type: 'text', maxLength: 40, label: { 'zh-CN': '所属社区' } }] }],
};

describe('compileModel with layers', () => {
  it('stores every layer\'s added fields in the shared entity, each tagged with its layer', () => {
    const compiled = compileModel({ ...baseSet(), layers: [countyLayer] }, registry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const customer = compiled.value.entityByKey('customer');
    expect(customer?.fieldByKey('wh_community')).toMatchObject({ column: 'wh_community', required: false });
    expect(compiled.value.fieldLayer('customer', 'wh_community')).toBe('sc_cd_wh');
    expect(compiled.value.fieldLayer('customer', 'full_name')).toBeUndefined();
    expect(compiled.value.base.entities.find((e) => e.key === 'customer')?.fields.some((f) => f.key === 'wh_community')).toBe(false);
    expect(compiled.value.layerByKey('sc_cd_wh')?.key).toBe('sc_cd_wh');
  });

  it('hashes the layers with the entities: a layer change is a new version', () => {
    const without = compileModel(baseSet(), registry);
    const withLayer = compileModel({ ...baseSet(), layers: [countyLayer] }, registry);
    expect(without.ok && withLayer.ok && without.value.hash !== withLayer.value.hash).toBe(true);
  });

  it('reports a malformed layer and a required added field at the layer\'s path', () => {
    const bad = compileModel({ ...baseSet(), layers: [{ kind: 'layer', key: 'sc', entities: [{ key: 'customer', colour: 'red' }] }] }, registry);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['layers[sc].entities[customer]']);
    const required = compileModel({ ...baseSet(), layers: [{ ...countyLayer, entities: [{ key: 'customer', addFields: [{ key: 'must', name: 'must', type: 'text', required: true }] }] }] }, registry);
    expect(required.ok ? [] : required.problems.map((p) => p.code)).toContain('layer.added-field-required');
  });
});
