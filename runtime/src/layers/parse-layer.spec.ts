import { describe, expect, it } from 'vitest';
import { parseLayerDocument } from './parse-layer.js';
import { codesAndPaths } from './testing/org-tree-fixture.js';

describe('parseLayerDocument', () => {
  it('accepts every kind of overlay entry', () => {
    const parsed = parseLayerDocument({
      kind: 'layer',
      key: 'sichuan',
      entities: [
        {
          key: 'customer',
          set: { 'label.zh-CN': { value: '客户', base: null } },
          addFields: [{ key: 'sc_grid', name: 'scGrid', type: 'text', maxLength: 20 }],
          fields: [{ key: 'segment', set: { default: { value: 'business', base: 'personal' }, options: { value: ['business'], base: ['business', 'vip'] } }, lock: ['label', 'default', '*'], overridable: ['minLength'] }],
          addValidations: [{ key: 'id_for_vip', anything: { goes: ['here'] } }],
          lock: ['addFields', 'addValidations'],
        },
      ],
    });
    expect(parsed.ok).toBe(true);
  });

  it('names what is wrong by key, under layers[<key>]', () => {
    const parsed = parseLayerDocument({
      kind: 'layer',
      key: 'sichuan',
      entities: [
        {
          key: 'customer',
          set: { 'label.chinese': { value: '客户', base: null } },
          fields: [{ key: 'segment', set: { default: { value: 'business' } }, lock: ['Label'] }],
          addValidations: [{ body: {} }],
          rename: 'Client',
        },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(codesAndPaths(parsed.problems)).toEqual([
      { code: 'document.invalid_key', path: 'layers[sichuan].entities[customer].set.label.chinese' },
      { code: 'document.invalid_union', path: 'layers[sichuan].entities[customer].fields[segment].set.default.base' },
      { code: 'document.invalid_format', path: 'layers[sichuan].entities[customer].fields[segment].lock[0]' },
      { code: 'document.invalid_type', path: 'layers[sichuan].entities[customer].addValidations[0].key' },
      { code: 'document.unrecognized_keys', path: 'layers[sichuan].entities[customer]' },
    ]);
    expect(parsed.problems[1]!.message).toBe('Missing: a set entry has a value and the base it overrode (null when it was unset)');
  });

  it('falls back to layers[?] when the key itself is missing', () => {
    const parsed = parseLayerDocument({ kind: 'layer', entities: [] });
    expect(parsed.ok ? [] : codesAndPaths(parsed.problems)).toEqual([{ code: 'document.invalid_type', path: 'layers[?].key' }]);
  });
});
