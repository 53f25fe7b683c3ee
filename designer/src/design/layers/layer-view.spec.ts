import { describe, expect, it } from 'vitest';
import type { LayerDocument, MetadataSet } from '@lattice/runtime';
import { layerCells, withProperty } from './layer-view.js';

const set: MetadataSet = {
  entities: [{ kind: 'entity', key: 'customer', name: 'Customer', fields: [{ key: 'credit_level', name: 'creditLevel', type: 'text', label: { en: 'Credit level', 'zh-CN': '信用等级' } }, { key: 'cust_name', name: 'name', type: 'text', label: { en: 'Name' } }] }],
  layers: [
    { kind: 'layer', key: 'sc', entities: [{ key: 'customer', fields: [{ key: 'credit_level', set: { 'label.zh-CN': { value: '信用星级', base: '信用等级' } }, lock: ['label'] }] }] },
    { kind: 'layer', key: 'sc_cd', entities: [{ key: 'customer', fields: [{ key: 'cust_name', set: { 'label.en': { value: 'Customer name', base: 'Name' } } }] }] },
  ],
};

describe('a layer\'s view of what comes from above', () => {
  it('names where each value comes from and which layer above locked it', () => {
    const cells = layerCells(set, 'sc_cd', ['group', 'sc', 'sc_cd'], 'customer');
    expect(cells.get('credit_level')!['label.zh-CN']).toEqual({ above: '信用星级', from: 'sc', lockedBy: 'sc' });
    expect(cells.get('credit_level')!['label.en']).toMatchObject({ above: 'Credit level', from: 'core', lockedBy: 'sc' });
    expect(cells.get('cust_name')!['label.en']).toEqual({ above: 'Name', from: 'core', here: 'Customer name' });
  });

  it('does not bind the locking layer itself', () => {
    expect(layerCells(set, 'sc', ['group', 'sc'], 'customer').get('credit_level')!['label.zh-CN'].lockedBy).toBeUndefined();
  });

  it('sets a property with the value it saw above as its base, and unsets it', () => {
    const layer = set.layers![1] as LayerDocument;
    const changed = withProperty(layer, 'customer', 'cust_name', 'label.zh-CN', '客户姓名', null);
    expect(changed.entities[0]!.fields!.find((f) => f.key === 'cust_name')!.set).toEqual({ 'label.en': { value: 'Customer name', base: 'Name' }, 'label.zh-CN': { value: '客户姓名', base: null } });
    expect(withProperty(layer, 'customer', 'cust_name', 'label.en', undefined, 'Name').entities[0]!.fields![0]!.set).toBeUndefined();
  });
});
