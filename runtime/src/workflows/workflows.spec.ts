import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledWorkflows } from './unit-workflows.js';
import { checkWorkflow } from './check-workflow.js';
import { createBuiltinOperators } from '../rules/builtin-operators.js';
import { FactRegistry } from '../rules/fact-registry.js';
import { compileWorkflows, complaintWorkflow } from './testing/complaint-workflow.js';

const workflowsOf = (model: CompiledModel) => model.section<CompiledWorkflows>('workflows') as CompiledWorkflows;
const problemsOf = (sections: Record<string, unknown>) => {
  const compiled = compileWorkflows(sections);
  return compiled.ok ? [] : compiled.problems.map((p) => `${p.code} ${p.path}`);
};
type Doc = ReturnType<typeof complaintWorkflow> & { states: Record<string, unknown>[]; transitions: Record<string, unknown>[] };
const edited = (edit: (w: Doc) => void) => {
  const workflow = complaintWorkflow() as Doc;
  edit(workflow);
  return workflow;
};

describe('workflow documents', () => {
  it('compile to a machine: transitions out of each state, guards as compiled rules, the timers\' settings per state', () => {
    const compiled = compileWorkflows({ workflows: [complaintWorkflow()] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const workflow = workflowsOf(compiled.value).of('complaint');
    expect(workflow?.initial).toBe('new');
    expect(workflow?.transitionsFrom('acknowledged').map((t) => t.key)).toEqual(['ask_customer', 'resolve']);
    const resolve = workflow?.transition('resolve');
    expect(resolve?.required).toEqual(['resolution']);
    expect(resolve?.guard?.({ severity: 'high' })).toBe(true);
    expect(resolve?.guard?.({ severity: null })).toBe(false);
    expect(workflow?.settings('new')).toEqual({ timeLimit: { hours: 2, warnAt: 0.75, escalate: [{ to: 'assigneeSupervisor' }] }, clockStops: ['waiting_customer'], stopsClock: false });
    expect(workflow?.settings('waiting_customer').stopsClock).toBe(true);
  });

  it('refuses transitions to nowhere, unreachable states and dead ends, each at its path', () => {
    const workflow = edited((w) => {
      w.transitions.push({ key: 'reopen', from: 'closed', to: 'reopened' });
      w.states.push({ key: 'archived', final: true }, { key: 'limbo' });
      w.transitions.push({ key: 'to_limbo', from: 'new', to: 'limbo' });
    });
    expect(problemsOf({ workflows: [workflow] })).toEqual([
      'workflow.unknown-state workflows[complaint_handling].transitions[reopen].to',
      'workflow.final-has-exit workflows[complaint_handling].transitions[reopen].from',
    ]);
    const graph = edited((w) => {
      w.states.push({ key: 'archived', final: true }, { key: 'limbo' });
      w.transitions.push({ key: 'to_limbo', from: 'new', to: 'limbo' });
    });
    expect(problemsOf({ workflows: [graph] })).toEqual([
      'workflow.unreachable-state workflows[complaint_handling].states[archived]',
      'workflow.dead-end workflows[complaint_handling].states[limbo]',
    ]);
  });

  it('refuses guards on unknown facts, unknown fields, queues and roles, and a state field that cannot hold a state', () => {
    const workflow = edited((w) => {
      w['stateField'] = 'satisfaction';
      (w.transitions[3] as Record<string, unknown>)['guard'] = { all: [{ fact: 'severety', operator: 'equal', value: 'high' }] };
      (w.transitions[3] as Record<string, unknown>)['required'] = ['resolutoin'];
      (w.transitions[4] as Record<string, unknown>)['actions'] = [{ setFields: { closedBy: 'x' } }, { assign: { queue: 'nowhere' } }];
    });
    const compiled = compileWorkflows({ workflows: [workflow] });
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'workflow.bad-state-field workflows[complaint_handling].stateField',
      'rule.unknown-fact workflows[complaint_handling].transitions[resolve].guard.all[0].fact',
      'workflow.unknown-field workflows[complaint_handling].transitions[resolve].required[0]',
      'workflow.unknown-field workflows[complaint_handling].transitions[close].actions[0].setFields.closedBy',
      'workflow.unknown-queue workflows[complaint_handling].transitions[close].actions[1].assign.queue',
    ]);
    expect(compiled.problems[1]?.hint).toContain('severity');
  });

  it('refuses roles the deployment does not have, when the caller knows them (the platform\'s plan)', () => {
    const compiled = compileWorkflows({});
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const workflow = edited((w) => void ((w.transitions[0] as Record<string, unknown>)['allow'] = { roles: ['agnet'] }));
    const checked = checkWorkflow(workflow, { model: compiled.value, operators: createBuiltinOperators(), facts: new FactRegistry(), roles: new Set(['agent', 'supervisor']) });
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['workflow.unknown-role transitions[acknowledge].allow.roles']);
  });

  it('takes an approval step whose decisions are its only way out, and counts its approved and reject states as reached', () => {
    // A supervisor's approval of a resolution: "resolved" is reached only through it.
    const workflow = edited((w) => {
      w.states.push({ key: 'resolution_review', approval: { levels: [{ key: 'unit', approvers: { role: 'supervisor', up: 0 } }, { key: 'city', approvers: { role: 'supervisor', unitLevel: 'city' }, mode: 'allOf' }], approved: 'resolved', rejectTo: ['acknowledged'] } });
      (w.transitions[3] as Record<string, unknown>)['to'] = 'resolution_review';
    });
    expect(problemsOf({ workflows: [workflow] })).toEqual([]);
    const compiled = compileWorkflows({ workflows: [workflow] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(workflowsOf(compiled.value).of('complaint')?.state('resolution_review')?.approval?.levels.map((l) => l.mode)).toEqual(['anyOf', 'allOf']);
  });

  it('refuses approval steps that do not hold together, each at its path', () => {
    const workflow = edited((w) => {
      w.states.push({ key: 'review', final: true, approval: { levels: [{ key: 'unit', approvers: { role: 'supervisor', up: 0 } }, { key: 'unit', approvers: { role: 'supervisor', unitLevel: 'region' } }], approved: 'review', rejectTo: ['nowhere'] } });
      w.transitions.push({ key: 'to_review', from: 'acknowledged', to: 'review' }, { key: 'skip', from: 'review', to: 'closed' });
    });
    expect(problemsOf({ workflows: [workflow] })).toEqual([
      'workflow.final-has-exit workflows[complaint_handling].transitions[skip].from',
      'approval.final-state workflows[complaint_handling].states[review].final',
      'approval.loops workflows[complaint_handling].states[review].approval.approved',
      'workflow.unknown-state workflows[complaint_handling].states[review].approval.rejectTo[0]',
      'approval.has-transitions workflows[complaint_handling].transitions[skip].from',
      'workflow.duplicate-key workflows[complaint_handling].states[review].approval.levels[1].key',
    ]);
    const compiled = compileWorkflows({});
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const initial = edited((w) => {
      w.states.push({ key: 'review', approval: { levels: [{ key: 'city', approvers: { role: 'approver', unitLevel: 'region' }, escalate: [{ to: { role: 'head', unitLevel: 'city' } }] }], approved: 'new', rejectTo: ['closed'] } });
      w['initial'] = 'review';
    });
    const checked = checkWorkflow(initial, { model: compiled.value, operators: createBuiltinOperators(), facts: new FactRegistry(), roles: new Set(['agent', 'approver']), unitKinds: new Set(['city', 'county']) });
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'approval.initial-state initial',
      'approval.unknown-unit-level states[review].approval.levels[city].approvers.unitLevel',
      'workflow.unknown-role states[review].approval.levels[city].escalate[0].to.role',
    ]);
  });

  it('takes a layer\'s time limit for its subtree only, and refuses one the layer above locked', () => {
    const county = { kind: 'layer', key: 'sc_cd_wh', workflows: [{ key: 'complaint_handling', states: [{ key: 'acknowledged', timeLimit: { hours: 48 } }] }] };
    const compiled = compileWorkflows({ workflows: [complaintWorkflow()], layers: [{ kind: 'layer', key: 'sc' }, county] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const workflows = workflowsOf(compiled.value);
    expect(workflows.of('complaint', ['group', 'sc', 'sc_cd', 'sc_cd_wh'])?.settings('acknowledged').timeLimit).toEqual({ hours: 48 });
    expect(workflows.of('complaint', ['group', 'sc', 'sc_cd', 'sc_cd_jn'])?.settings('acknowledged').timeLimit?.hours).toBe(24);
    // The county's definition is another document: records started there pin its hash.
    expect(workflows.of('complaint', ['sc_cd_wh'])?.hash).not.toBe(workflows.all[0]?.hash);
    const locked = compileWorkflows({ workflows: [complaintWorkflow()], layers: [{ kind: 'layer', key: 'sc', workflows: [{ key: 'complaint_handling', lock: ['acknowledged'] }] }, county] });
    if (!locked.ok) throw new Error(JSON.stringify(locked.problems));
    const folded = workflowsOf(locked.value).forUnit(['sc', 'sc_cd_wh']);
    expect(folded.ok ? [] : folded.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['workflow.locked layers[sc_cd_wh].workflows[complaint_handling].states[acknowledged].timeLimit']);
    const byDocument = compileWorkflows({ workflows: [{ ...complaintWorkflow(), lock: ['*'] }], layers: [county] });
    expect(byDocument.ok ? [] : byDocument.problems.map((p) => p.code)).toEqual(['workflow.locked']);
  });

  it('refuses a time limit that is both hours and business hours, or a warning past the limit', () => {
    const workflow = edited((w) => {
      (w.states[0] as Record<string, unknown>)['timeLimit'] = { hours: 2, businessHours: 2, warnAt: 1.5 };
    });
    expect(problemsOf({ workflows: [workflow] })).toEqual(['document.too_big workflows[complaint_handling].states[new].timeLimit.warnAt', 'document.custom workflows[complaint_handling].states[new].timeLimit']);
  });
});
