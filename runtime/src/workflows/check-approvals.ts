import { problem, type Problem } from '../problems/problem.js';
import type { WorkflowDocument } from './workflow.document.js';

/** Where a document's states lead: its transitions and, for approval steps, the approved and reject states. */
export function exitsOf(document: WorkflowDocument, state: string): string[] {
  const out = document.transitions.filter((t) => (typeof t.from === 'string' ? t.from === state : t.from.includes(state))).map((t) => t.to);
  const approval = document.states.find((s) => s.key === state)?.approval;
  return approval ? [...out, approval.approved, ...approval.rejectTo] : out;
}

/**
 * The approval steps of a workflow: the states they lead to must exist and
 * be others; an approval is neither the initial state (someone submits it)
 * nor a final one; only its decisions leave it (a transition from it would
 * bypass the approvers); level keys are unique; unit kinds named are the
 * organisation's (when the caller passes them). Paths are relative to the document.
 */
export function checkApprovals(document: WorkflowDocument, unitKinds?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const states = new Set(document.states.map((s) => s.key));
  for (const state of document.states) {
    const approval = state.approval;
    if (!approval) continue;
    const at = `states[${state.key}].approval`;
    if (state.final) problems.push(problem('approval.final-state', `states[${state.key}].final`, `"${state.key}" is an approval step: it cannot be final`, 'its decisions lead on to `approved` or back to `rejectTo`'));
    if (document.initial === state.key) problems.push(problem('approval.initial-state', 'initial', `"${state.key}" is an approval step: records start before it and are submitted into it`));
    const target = (key: string, path: string) => {
      if (!states.has(key)) problems.push(problem('workflow.unknown-state', path, `no state "${key}" in this workflow`, `states: ${[...states].join(', ')}`));
      else if (key === state.key) problems.push(problem('approval.loops', path, `a decision on "${state.key}" must lead to another state`));
    };
    target(approval.approved, `${at}.approved`);
    approval.rejectTo.forEach((key, i) => target(key, `${at}.rejectTo[${i}]`));
    for (const t of document.transitions) {
      const from = typeof t.from === 'string' ? [t.from] : t.from;
      if (from.includes(state.key)) problems.push(problem('approval.has-transitions', `transitions[${t.key}].from`, `"${t.key}" leaves the approval step "${state.key}": only its decisions (approve, reject, recall) leave it`, 'remove the transition, or name its state in approval.rejectTo'));
    }
    const keys = new Set<string>();
    approval.levels.forEach((level, i) => {
      if (keys.has(level.key)) problems.push(problem('workflow.duplicate-key', `${at}.levels[${i}].key`, `two levels have the key "${level.key}"`));
      keys.add(level.key);
      const kinds = [...('unitLevel' in level.approvers ? [[level.approvers.unitLevel, `${at}.levels[${level.key}].approvers.unitLevel`]] : []), ...(level.escalate ?? []).flatMap((e, j) => (typeof e.to === 'object' && e.to.unitLevel ? [[e.to.unitLevel, `${at}.levels[${level.key}].escalate[${j}].to.unitLevel`]] : []))];
      if (unitKinds) for (const [kind, path] of kinds) if (!unitKinds.has(kind as string)) problems.push(problem('approval.unknown-unit-level', path as string, `no unit kind "${kind}" in the organisation`, `kinds: ${[...unitKinds].join(', ')}`));
    });
  }
  return problems;
}

/** The roles an approval names, with their paths: its approvers and escalation targets. */
export function approvalRoles(document: WorkflowDocument): { role: string; path: string }[] {
  return document.states.flatMap((state) =>
    (state.approval?.levels ?? []).flatMap((level) => [
      { role: level.approvers.role, path: `states[${state.key}].approval.levels[${level.key}].approvers.role` },
      ...(level.escalate ?? []).flatMap((e, j) => (typeof e.to === 'object' ? [{ role: e.to.role, path: `states[${state.key}].approval.levels[${level.key}].escalate[${j}].to.role` }] : [])),
    ]),
  );
}
