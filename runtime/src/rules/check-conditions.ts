import { zodProblems } from '../documents/parse-documents.js';
import { closeFieldNames } from '../formula/close-field-names.js';
import { problem, type Problem } from '../problems/problem.js';
import type { FactCatalog } from './fact-catalog.js';
import { parseFactPath } from './fact-path.js';
import type { OperatorRegistry } from './operator-registry.js';
import { isFactReference, type ConditionDocument, type FactCondition, type FactReference } from './rule-set.document.js';
import { walkConditions } from './walk-conditions.js';
import { describeShape, shapeOfLiteral, UNKNOWN_SHAPE, type ValueShape } from './value-shape.js';

export interface ConditionCheckContext {
  readonly facts: FactCatalog;
  readonly operators: OperatorRegistry;
  /** Names of the rule set's named conditions. */
  readonly conditionNames: ReadonlySet<string>;
}

/**
 * Problems in one condition tree: unknown facts, paths and operators,
 * decorators that do not apply, comparisons whose types can never match,
 * references to named conditions that do not exist.
 */
export function checkConditions(root: ConditionDocument, path: string, context: ConditionCheckContext, problems: Problem[]): void {
  walkConditions(root, path, {
    fact: (condition, at) => {
      const left = factShape(condition, at, context, problems);
      const right = isFactReference(condition.value) ? factShape(condition.value, `${at}.value`, context, problems) : shapeOfLiteral(condition.value);
      if (left && right) checkOperator(condition, left, right, at, context, problems);
    },
    reference: (condition, at) => {
      if (!context.conditionNames.has(condition.condition)) {
        problems.push(problem('rule.unknown-condition', `${at}.condition`, `no named condition "${condition.condition}" in this rule set`, hintFrom(condition.condition, [...context.conditionNames])));
      }
    },
  });
}


function factShape(reference: FactReference, at: string, context: ConditionCheckContext, problems: Problem[]): ValueShape | undefined {
  const info = context.facts.lookup(reference.fact);
  if (!info) {
    problems.push(problem('rule.unknown-fact', `${at}.fact`, `unknown fact "${reference.fact}"`, hintFrom(reference.fact, context.facts.names(), 'facts are the entity\'s fields by name and the computed facts declared for it')));
    return undefined;
  }
  if (reference.params !== undefined && !info.computed) {
    problems.push(problem('rule.unexpected-params', `${at}.params`, `"${reference.fact}" is a field, not a computed fact: it takes no params`));
  }
  if (info.params) {
    const params = info.params.safeParse(reference.params ?? {});
    if (!params.success) problems.push(...zodProblems(params.error, reference.params ?? {}, `${at}.params`).map((found) => ({ ...found, code: 'rule.bad-params' })));
  }
  if (reference.path === undefined) return info.shape;
  const parsed = parseFactPath(reference.path);
  if (!parsed.ok) {
    problems.push(problem('rule.unsupported-path', `${at}.path`, parsed.message));
    return undefined;
  }
  if (info.shape.kind !== 'object' && info.shape.kind !== 'list' && info.shape.kind !== 'unknown') {
    // json-rules-engine applies a path only to objects; on anything else the path is ignored.
    problems.push(problem('rule.unsupported-path', `${at}.path`, `"${reference.fact}" is ${describeShape(info.shape)}; a path only reads into records, lists and JSON`, 'remove the path'));
    return undefined;
  }
  const followed = context.facts.follow(info.shape, parsed.steps);
  if (typeof followed === 'string') {
    problems.push(problem('rule.unknown-path', `${at}.path`, `${reference.path} on "${reference.fact}": ${followed}`));
    return undefined;
  }
  return followed;
}

function checkOperator(condition: FactCondition, left: ValueShape, right: ValueShape, at: string, context: ConditionCheckContext, problems: Problem[]): void {
  const operator = context.operators.resolve(condition.operator);
  if (!operator) {
    const known = context.operators.operatorNames();
    problems.push(problem('rule.unknown-operator', `${at}.operator`, `unknown operator "${condition.operator}"`, hintFrom(condition.operator.split(':').pop() ?? '', known, `operators: ${known.join(', ')}; decorators: ${context.operators.decoratorNames().join(', ')}`)));
    return;
  }
  let fact = left;
  let value = right;
  for (const decorator of operator.decorators) {
    const mapped = decorator.mapTypes?.(fact, value) ?? { fact, value };
    if (typeof mapped === 'string') {
      problems.push(problem('rule.type-mismatch', `${at}.operator`, `"${decorator.name}:" does not apply: ${mapped}`));
      return;
    }
    ({ fact, value } = mapped);
  }
  const mismatch = operator.base.checkTypes?.(fact ?? UNKNOWN_SHAPE, value ?? UNKNOWN_SHAPE);
  if (mismatch) problems.push(problem('rule.type-mismatch', `${at}.value`, `"${condition.fact}" ${condition.operator} ${describeShape(right)}: ${mismatch}`));
}

function hintFrom(name: string, candidates: readonly string[], fallback?: string): string | undefined {
  const close = closeFieldNames(name, (candidate) => (candidates.includes(candidate) ? 'text' : undefined), candidates);
  return close.length ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : fallback;
}
