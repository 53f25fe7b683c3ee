import { describe, expect, it } from 'vitest';
import { checkLayerEdit } from './check-layer-edit.js';
import { baseSet, codesAndPaths, layer, registry } from './testing/org-tree-fixture.js';

const group = layer({
  key: 'group',
  entities: [
    { key: 'customer', lock: ['addFields'], fields: [{ key: 'id_number', lock: ['*'] }, { key: 'segment', lock: ['options'] }] },
    { key: 'sales_order', fields: [{ key: 'quantity', lock: ['hidden'] }] },
  ],
});
const edit = (after: ReturnType<typeof layer>, before?: ReturnType<typeof layer>) =>
  checkLayerEdit({ editable: ['sichuan', 'chengdu'], base: baseSet(), above: [group], after, ...(before ? { before } : {}) }, registry);

describe('checkLayerEdit', () => {
  it('refuses additions and changes to what a layer above locked, in a new layer', () => {
    const problems = edit(
      layer({
        key: 'sichuan',
        entities: [
          {
            key: 'customer',
            addFields: [{ key: 'sc_grid', name: 'scGrid', type: 'text' }],
            fields: [
              { key: 'id_number', set: { 'label.zh-CN': { value: '证件号码', base: null } }, overridable: ['minLength'] },
              { key: 'segment', set: { 'label.zh-CN': { value: '类型', base: '客户类型' } } },
            ],
          },
        ],
      }),
    );
    expect(codesAndPaths(problems)).toEqual([
      { code: 'layer.locked', path: 'layers[sichuan].entities[customer].addFields[sc_grid]' },
      { code: 'layer.locked', path: 'layers[sichuan].entities[customer].fields[id_number].set[label.zh-CN]' },
      { code: 'layer.locked', path: 'layers[sichuan].entities[customer].fields[id_number].overridable[minLength]' },
    ]);
    expect(problems[0]!.message).toBe('Adding fields to entities[customer] is locked by layer "group"');
  });

  it('passes entries left as they were, even where a layer above has locked them since', () => {
    const before = layer({ key: 'sichuan', entities: [{ key: 'sales_order', fields: [{ key: 'quantity', set: { hidden: { value: true, base: false } } }] }] });
    const after = layer({
      key: 'sichuan',
      entities: [{ key: 'sales_order', fields: [{ key: 'quantity', set: { hidden: { value: true, base: false }, 'label.en': { value: 'Qty', base: null } } }] }],
    });
    expect(edit(after, before)).toEqual([]);
    const changed = layer({ key: 'sichuan', entities: [{ key: 'sales_order', fields: [{ key: 'quantity', set: { hidden: { value: false, base: false } } }] }] });
    expect(codesAndPaths(edit(changed, before))).toEqual([{ code: 'layer.locked', path: 'layers[sichuan].entities[sales_order].fields[quantity].set[hidden]' }]);
  });

  it('refuses a layer outside the scope, also when the edit renames the layer into the scope', () => {
    const hubei = layer({ key: 'hubei', entities: [] });
    expect(codesAndPaths(edit(hubei))).toEqual([{ code: 'layer.edit-forbidden', path: 'layers[hubei]' }]);
    expect(codesAndPaths(edit(layer({ key: 'sichuan', entities: [] }), hubei))).toEqual([{ code: 'layer.edit-forbidden', path: 'layers[hubei]' }]);
  });

  it('leaves the validity of values to the fold', () => {
    const badDefault = layer({ key: 'sichuan', entities: [{ key: 'customer', fields: [{ key: 'credit_limit', set: { default: { value: 'lots', base: '0' } } }] }] });
    expect(edit(badDefault)).toEqual([]);
  });
});
