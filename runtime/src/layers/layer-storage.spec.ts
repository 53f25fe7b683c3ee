import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { layerStorage } from './layer-storage.js';
import { baseSet, codesAndPaths, layer, registry } from './testing/org-tree-fixture.js';

const adding = (key: string, fields: Array<Record<string, unknown>>, entity = 'customer') => layer({ key, entities: [{ key: entity, addFields: fields }] });

describe('layerStorage', () => {
  it('unites the fields every layer adds, each tagged with its owner, and the set compiles with nullable columns', () => {
    const storage = layerStorage(
      baseSet(),
      [
        adding('group', [{ key: 'group_tier', name: 'groupTier', type: 'integer' }]),
        adding('sichuan', [{ key: 'sc_grid', name: 'scGrid', type: 'text', maxLength: 20 }]),
        adding('guangdong', [{ key: 'gd_area', name: 'gdArea', type: 'text', maxLength: 20 }]),
        adding('chengdu', [{ key: 'cd_flag', name: 'cdFlag', type: 'boolean', default: false }], 'sales_order'),
      ],
      registry,
    );
    expect(storage.problems).toEqual([]);
    expect(storage.addedFields.map(({ entity, field, layer }) => ({ entity, field, layer }))).toEqual([
      { entity: 'customer', field: 'group_tier', layer: 'group' },
      { entity: 'customer', field: 'sc_grid', layer: 'sichuan' },
      { entity: 'customer', field: 'gd_area', layer: 'guangdong' },
      { entity: 'sales_order', field: 'cd_flag', layer: 'chengdu' },
    ]);
    const compiled = compileModel(storage.set, registry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const customer = compiled.value.entityByKey('customer')!;
    expect(['group_tier', 'sc_grid', 'gd_area'].map((key) => customer.fieldByKey(key)?.required)).toEqual([false, false, false]);
    expect(customer.fieldByKey('sc_grid')?.column).toBe('sc_grid');
  });

  it('refuses fields of sibling subtrees that would share a key, name or column, and a required added field', () => {
    const storage = layerStorage(
      baseSet(),
      [
        adding('sichuan', [{ key: 'grid', name: 'grid', type: 'text' }]),
        adding('guangdong', [
          { key: 'grid', name: 'gdGrid', type: 'text' },
          { key: 'gd_grid', name: 'Grid', type: 'text' },
          { key: 'gd_credit', name: 'creditLimit', type: 'money' },
          { key: 'gd_must', name: 'gdMust', type: 'text', required: true },
        ]),
        adding('hubei', [{ key: 'x', name: 'x', type: 'text' }], 'invoice'),
      ],
      registry,
    );
    expect(codesAndPaths(storage.problems)).toEqual([
      { code: 'layer.storage-collision', path: 'layers[guangdong].entities[customer].addFields[grid]' },
      { code: 'layer.storage-collision', path: 'layers[guangdong].entities[customer].addFields[gd_grid]' },
      { code: 'layer.storage-collision', path: 'layers[guangdong].entities[customer].addFields[gd_credit]' },
      { code: 'layer.added-field-required', path: 'layers[guangdong].entities[customer].addFields[gd_must].required' },
      { code: 'layer.unknown-entity', path: 'layers[hubei].entities[invoice]' },
    ]);
    expect(storage.problems[0]!.message).toBe('The key "grid" is also used by a field of layer "sichuan" in the shared table');
    expect(storage.problems[2]!.message).toContain('layer "core"');
    expect(storage.addedFields.map((f) => f.field)).toEqual(['grid']);
  });

  it('refuses names that are not valid names on their own, at the layer path', () => {
    const storage = layerStorage(baseSet(), [adding('sichuan', [{ key: 'grid', name: 'Grid_Code', type: 'text' }, { key: 'sc_from', name: 'from', type: 'text' }])], registry);
    expect(codesAndPaths(storage.problems)).toEqual([
      { code: 'field.bad-name', path: 'layers[sichuan].entities[customer].addFields[grid].name' },
      { code: 'field.reserved-name', path: 'layers[sichuan].entities[customer].addFields[sc_from].name' },
    ]);
  });

  it('changes neither the base set nor the layers', () => {
    const base = baseSet();
    const sichuan = adding('sichuan', [{ key: 'grid', name: 'grid', type: 'text' }]);
    layerStorage(base, [sichuan], registry);
    expect(base).toEqual(baseSet());
    expect(sichuan.entities[0]!.addFields).toHaveLength(1);
  });
});
