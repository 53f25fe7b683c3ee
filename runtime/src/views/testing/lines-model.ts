import { compileModel } from '../../compile/compile-model.js';
import type { CompileOptions } from '../../compile/compile-options.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';

/** Customers and their lines, for facts and views tests: illustrative fields, not the flagship example. */
export const linesEntities = [
  {
    kind: 'entity',
    key: 'customer',
    name: 'Customer',
    fields: [
      { key: 'full_name', name: 'name', type: 'text', required: true },
      { key: 'customer_type', name: 'customerType', type: 'picklist', options: [{ value: 'individual' }, { value: 'enterprise' }] },
      { key: 'birth_date', name: 'birthDate', type: 'date' },
      { key: 'since', name: 'since', type: 'date' },
      { key: 'city', name: 'city', type: 'text' },
      { key: 'tags', name: 'tags', type: 'multiPicklist', options: [{ value: 'vip' }, { value: 'senior' }] },
      { key: 'lines', name: 'lines', type: 'oneToMany', target: 'line', inverseOf: 'customer' },
    ],
  },
  {
    kind: 'entity',
    key: 'line',
    name: 'Line',
    fields: [
      { key: 'msisdn', name: 'msisdn', type: 'text', required: true },
      { key: 'status', name: 'status', type: 'picklist', options: [{ value: 'active' }, { value: 'suspended' }, { value: 'closed' }] },
      { key: 'balance', name: 'balance', type: 'money' },
      { key: 'customer', name: 'customer', type: 'reference', target: 'customer', onDelete: 'restrict' },
    ],
  },
];

export const customerFacts = {
  kind: 'facts',
  key: 'customer_facts',
  entity: 'customer',
  facts: [
    { name: 'tenureMonths', monthsSince: 'since' },
    { name: 'age', yearsSince: 'birthDate' },
    { name: 'liveLines', count: { list: 'lines', where: { status: { in: ['active', 'suspended'] } } } },
  ],
};

export function compileLines(extra: Record<string, unknown>, options: CompileOptions = {}) {
  return compileModel({ entities: linesEntities, ...extra }, createBuiltinRegistry(), { today: () => '2026-12-03', ...options });
}
