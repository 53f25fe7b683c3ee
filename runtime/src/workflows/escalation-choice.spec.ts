import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../compile/compiled-model.js';
import { createBuiltinOperators } from '../rules/builtin-operators.js';
import { FactRegistry } from '../rules/fact-registry.js';
import { checkWorkflow } from './check-workflow.js';
import { compileEscalationChoice, factsReadWithPath } from './escalation-choice.js';
import { compileWorkflows, complaintWorkflow } from './testing/complaint-workflow.js';
import type { EscalationChoice } from './time-limit.document.js';
import type { CompiledWorkflows } from './unit-workflows.js';

type Doc = Record<string, unknown> & { states: Record<string, unknown>[] };
/** The test workflow with the acknowledged state's first escalation chosen by rule. */
const choosing = (to: unknown, conditions?: Record<string, unknown>): Doc => {
  const workflow = complaintWorkflow() as Doc;
  (workflow.states[1] as { timeLimit: Record<string, unknown> }).timeLimit = { hours: 24, escalate: [{ to }, { to: 'unitHeadAbove' }] };
  if (conditions) workflow['conditions'] = conditions;
  return workflow;
};
const urgentToCity = { choose: [{ when: { condition: 'severe' }, to: { role: 'duty_head', unitLevel: 'city' } }, { when: { all: [{ fact: 'satisfaction', operator: 'lessThan', value: 2 }] }, to: 'unitHeadAbove' }], otherwise: 'assigneeSupervisor' };
const severe = { severe: { all: [{ fact: 'severity', operator: 'equal', value: 'high' }] } };
const AT = 'workflows[complaint_handling].states[acknowledged].timeLimit.escalate[0].to';

const problemsOf = (workflow: Doc) => {
  const compiled = compileWorkflows({ workflows: [workflow] });
  return compiled.ok ? [] : compiled.problems.map((p) => `${p.code} ${p.path}`);
};
const machine = (workflow: Doc) => {
  const compiled = compileWorkflows({ workflows: [workflow] });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return (compiled.value.section<CompiledWorkflows>('workflows') as CompiledWorkflows).of('complaint');
};

