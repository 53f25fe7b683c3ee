import { describe, expect, it } from 'vitest';
import { applyRecordRules } from './apply-record-rules.js';
import { checkRuleSet } from './check-rule-set.js';
import { compileRuleSet } from './compile-rule-set.js';
import { failedConditions } from './rule-run.js';
import { rulesTestContext } from './testing/rules-model.js';

const context = rulesTestContext({ Jinjiang: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890', Wuhou: 'not-a-user-id' });
const customer = context.model.entityByKey('customer')!;

const document = {
  kind: 'ruleSet',
  key: 'customer_rules',
  entity: 'customer',
  rules: [
    {
      key: 'enterprise_needs_id',
      kind: 'validation',
      conditions: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'idNumber', operator: 'equal', value: null }] },
      event: { type: 'invalid', params: { message: 'an enterprise customer needs its licence number', fields: ['idNumber'] } },
    },
    { key: 'default_class', kind: 'defaulting', conditions: { all: [] }, event: { type: 'default', params: { set: { creditClass: 'B' } } } },
    {
      key: 'route_enterprise',
      kind: 'assignment',
      priority: 5,
      conditions: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }] },
      event: { type: 'route', params: { set: { ownerId: { fact: 'districtManager' } } } },
    },
  ],
};

function compiled() {
  const checked = checkRuleSet(document, context);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return compileRuleSet(checked.value, context);
}

describe('applyRecordRules', () => {
  it('routes a new enterprise customer to the manager of its district and fills defaults', () => {
    const record = { fullName: 'Tianfu Logistics', segment: 'enterprise', idNumber: '91510100MA6', district: { name: 'Jinjiang', city: 'Chengdu' } };
    const outcome = applyRecordRules(compiled(), customer, record, context);
    expect(outcome.ok && outcome.values).toMatchObject({ ownerId: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890', creditClass: 'B' });
    expect(outcome.ok && outcome.problems).toEqual([]);
  });

  it('keeps values the user gave and shows validation messages on the named fields', () => {
    const outcome = applyRecordRules(compiled(), customer, { fullName: 'Shop', segment: 'enterprise', idNumber: null, creditClass: 'A', district: { name: 'Jinjiang' } }, context);
    expect(outcome.ok && outcome.values['creditClass']).toBe('A');
    expect(outcome.ok && outcome.problems).toEqual([{ code: 'rule.validation', path: 'idNumber', message: 'an enterprise customer needs its licence number' }]);
  });

  it('explains which condition failed for a rule that did not fire', () => {
    const outcome = applyRecordRules(compiled(), customer, { fullName: 'Li Lei', segment: 'personal', idNumber: null, district: null }, context);
    const result = outcome.ok ? outcome.results.find((r) => r.rule === 'enterprise_needs_id') : undefined;
    expect(result?.fired).toBe(false);
    expect(failedConditions(result?.conditions).map((c) => [c.fact, c.factResult])).toEqual([['segment', 'personal']]);
  });

  it('refuses the write when a rule computes a value the field would refuse', () => {
    const outcome = applyRecordRules(compiled(), customer, { fullName: 'Wuhou Foods', segment: 'enterprise', idNumber: 'x', district: { name: 'Wuhou' } }, context);
    expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: 'rule.bad-value', rule: 'route_enterprise', path: 'rules[route_enterprise].event.params.set.ownerId' }) });
  });

  it('changes nothing when a rule fails at run time', () => {
    const record = { fullName: 'Far Away Ltd', segment: 'enterprise', idNumber: 'x', district: { name: 'Nowhere' } };
    const before = JSON.parse(JSON.stringify(record));
    const outcome = applyRecordRules(compiled(), customer, record, context);
    expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: 'rule.evaluation-error', rule: 'route_enterprise', message: expect.stringContaining('Nowhere') }) });
    expect(record).toEqual(before);
  });
});
