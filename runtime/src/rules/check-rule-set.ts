import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import { valueError } from '../field-types/value-error.js';
import { describePath, zodProblems } from '../documents/parse-documents.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkAssignmentConflicts } from './check-assignment-conflicts.js';
import { checkAssignmentCycles, type AssigningRule } from './check-assignment-cycles.js';
import { checkConditions, type ConditionCheckContext } from './check-conditions.js';
import { checkContradictions } from './check-contradictions.js';
import { entityFactCatalog } from './fact-catalog.js';
import type { FactRegistry } from './fact-registry.js';
import type { OperatorRegistry } from './operator-registry.js';
import { checkNamedConditions, parseNamedConditions, referencedConditions } from './named-conditions.js';
import { parseTopCondition } from './parse-conditions.js';
import { isFactReference, ruleParamsSchemas, ruleSetDocumentSchema, type RuleDocument, type RuleSetDocument, type TopCondition } from './rule-set.document.js';
import { factsReadBy } from './walk-conditions.js';

export interface RuleCheckContext {
  readonly model: CompiledModel;
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
}

/** Fields an assignment may set although users never write them: routing a record sets its owner and org unit. */
const ASSIGNABLE_SYSTEM_FIELDS = new Set(['ownerId', 'orgUnitId']);

/**
 * Checks a rule set document against the model it runs on: shape, then
 * (when the shape is sound) names, facts, paths, operators and types,
 * the kind's params, contradictions and assignment cycles. Every problem is
 * reported at once, at the path of the element concerned
 * (`rules[enterprise_discount].conditions.all[1].operator`).
 */
export function checkRuleSet(input: unknown, context: RuleCheckContext): Checked<RuleSetDocument> {
  const shape = ruleSetDocumentSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input));
  const problems: Problem[] = [];
  const raw = shape.data;
  const rulePath = (index: number) => describePath(raw, ['rules', index]);
  const conditions = parseNamedConditions(raw.conditions, problems);
  const rules: RuleDocument[] = [];
  raw.rules.forEach((rule, index) => {
    const parsed = parseTopCondition(rule.conditions, `${rulePath(index)}.conditions`, problems);
    if (parsed) rules.push({ ...rule, conditions: parsed });
  });
  if (problems.length) return failed(problems);

  const document: RuleSetDocument = { ...raw, conditions, rules };
  const entity = context.model.entityByKey(document.entity);
  if (!entity) {
    return failed([problem('rule.unknown-entity', 'entity', `no entity with key "${document.entity}"`, `entities: ${context.model.entities.map((e) => e.key).join(', ')}`)]);
  }
  const conditionContext: ConditionCheckContext = {
    facts: entityFactCatalog(entity, context.model, context.facts),
    operators: context.operators,
    conditionNames: new Set(Object.keys(conditions)),
  };
  problems.push(...checkNamedConditions(conditions, conditionContext));
  const seen = new Set<string>();
  const assigning: AssigningRule[] = [];
  const writesByRule = new Map<string, ReadonlySet<string>>();
  for (const rule of rules) {
    const path = `rules[${rule.key}]`;
    if (seen.has(rule.key)) problems.push(problem('rule.duplicate-key', `${path}.key`, `two rules have the key "${rule.key}"`));
    seen.add(rule.key);
    checkConditions(rule.conditions, `${path}.conditions`, conditionContext, problems);
    const reads = factsReadBy(rule.conditions);
    for (const name of referencedConditions(rule.conditions, conditions)) for (const fact of factsReadBy(conditions[name] as TopCondition)) reads.add(fact);
    checkContradictions(rule.conditions, `${path}.conditions`, problems);
    const writes = checkParams(rule, path, entity, problems);
    for (const [field, value] of Object.entries(setOf(rule))) {
      if (!isFactReference(value)) continue;
      reads.add(value.fact);
      if (!conditionContext.facts.lookup(value.fact)) problems.push(problem('rule.unknown-fact', `${path}.event.params.set.${field}.fact`, `unknown fact "${value.fact}"`));
    }
    if (writes.size) assigning.push({ key: rule.key, reads, writes });
    writesByRule.set(rule.key, writes);
  }
  problems.push(...checkAssignmentCycles(assigning, (key) => `rules[${key}]`), ...checkAssignmentConflicts(rules, writesByRule));
  return problems.length ? failed(problems) : ok(document);
}

function setOf(rule: RuleDocument): Record<string, unknown> {
  const set = rule.event.params?.['set'];
  return set !== null && typeof set === 'object' ? (set as Record<string, unknown>) : {};
}

/** The kind's event params; returns the fields the rule writes. */
function checkParams(rule: RuleDocument, path: string, entity: CompiledEntity, problems: Problem[]): Set<string> {
  const schema = ruleParamsSchemas[rule.kind];
  const writes = new Set<string>();
  if (!schema) return writes;
  const params = schema.safeParse(rule.event.params ?? {});
  if (!params.success) {
    problems.push(...zodProblems(params.error, rule.event.params, `${path}.event.params`));
    return writes;
  }
  if (rule.kind === 'validation') {
    for (const name of (params.data as { fields: string[] }).fields) {
      if (!entity.fieldByName(name)) problems.push(problem('rule.unknown-field', `${path}.event.params.fields`, `${entity.name} has no field "${name}"`));
    }
    return writes;
  }
  for (const [name, value] of Object.entries((params.data as { set: Record<string, unknown> }).set)) {
    const at = `${path}.event.params.set.${name}`;
    const field = entity.fieldByName(name);
    if (!field) {
      problems.push(problem('rule.unknown-field', at, `${entity.name} has no field "${name}"`));
      continue;
    }
    if (field.readOnly && !(rule.kind === 'assignment' && ASSIGNABLE_SYSTEM_FIELDS.has(name))) {
      problems.push(problem('rule.read-only-field', at, `"${name}" is never written by rules`, rule.kind === 'defaulting' ? 'owner and org unit are set by assignment rules' : undefined));
      continue;
    }
    writes.add(name);
    if (value !== null && !isFactReference(value)) {
      const invalid = valueError(field.type, field.settings, value);
      if (invalid) problems.push(problem('rule.bad-value', at, `not a valid ${field.typeName} for "${name}": ${invalid.message}`, invalid.hint));
    }
  }
  return writes;
}
