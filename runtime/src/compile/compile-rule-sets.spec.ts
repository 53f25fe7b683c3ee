import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import { baseSet, registry } from '../layers/testing/org-tree-fixture.js';
import { entityRuleSets } from '../rules/rule-sets-section.js';

const ruleSet = (conditions: unknown) => ({
  kind: 'ruleSet',
  key: 'customer_checks',
  entity: 'customer',
  rules: [{ key: 'vip_needs_id', kind: 'validation', conditions, event: { type: 'invalid', params: { fields: ['idNumber'], message: 'a VIP needs an ID number' } } }],
});

describe('compileModel with rule sets', () => {
  it('compiles the rule sets of the set and files them by entity', () => {
    const compiled = compileModel({ ...baseSet(), ruleSets: [ruleSet({ all: [{ fact: 'segment', operator: 'equal', value: 'vip' }] })] }, registry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(entityRuleSets(compiled.value, 'customer').map((r) => r.key)).toEqual(['customer_checks']);
    expect(entityRuleSets(compiled.value, 'sales_order')).toEqual([]);
  });

  it('reports an unknown fact and an option the field does not have at the rule set\'s path', () => {
    const compiled = compileModel({ ...baseSet(), ruleSets: [ruleSet({ all: [{ fact: 'segmnt', operator: 'equal', value: 'vip' }, { fact: 'segment', operator: 'equal', value: 'gold' }] })] }, registry);
    expect(compiled.ok).toBe(false);
    const paths = compiled.ok ? [] : compiled.problems.map((p) => p.path);
    expect(paths.every((p) => p.startsWith('ruleSets[customer_checks].rules[vip_needs_id].conditions.all['))).toBe(true);
    expect(paths).toHaveLength(2);
  });
});
