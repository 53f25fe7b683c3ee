import { z } from 'zod';
import { compileModel } from '../../compile/compile-model.js';
import type { CompiledModel } from '../../compile/compiled-model.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';
import { createBuiltinOperators } from '../builtin-operators.js';
import { FactRegistry } from '../fact-registry.js';

/** A small customer model for rule tests: illustrative fields, not the flagship example. */
export function rulesTestModel(): CompiledModel {
  const compiled = compileModel(
    {
      entities: [
        {
          kind: 'entity',
          key: 'district',
          name: 'District',
          fields: [
            { key: 'name', name: 'name', type: 'text' },
            { key: 'city', name: 'city', type: 'text' },
          ],
        },
        {
          kind: 'entity',
          key: 'customer',
          name: 'Customer',
          fields: [
            { key: 'full_name', name: 'fullName', type: 'text', required: true },
            { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'enterprise' }, { value: 'personal' }, { value: 'staff' }] },
            { key: 'line_count', name: 'lineCount', type: 'integer' },
            { key: 'monthly_spend', name: 'monthlySpend', type: 'money' },
            { key: 'credit_class', name: 'creditClass', type: 'text' },
            { key: 'id_number', name: 'idNumber', type: 'text' },
            { key: 'since', name: 'since', type: 'date' },
            { key: 'tags', name: 'tags', type: 'multiPicklist', options: [{ value: 'vip' }, { value: 'loyal' }] },
            { key: 'district', name: 'district', type: 'reference', target: 'district', onDelete: 'restrict' },
          ],
        },
      ],
    },
    createBuiltinRegistry(),
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.value;
}

/** Computed facts of the tests: the manager of a district (the platform would look it up). */
export function rulesTestFacts(managers: Record<string, string> = {}): FactRegistry {
  return new FactRegistry([
    {
      name: 'openOrders',
      type: { kind: 'number' },
      params: z.strictObject({ status: z.enum(['open', 'overdue']) }),
      compute: (params) => (params['status'] === 'overdue' ? 1 : 3),
    },
    {
      name: 'districtManager',
      type: { kind: 'text' },
      entities: ['customer'],
      compute: (_params, facts) => {
        const district = facts.value('district', undefined, '$.name');
        if (typeof district !== 'string') return null;
        const manager = managers[district];
        if (manager === undefined) throw new Error(`no customer manager for district ${district}`);
        return manager;
      },
    },
  ]);
}

export function rulesTestContext(managers?: Record<string, string>) {
  return { model: rulesTestModel(), operators: createBuiltinOperators(), facts: rulesTestFacts(managers) };
}
