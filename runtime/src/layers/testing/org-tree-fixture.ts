import { expect } from 'vitest';
import type { MetadataSet } from '../../documents/entity.document.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';
import type { Problem } from '../../problems/problem.js';
import { parseLayerDocument } from '../parse-layer.js';
import type { LayerDocument } from '../layer.document.js';

/** Illustrative configuration: a provincial operator's customers and orders. */
export const registry = createBuiltinRegistry();

export function baseSet(): MetadataSet {
  return {
    entities: [
      {
        kind: 'entity',
        key: 'customer',
        name: 'Customer',
        label: { en: 'Customer', 'zh-CN': '客户' },
        titleField: 'full_name',
        fields: [
          { key: 'full_name', name: 'fullName', type: 'text', required: true, maxLength: 100, label: { en: 'Full name', 'zh-CN': '姓名' } },
          {
            key: 'segment',
            name: 'segment',
            type: 'picklist',
            label: { en: 'Segment', 'zh-CN': '客户类型' },
            options: [{ value: 'business' }, { value: 'personal' }, { value: 'vip' }],
            default: 'personal',
          },
          { key: 'credit_limit', name: 'creditLimit', type: 'money', default: '0', label: 'Credit limit' },
          { key: 'id_number', name: 'idNumber', type: 'text', maxLength: 18, minLength: 15 },
          { key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'broadband' }, { value: 'mobile' }, { value: 'iptv' }] },
        ],
      },
      {
        kind: 'entity',
        key: 'sales_order',
        name: 'SalesOrder',
        fields: [
          { key: 'customer', name: 'customer', type: 'reference', target: 'customer', required: true },
          { key: 'channel', name: 'channel', type: 'picklist', options: [{ value: 'counter' }, { value: 'hotline' }, { value: 'web' }], default: 'counter' },
          { key: 'quantity', name: 'quantity', type: 'integer', default: 1 },
        ],
      },
    ],
  };
}

/** A layer from a plain object, checked by its schema (the test fails on a bad shape). */
export function layer(input: { key: string; entities?: unknown[] }): LayerDocument {
  const parsed = parseLayerDocument({ kind: 'layer', entities: [], ...input });
  if (!parsed.ok) expect(parsed.problems).toEqual([]);
  return parsed.ok ? parsed.value : { kind: 'layer', key: input.key, entities: [] };
}

/** Codes and paths only, the way most tests compare problems. */
export const codesAndPaths = (problems: readonly Problem[]) => problems.map(({ code, path }) => ({ code, path }));
