import { describe, expect, it } from 'vitest';
import { createBuiltinOperators } from './builtin-operators.js';
import { checkRuleSet } from './check-rule-set.js';
import { rulesTestContext } from './testing/rules-model.js';

const context = rulesTestContext();

function ruleSet(rules: unknown[], extra: Record<string, unknown> = {}) {
  return { kind: 'ruleSet', key: 'customer_rules', entity: 'customer', rules, ...extra };
}

function discount(conditions: unknown) {
  return { key: 'enterprise_discount', kind: 'discount', conditions, event: { type: 'discount', params: { percent: 15 } } };
}

function problemsOf(input: unknown) {
  const checked = checkRuleSet(input, context);
  return checked.ok ? [] : checked.problems;
}

describe('checkRuleSet', () => {
  it('accepts a rule set in json-rules-engine format over fields, paths into references and computed facts', () => {
    const checked = checkRuleSet(
      ruleSet([
        discount({
          all: [
            { fact: 'segment', operator: 'equal', value: 'enterprise' },
            { fact: 'lineCount', operator: 'greaterThanInclusive', value: 50 },
            { fact: 'district', path: '$.city', operator: 'in', value: ['Chengdu', 'Mianyang'] },
            { not: { fact: 'tags', operator: 'contains', value: 'vip' } },
            { fact: 'monthlySpend', operator: 'greaterThan', value: 1000 },
            { fact: 'districtManager', operator: 'notEqual', value: null },
            { condition: 'loyal' },
          ],
        }),
      ], { conditions: { loyal: { any: [{ fact: 'since', operator: 'lessThan', value: '2020-01-01' }] } } }),
      context,
    );
    expect(checked.ok).toBe(true);
  });

  it('names the exact node of an unknown operator, with the close names as hint', () => {
    const problems = problemsOf(ruleSet([discount({ all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'lineCount', operator: 'greaterThen', value: 50 }] })]));
    expect(problems).toEqual([expect.objectContaining({ code: 'rule.unknown-operator', path: 'rules[enterprise_discount].conditions.all[1].operator', hint: expect.stringContaining('greaterThan') })]);
  });

  it('reports unknown facts and unknown fields behind a path', () => {
    const problems = problemsOf(ruleSet([discount({ any: [{ fact: 'linecount', operator: 'equal', value: 1 }, { fact: 'district', path: '$.province', operator: 'equal', value: 'x' }] })]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.unknown-fact', 'rules[enterprise_discount].conditions.any[0].fact'],
      ['rule.unknown-path', 'rules[enterprise_discount].conditions.any[1].path'],
    ]);
    expect(problems[0]?.hint).toContain('lineCount');
  });

  it('checks the params a computed fact declares', () => {
    const problems = problemsOf(ruleSet([discount({ all: [{ fact: 'openOrders', params: { status: 'open' }, operator: 'lessThan', value: 5 }, { fact: 'openOrders', params: { status: 'late' }, operator: 'lessThan', value: 5 }, { fact: 'lineCount', params: { x: 1 }, operator: 'lessThan', value: 5 }] })]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.bad-params', 'rules[enterprise_discount].conditions.all[1].params.status'],
      ['rule.unexpected-params', 'rules[enterprise_discount].conditions.all[2].params'],
    ]);
  });

  it('refuses JSONPath the compiler does not support', () => {
    const problems = problemsOf(ruleSet([discount({ all: [{ fact: 'district', path: '$..name', operator: 'equal', value: 'x' }] })]));
    expect(problems).toEqual([expect.objectContaining({ code: 'rule.unsupported-path', path: 'rules[enterprise_discount].conditions.all[0].path' })]);
  });

  it('reports comparisons whose types can never match', () => {
    const problems = problemsOf(
      ruleSet([
        discount({
          all: [
            { fact: 'lineCount', operator: 'equal', value: '50' },
            { fact: 'monthlySpend', operator: 'greaterThan', value: '99.00' },
            { fact: 'fullName', operator: 'lessThan', value: 3 },
            { fact: 'segment', operator: 'in', value: 'enterprise' },
            { fact: 'lineCount', operator: 'someFact:equal', value: 1 },
          ],
        }),
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.all[0].value'],
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.all[1].value'],
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.all[2].value'],
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.all[3].value'],
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.all[4].operator'],
    ]);
    expect(problems[1]?.message).toContain('letter by letter');
  });

  it('reports values the field would never hold, such as an option a picklist does not have', () => {
    const problems = problemsOf(ruleSet([discount({ any: [{ fact: 'segment', operator: 'equal', value: 'enterprize' }, { fact: 'tags', operator: 'contains', value: 'gold' }, { fact: 'segment', operator: 'in', value: ['enterprise', 'personal'] }] })]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.any[0].value'],
      ['rule.type-mismatch', 'rules[enterprise_discount].conditions.any[1].value'],
    ]);
    expect(problems[0]?.message).toContain('"enterprize" can never be the value');
  });

  it('reports conditions that contradict each other', () => {
    const problems = problemsOf(ruleSet([discount({ all: [{ fact: 'lineCount', operator: 'greaterThan', value: 50 }, { fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'lineCount', operator: 'lessThan', value: 10 }, { fact: 'segment', operator: 'equal', value: 'personal' }] })]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.contradiction', 'rules[enterprise_discount].conditions.all[2]'],
      ['rule.contradiction', 'rules[enterprise_discount].conditions.all[3]'],
    ]);
  });

  it('reports cycles between assignment rules and between named conditions', () => {
    const assign = (key: string, reads: string, field: string, value: unknown) => ({ key, kind: 'assignment', conditions: { all: [{ fact: reads, operator: 'notEqual', value: null }] }, event: { type: 'assign', params: { set: { [field]: value } } } });
    const problems = problemsOf(
      ruleSet([assign('class_from_spend', 'monthlySpend', 'creditClass', 'A'), assign('segment_from_class', 'creditClass', 'segment', 'enterprise'), assign('spend_from_segment', 'segment', 'monthlySpend', '10.00')], {
        conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } },
      }),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['rule.assignment-cycle', 'rule.condition-cycle', 'rule.condition-cycle']);
    expect(problems.find((p) => p.code === 'rule.assignment-cycle')?.message).toContain('class_from_spend → segment_from_class → spend_from_segment → class_from_spend');
  });

  it('reports two assignments of one field that can fire together, but not routing by exclusive conditions', () => {
    const route = (key: string, segment: string, owner: string, priority?: number) => ({
      key,
      kind: 'assignment',
      ...(priority ? { priority } : {}),
      conditions: { all: [{ fact: 'segment', operator: 'equal', value: segment }, { fact: 'lineCount', operator: 'greaterThan', value: 0 }] },
      event: { type: 'route', params: { set: { ownerId: owner } } },
    });
    const owner = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    expect(problemsOf(ruleSet([route('enterprise', 'enterprise', owner(1)), route('personal', 'personal', owner(2))]))).toEqual([]);
    expect(problemsOf(ruleSet([route('enterprise', 'enterprise', owner(1)), route('vip', 'enterprise', owner(2), 2)]))).toEqual([]);
    expect(problemsOf(ruleSet([route('enterprise', 'enterprise', owner(1)), route('big', 'enterprise', owner(2))]))).toEqual([
      expect.objectContaining({ code: 'rule.conflicting-assignments', path: 'rules[big].event.params.set.ownerId' }),
    ]);
  });

  it('checks what each kind of rule sets or shows', () => {
    const problems = problemsOf(
      ruleSet([
        { key: 'id_required', kind: 'validation', conditions: { all: [{ fact: 'idNumber', operator: 'equal', value: null }] }, event: { type: 'invalid', params: { message: 'ID number is required', fields: ['idNumbr'] } } },
        { key: 'default_spend', kind: 'defaulting', conditions: { all: [] }, event: { type: 'default', params: { set: { monthlySpend: '12.345' } } } },
        { key: 'stamp', kind: 'defaulting', conditions: { all: [] }, event: { type: 'default', params: { set: { createdAt: '2026-01-01T00:00:00Z' } } } },
        { key: 'route', kind: 'assignment', conditions: { all: [] }, event: { type: 'route', params: { set: { ownerId: { fact: 'districtManager' } } } } },
        { key: 'route_unit', kind: 'assignment', conditions: { all: [] }, event: { type: 'route', params: { set: { orgUnitId: { fact: 'districtUnit' } } } } },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.unknown-field', 'rules[id_required].event.params.fields'],
      ['rule.bad-value', 'rules[default_spend].event.params.set.monthlySpend'],
      ['rule.read-only-field', 'rules[stamp].event.params.set.createdAt'],
      ['rule.unknown-fact', 'rules[route_unit].event.params.set.orgUnitId.fact'],
    ]);
  });

  it('checks a plugin\'s operator with the types it declares', () => {
    const operators = createBuiltinOperators().register({
      name: 'startsWith',
      evaluate: (a, b) => typeof a === 'string' && a.startsWith(b),
      checkTypes: (fact, value) => (fact.kind === 'text' && value.kind === 'text' ? null : 'startsWith compares text with text'),
    });
    const withPlugin = { ...context, operators };
    const rules = (value: unknown) => ruleSet([discount({ all: [{ fact: 'idNumber', operator: 'startsWith', value }] })]);
    expect(checkRuleSet(rules('9151'), withPlugin).ok).toBe(true);
    expect(checkRuleSet(rules(9151), withPlugin)).toMatchObject({ ok: false, problems: [{ code: 'rule.type-mismatch', path: 'rules[enterprise_discount].conditions.all[0].value' }] });
    expect(checkRuleSet(rules('9151'), context)).toMatchObject({ ok: false, problems: [{ code: 'rule.unknown-operator' }] });
  });

  it('reports shape problems at the node, before any meaning is checked', () => {
    const problems = problemsOf(ruleSet([discount({ all: [{ fact: 'segment', operator: 'equal' }, { all: {} }] }), discount({ fact: 'segment', operator: 'equal', value: 'x' })]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['rule.bad-condition', 'rules[enterprise_discount].conditions.all[0].value'],
      ['document.invalid_type', 'rules[enterprise_discount].conditions.all[1].all'],
      ['rule.bad-condition', 'rules[enterprise_discount].conditions'],
    ]);
  });
});
