import { compileModel } from '../../compile/compile-model.js';
import type { CompiledModel } from '../../compile/compiled-model.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';
import type { Checked } from '../../problems/problem.js';

/** A small customer entity for form tests: illustrative fields, not the flagship example. */
export const formsEntities = [
  {
    kind: 'entity',
    key: 'customer',
    name: 'Customer',
    fields: [
      { key: 'customer_type', name: 'customerType', type: 'picklist', required: true, options: [{ value: 'individual' }, { value: 'enterprise' }] },
      { key: 'full_name', name: 'name', type: 'text', required: true, maxLength: 50 },
      { key: 'birth_date', name: 'birthDate', type: 'date' },
      { key: 'industry', name: 'industry', type: 'picklist', options: [{ value: 'finance' }, { value: 'retail' }, { value: 'government' }] },
      { key: 'parent_group', name: 'parentGroup', type: 'reference', target: 'customer', onDelete: 'setNull' },
      { key: 'id_number', name: 'idNumber', type: 'text', maxLength: 18 },
      { key: 'verified', name: 'verified', type: 'boolean', default: false },
      { key: 'credit_level', name: 'creditLevel', type: 'picklist', options: [{ value: 'A' }, { value: 'B' }, { value: 'C' }] },
      { key: 'monthly_spend', name: 'monthlySpend', type: 'money' },
      { key: 'discount_note', name: 'discountNote', type: 'text' },
      { key: 'since', name: 'since', type: 'date' },
    ],
  },
];

/** The form the tests start from; each test changes what it needs. */
export function customerForm(): Record<string, unknown> {
  return {
    kind: 'form',
    key: 'customer_main',
    entity: 'customer',
    default: true,
    conditions: { enterprise: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }] } },
    tabs: [
      {
        key: 'main',
        sections: [
          { key: 'identity', columns: 2, fields: [{ field: 'customerType' }, { field: 'name', label: { en: 'Name', 'zh-CN': '客户名称' } }] },
          {
            key: 'person',
            visible: { not: { condition: 'enterprise' } },
            fields: [{ field: 'birthDate' }],
          },
          {
            key: 'company',
            fields: [
              { field: 'industry', visible: { condition: 'enterprise' }, required: true },
              { field: 'parentGroup', visible: { condition: 'enterprise' } },
            ],
          },
          {
            key: 'documents',
            fields: [
              { field: 'idNumber', required: { all: [{ fact: '$mode', operator: 'equal', value: 'update' }] }, readOnlyAfterCreate: { all: [{ fact: 'verified', operator: 'equal', value: true }] } },
              { field: 'verified', readOnly: { not: { all: [{ fact: '$user', path: '$.roles', operator: 'contains', value: 'verifier' }] } } },
              {
                field: 'creditLevel',
                options: [{ when: { all: [{ fact: '$user', path: '$.channel', operator: 'equal', value: 'app' }] }, values: ['B', 'C'] }],
              },
              {
                field: 'discountNote',
                invalid: { when: { all: [{ fact: 'discountNote', operator: 'notEqual', value: null }, { fact: 'monthlySpend', operator: 'lessThan', value: 50 }] }, message: 'a discount needs a monthly spend of 50 or more' },
              },
              { field: 'monthlySpend' },
            ],
          },
        ],
      },
    ],
  };
}

export function compileWith(extra: Record<string, unknown> = {}, options: Parameters<typeof compileModel>[2] = {}): Checked<CompiledModel> {
  return compileModel({ entities: formsEntities, ...extra }, createBuiltinRegistry(), options);
}

export function formsModel(forms: unknown[] = [customerForm()], extra: Record<string, unknown> = {}): CompiledModel {
  const compiled = compileWith({ forms, ...extra });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems, null, 2));
  return compiled.value;
}
