import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import type { FactDeclaration } from '../facts/fact-set.document.js';
import { problem, type Problem } from '../problems/problem.js';
import { checkConditions, type ConditionCheckContext } from '../rules/check-conditions.js';
import { entityFactCatalog, type FactCatalog } from '../rules/fact-catalog.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import { referencedConditions } from '../rules/named-conditions.js';
import { parseTopCondition } from '../rules/parse-conditions.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import { isEscalationChoice, type EscalationTarget } from './time-limit.document.js';
import type { WorkflowDocument } from './workflow.document.js';

/** What the checks need of the workflow checker's context (`WorkflowCheckContext`): the model, the rule registries, the organisation's roles and unit kinds when known. */
export type TimeLimitCheckContext = { readonly model: CompiledModel; readonly operators: OperatorRegistry; readonly facts: FactRegistry; readonly roles?: ReadonlySet<string>; readonly unitKinds?: ReadonlySet<string> };

/**
 * The escalation targets of every state's time limit: roles and unit kinds
 * the organisation has (when the caller knows them); a rule-chosen target's
 * `when` on the facts a timer has when it fires: the record's fields (a
 * reference read with `path` is the referenced record) and computed facts,
 * not `$user` or `$mode` (nobody is writing), nor facts counted only when a
 * record is written. Named conditions a `when` uses are checked on those
 * facts too. Paths are relative to the document.
 */
export function checkTimeLimits(document: WorkflowDocument, entity: CompiledEntity, conditions: Readonly<Record<string, TopCondition>>, context: TimeLimitCheckContext): Problem[] {
  const problems: Problem[] = [];
  const rules: ConditionCheckContext = { facts: timerFactCatalog(entity, context.model, context.facts), operators: context.operators, conditionNames: new Set(Object.keys(conditions)) };
  const target = (to: EscalationTarget, path: string) => {
    if (typeof to !== 'object') return;
    if (context.roles && !context.roles.has(to.role)) problems.push(problem('workflow.unknown-role', `${path}.role`, `no role "${to.role}"`, `roles: ${[...context.roles].join(', ')}`));
    if (to.unitLevel && context.unitKinds && !context.unitKinds.has(to.unitLevel)) problems.push(problem('workflow.unknown-unit-level', `${path}.unitLevel`, `no unit kind "${to.unitLevel}" in the organisation`, `kinds: ${[...context.unitKinds].join(', ')}`));
  };
  for (const state of document.states) {
    (state.timeLimit?.escalate ?? []).forEach(({ to }, i) => {
      const at = `states[${state.key}].timeLimit.escalate[${i}].to`;
      if (!isEscalationChoice(to)) return target(to, at);
      to.choose.forEach((branch, j) => {
        const when = `${at}.choose[${j}].when`;
        const parsed = parseTopCondition(branch.when, when, problems);
        if (parsed) {
          checkConditions(parsed, when, rules, problems);
          for (const name of referencedConditions(parsed, { ...conditions })) problems.push(...namedOnTimer(name, conditions, rules, when));
        }
        target(branch.to, `${at}.choose[${j}].to`);
      });
      target(to.otherwise, `${at}.otherwise`);
    });
  }
  return problems;
}

/** A named condition a timer's rule uses, on the timer's facts (checked on a writer's already): what only a writer has is refused at its own path. */
function namedOnTimer(name: string, conditions: Readonly<Record<string, TopCondition>>, rules: ConditionCheckContext, usedAt: string): Problem[] {
  const found: Problem[] = [];
  checkConditions(conditions[name] as TopCondition, `conditions[${name}]`, rules, found);
  return found.filter((p) => p.code === 'rule.unknown-fact').map((p) => ({ ...p, message: `${p.message}, which a timer does not have (${usedAt} uses "${name}")`, hint: 'a timer reads the record\'s fields and computed facts; nobody is writing, so there is no $user or $mode' }));
}

/** The facts of the record when a timer fires: its fields and computed facts, less those counted only when a record is written. */
function timerFactCatalog(entity: CompiledEntity, model: CompiledModel, facts: FactRegistry): FactCatalog {
  const declared = (model.source.facts ?? []) as readonly { entity: string; facts: readonly FactDeclaration[] }[];
  const counted = new Set(declared.filter((s) => s.entity === entity.key).flatMap((s) => s.facts.filter((f) => 'count' in f).map((f) => f.name)));
  const all = entityFactCatalog(entity, model, facts);
  return { lookup: (name) => (counted.has(name) ? undefined : all.lookup(name)), names: () => all.names().filter((n) => !counted.has(n)), follow: all.follow };
}
