import { describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { checkSet } from '../draft-set.js';
import { actionSummary, choiceSummary, fromValue, targetKind, movedUp, orgRoleProblems, stateProblems, statesInOrder, transitionProblems, withClockStop, withLimit, withoutState, withText, withWorkflow, workflowProblems, type WorkflowDocument } from './workflow-edit.js';

const entity = {
  kind: 'entity',
  key: 'complaint',
  name: 'Complaint',
  fields: [
    { key: 'summary', name: 'summary', type: 'text', label: { en: 'Summary' }, maxLength: 200 },
    { key: 'status', name: 'status', type: 'text', label: { en: 'Status' }, maxLength: 40 },
    { key: 'severity', name: 'severity', type: 'text', label: { en: 'Severity' }, maxLength: 20 },
  ],
  titleField: 'summary',
};
const complaints = (): WorkflowDocument => ({
  kind: 'workflow',
  key: 'complaints',
  entity: 'complaint',
  stateField: 'status',
  initial: 'new',
  states: [{ key: 'new', timeLimit: { hours: 2 } }, { key: 'acknowledged' }, { key: 'waiting' }, { key: 'closed', final: true }],
  transitions: [
    { key: 'acknowledge', from: 'new', to: 'acknowledged' },
    { key: 'ask', from: 'acknowledged', to: 'waiting' },
    { key: 'replied', from: 'waiting', to: 'acknowledged' },
    { key: 'close', from: ['acknowledged', 'waiting'], to: 'closed', guard: { all: [{ fact: 'severity', operator: 'notEqual', value: null }] } },
  ],
  clockStops: ['waiting'],
});
const set = { entities: [entity], workflows: [complaints()] } as unknown as MetadataSet;
const problemsOf = (workflow: WorkflowDocument) => {
  const check = checkSet(withWorkflow(set, workflow));
  return check.ok ? [] : workflowProblems(workflow.key, check.problems);
};

describe('a workflow as the workflow editor changes and checks it', () => {
  it('the example set is accepted by the runtime as it stands', () => {
    expect(problemsOf(complaints())).toEqual([]);
  });

  it('shows a new state no transition reaches beside that state, then none once it is wired in', () => {
    const workflow = complaints();
    workflow.states.push({ key: 'triage', label: { en: 'Triage', 'zh-CN': '分派' } });
    const unreachable = problemsOf(workflow);
    expect(unreachable.map((p) => [p.code, p.path])).toEqual([['workflow.unreachable-state', 'workflows[complaints].states[triage]']]);
    expect(stateProblems(unreachable, workflow, 'triage')).toHaveLength(1);
    expect(stateProblems(unreachable, workflow, 'new')).toEqual([]);
    workflow.transitions[0]!.to = 'triage';
    expect(problemsOf(workflow).map((p) => [p.code, p.path])).toEqual([
      ['workflow.unreachable-state', 'workflows[complaints].states[acknowledged]'],
      ['workflow.unreachable-state', 'workflows[complaints].states[waiting]'],
      ['workflow.unreachable-state', 'workflows[complaints].states[closed]'],
      ['workflow.dead-end', 'workflows[complaints].states[triage]'],
    ]);
    workflow.transitions.push({ key: 'triage_done', from: 'triage', to: 'acknowledged' });
    expect(problemsOf(workflow)).toEqual([]);
    expect(statesInOrder(workflow).map((s) => s.key)).toEqual(['new', 'triage', 'acknowledged', 'waiting', 'closed']);
  });

  it('puts a transition to a missing state and a guard on an unknown fact beside the transition', () => {
    const workflow = complaints();
    workflow.transitions[1]!.to = 'nowhere';
    workflow.transitions[3]!.guard = { all: [{ fact: 'priority', operator: 'equal', value: 'high' }] };
    const problems = problemsOf(workflow);
    expect(transitionProblems(problems, workflow, 'ask').map((p) => p.path)).toEqual(['workflows[complaints].transitions[ask].to']);
    expect(transitionProblems(problems, workflow, 'close').map((p) => p.path)).toEqual(['workflows[complaints].transitions[close].guard.all[0].fact']);
  });

  it('removes a state with its clock stop, and leaves the transitions naming it for the check to point at', () => {
    const without = withoutState(complaints(), 'waiting');
    expect(without.clockStops).toBeUndefined();
    expect(without.states.map((s) => s.key)).toEqual(['new', 'acknowledged', 'closed']);
    expect(problemsOf(without).map((p) => p.path)).toEqual(['workflows[complaints].transitions[ask].to', 'workflows[complaints].transitions[replied].from', 'workflows[complaints].transitions[close].from[1]']);
    const stops = { ...complaints(), clockStops: ['waiting', 'nowhere'] };
    expect(stateProblems(problemsOf(stops), stops, 'waiting')).toEqual([]);
    expect(problemsOf(stops).map((p) => p.path)).toEqual(['workflows[complaints].clockStops[1]']);
  });

  it('keeps a time limit one unit or the other, escalations in order, labels per language, from as one key or a list', () => {
    expect(withLimit({ hours: 2, warnAt: 0.75 }, 'businessHours', 8)).toEqual({ businessHours: 8, warnAt: 0.75 });
    expect(movedUp(['a', 'b', 'c'], 2)).toEqual(['a', 'c', 'b']);
    expect(movedUp(['a', 'b'], 0)).toEqual(['a', 'b']);
    expect(withClockStop(complaints(), 'waiting', false)).toBeUndefined();
    expect(withClockStop(complaints(), 'new', true)).toEqual(['waiting', 'new']);
    expect(withText({ en: 'New' }, 'zh-CN', '待受理')).toEqual({ en: 'New', 'zh-CN': '待受理' });
    expect(withText('New', 'en', '')).toBeUndefined();
    expect([fromValue(['new']), fromValue(['new', 'waiting'])]).toEqual(['new', ['new', 'waiting']]);
  });

  it('names the roles the organisation lacks at their paths, once the roles are known', () => {
    const workflow = complaints();
    workflow.transitions[0]!.allow = { roles: ['call_centre_agent', 'call_center_agent'], scope: 'subtree' };
    const roles = [{ key: 'call_centre_agent' }, { key: 'supervisor' }];
    expect(orgRoleProblems(workflow, roles).map((p) => [p.code, p.path])).toEqual([['workflow.unknown-role', 'workflows[complaints].transitions[acknowledge].allow.roles']]);
    expect(transitionProblems(orgRoleProblems(workflow, roles), workflow, 'acknowledge')[0]?.hint).toContain('call_centre_agent');
    expect(orgRoleProblems(workflow, [])).toEqual([]);
  });

  it('says what each action does in one line', () => {
    expect(actionSummary({ setFields: { resolvedAt: { from: '$now' } } })).toBe('set resolvedAt ← $now');
    expect(actionSummary({ assign: { queue: 'service_desk' } })).toBe('assign to queue service_desk');
    expect(actionSummary({ notify: { to: 'owner', message: { en: 'Closed' } } })).toBe('notify owner');
    expect(actionSummary({ create: { entity: 'work_order', each: 'items', values: {} } })).toBe('create work_order for each items');
  });

  it('shows a rule-chosen escalation target as its branches and fallback, and tells it from the plain ones', () => {
    const choice = { choose: [{ when: { all: [] }, to: { role: 'regional_admin', unitLevel: 'city' }, name: 'group_customer_fault' }, { when: { any: [] }, to: 'unitHeadAbove' as const }], otherwise: 'assigneeSupervisor' as const };
    expect([targetKind(choice), targetKind('unitHeadAbove'), targetKind({ role: 'supervisor' })]).toEqual(['rule', 'unitHeadAbove', 'role']);
    const words = { when: 'when', otherwise: 'otherwise', condition: 'a condition', target: (t: unknown) => (typeof t === 'string' ? t : (t as { role: string }).role) };
    expect(choiceSummary(choice, words)).toBe('when group_customer_fault → regional_admin; when a condition → unitHeadAbove; otherwise → assigneeSupervisor');
    expect(choiceSummary('unitHeadAbove', words)).toBe('');
  });
});