describe('escalation targets chosen by rule', () => {
  it('take the first branch whose condition holds on the record, else otherwise; named conditions are written out for the timer', () => {
    const limit = machine(choosing(urgentToCity, severe))?.settings('acknowledged').timeLimit;
    const choice = limit?.escalate?.[0]?.to as EscalationChoice;
    // The timer carries the limit alone: the named condition's tree in place, the branch named after it.
    expect(choice.choose[0]).toEqual({ when: severe.severe, to: { role: 'duty_head', unitLevel: 'city' }, name: 'severe' });
    expect(choice.choose[1]?.name).toBeUndefined();
    const choose = compileEscalationChoice(choice, { operators: createBuiltinOperators(), facts: new FactRegistry() });
    expect(choose({ severity: 'high', satisfaction: 1 })).toEqual({ to: { role: 'duty_head', unitLevel: 'city' }, branch: 0, name: 'severe' });
    expect(choose({ severity: 'low', satisfaction: 1 })).toEqual({ to: 'unitHeadAbove', branch: 1 });
    expect(choose({ severity: 'low', satisfaction: 4 })).toEqual({ to: 'assigneeSupervisor', branch: null });
    expect(choose({})).toEqual({ to: 'assigneeSupervisor', branch: null });
    // A limit that chooses nothing is the document's own.
    expect(machine(choosing('assigneeSupervisor'))?.settings('new').timeLimit).toEqual({ hours: 2, warnAt: 0.75, escalate: [{ to: 'assigneeSupervisor' }] });
    expect([...factsReadWithPath({ choose: [{ when: { all: [{ fact: 'customer', path: '$.customerClass', operator: 'equal', value: 'group' }, { fact: 'severity', operator: 'equal', value: 'high' }] }, to: 'unitHeadAbove' }], otherwise: 'unitHeadAbove' })]).toEqual(['customer']);
  });

  it('refuse a nested choice, a choice without otherwise or with no branch, and targets that do not exist, each at its path', () => {
    const nested = { choose: [{ when: severe.severe, to: { choose: [{ when: severe.severe, to: 'unitHeadAbove' }], otherwise: 'unitHeadAbove' } }], otherwise: 'assigneeSupervisor' };
    expect(problemsOf(choosing(nested))).toEqual([`document.custom ${AT}.choose[0].to`]);
    const compiled = compileWorkflows({ workflows: [choosing(nested)] });
    expect(compiled.ok ? '' : compiled.problems[0]?.message).toContain('cannot choose again');
    expect(problemsOf(choosing({ choose: [{ when: severe.severe, to: 'boss' }] }))).toEqual([`document.invalid_value ${AT}.choose[0].to`, `document.custom ${AT}.otherwise`]);
    expect(problemsOf(choosing({ choose: [], otherwise: 'unitHeadAbove' }))).toEqual([`document.too_small ${AT}.choose`]);
    expect(problemsOf(choosing({ choose: [{ to: 'unitHeadAbove' }], otherwise: 'unitHeadAbove' }))).toEqual([`document.invalid_type ${AT}.choose[0].when`]);
  });

  it('refuse conditions on facts a timer does not have: unknown fields, the writer ($user), unknown named conditions', () => {
    const unknown = { choose: [{ when: { all: [{ fact: 'severety', operator: 'equal', value: 'high' }] }, to: 'unitHeadAbove' }, { when: { any: [{ fact: '$user', path: '$.roles', operator: 'contains', value: 'agent' }] }, to: 'unitHeadAbove' }, { when: { condition: 'nowhere' }, to: 'unitHeadAbove' }], otherwise: 'assigneeSupervisor' };
    const compiled = compileWorkflows({ workflows: [choosing(unknown)] });
    expect(compiled.ok ? [] : compiled.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      `rule.unknown-fact ${AT}.choose[0].when.all[0].fact`,
      `rule.unknown-fact ${AT}.choose[1].when.any[0].fact`,
      `rule.unknown-condition ${AT}.choose[2].when.condition`,
    ]);
    expect(compiled.ok ? '' : compiled.problems[0]?.hint).toContain('severity');
    // A named condition guards may use reads the writer; a timer's rule may not use it.
    const byWriter = { by_agent: { all: [{ fact: '$user', path: '$.roles', operator: 'contains', value: 'agent' }] } };
    const named = compileWorkflows({ workflows: [choosing({ choose: [{ when: { condition: 'by_agent' }, to: 'unitHeadAbove' }], otherwise: 'assigneeSupervisor' }, byWriter)] });
    expect(named.ok ? [] : named.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['rule.unknown-fact workflows[complaint_handling].conditions[by_agent].all[0].fact']);
    expect(named.ok ? '' : named.problems[0]?.message).toContain(`${AT.replace('workflows[complaint_handling].', '')}.choose[0].when uses "by_agent"`);
  });

  it("refuse roles and unit kinds the organisation does not have, in every branch, in otherwise and in a plain target, when the caller knows them (the platform's plan)", () => {
    const base = compileWorkflows({});
    if (!base.ok) throw new Error(JSON.stringify(base.problems));
    const workflow = choosing({ choose: [{ when: severe.severe, to: { role: 'duty_head', unitLevel: 'cty' } }], otherwise: { role: 'boss' } });
    ((workflow.states[0] as { timeLimit: { escalate: unknown[] } }).timeLimit.escalate = [{ to: { role: 'night_shift' } }]);
    const checked = checkWorkflow(workflow, { model: base.value as CompiledModel, operators: createBuiltinOperators(), facts: new FactRegistry(), roles: new Set(['agent', 'duty_head']), unitKinds: new Set(['city', 'county']) });
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'workflow.unknown-role states[new].timeLimit.escalate[0].to.role',
      'workflow.unknown-unit-level states[acknowledged].timeLimit.escalate[0].to.choose[0].to.unitLevel',
      'workflow.unknown-role states[acknowledged].timeLimit.escalate[0].to.otherwise.role',
    ]);
  });

  it("check a layer's time limit that chooses on the workflow's facts and named conditions", () => {
    const layer = (to: unknown) => ({ kind: 'layer', key: 'sc', workflows: [{ key: 'complaint_handling', states: [{ key: 'acknowledged', timeLimit: { hours: 48, escalate: [{ to }] } }] }] });
    const ok = compileWorkflows({ workflows: [choosing('unitHeadAbove', severe)], layers: [layer({ choose: [{ when: { condition: 'severe' }, to: 'unitHeadAbove' }], otherwise: 'assigneeSupervisor' })] });
    if (!ok.ok) throw new Error(JSON.stringify(ok.problems));
    const folded = (ok.value.section<CompiledWorkflows>('workflows') as CompiledWorkflows).of('complaint', ['sc']);
    expect((folded?.settings('acknowledged').timeLimit?.escalate?.[0]?.to as EscalationChoice).choose[0]?.when).toEqual(severe.severe);
    const bad = compileWorkflows({ workflows: [choosing('unitHeadAbove', severe)], layers: [layer({ choose: [{ when: { all: [{ fact: 'sevrity', operator: 'equal', value: 'high' }] }, to: 'unitHeadAbove' }], otherwise: 'assigneeSupervisor' })] });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['rule.unknown-fact workflows[complaint_handling].states[acknowledged].timeLimit.escalate[0].to.choose[0].when.all[0].fact']);
  });
});
