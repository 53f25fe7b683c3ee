import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import { zodProblems } from '../documents/parse-documents.js';
import { formFactCatalog } from '../forms/form-fact-catalog.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkConditions, type ConditionCheckContext } from '../rules/check-conditions.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import { checkNamedConditions, parseNamedConditions } from '../rules/named-conditions.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import { parseTopCondition } from '../rules/parse-conditions.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import { approvalRoles, checkApprovals, exitsOf } from './check-approvals.js';
import { checkTimeLimits } from './check-time-limits.js';
import { workflowDocumentSchema, type WorkflowAction, type WorkflowDocument } from './workflow.document.js';

export interface WorkflowCheckContext {
  readonly model: CompiledModel;
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
  /** Role keys of the deployment, when known (the platform's plan): a transition naming another is refused. */
  readonly roles?: ReadonlySet<string>;
  /** Plugin workflow actions, when known: an action naming another is refused. */
  readonly actions?: ReadonlySet<string>;
  /** Unit kinds of the organisation, when known: an approval level naming another is refused. */
  readonly unitKinds?: ReadonlySet<string>;
}

export interface CheckedWorkflow {
  readonly document: WorkflowDocument;
  readonly conditions: Readonly<Record<string, TopCondition>>;
  /** Each transition's guard, parsed and checked, by transition key. */
  readonly guards: ReadonlyMap<string, TopCondition>;
}

const STATE_FIELD_TYPES = new Set(['text', 'picklist']);
/** What an action's `{ from }` may name beside fields: the record's id, the time of the move, the user making it. */
const SPECIAL_VALUES = new Set(['$id', '$now', '$actor']);

/**
 * Checks a workflow document against the model: its shape; the entity and
 * its state field; states and transitions (duplicate keys, transitions from
 * or to a state that does not exist, states no transition reaches from the
 * initial one, final states with a way out, other states without one);
 * guards (the rule checker with the facts a form condition reads: fields,
 * `$user`, `$mode`, computed facts); required and written fields; related
 * records created; queues, roles and plugin actions named. Paths are
 * relative to the document (`transitions[resolve].guard.all[0].fact`).
 */
export function checkWorkflow(input: unknown, context: WorkflowCheckContext): Checked<CheckedWorkflow> {
  const shape = workflowDocumentSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input));
  const document = shape.data;
  const entity = context.model.entityByKey(document.entity);
  if (!entity) return failed([problem('workflow.unknown-entity', 'entity', `no entity with key "${document.entity}"`, `entities: ${context.model.entities.map((e) => e.key).join(', ')}`)]);
  const problems: Problem[] = [];
  const stateField = entity.fieldByName(document.stateField);
  if (!stateField) problems.push(unknownField(entity, document.stateField, 'stateField'));
  else if (!STATE_FIELD_TYPES.has(stateField.typeName)) problems.push(problem('workflow.bad-state-field', 'stateField', `"${document.stateField}" is a ${stateField.typeName} field; a workflow keeps its state in a text or picklist field`));
  else if (stateField.readOnly) problems.push(problem('workflow.bad-state-field', 'stateField', `"${document.stateField}" is computed or managed by the platform; a workflow keeps its state in a field of its own`));
  const states = new Set<string>();
  for (const state of document.states) {
    if (states.has(state.key)) problems.push(problem('workflow.duplicate-key', `states[${state.key}].key`, `two states have the key "${state.key}"`));
    states.add(state.key);
  }
  const knownState = (key: string, path: string) => {
    if (!states.has(key)) problems.push(problem('workflow.unknown-state', path, `no state "${key}" in this workflow`, `states: ${[...states].join(', ')}`));
  };
  knownState(document.initial, 'initial');
  const queues = new Set((document.queues ?? []).map((q) => q.key));
  const conditions = parseNamedConditions(document.conditions, problems);
  const conditionContext: ConditionCheckContext = { facts: formFactCatalog(entity, context.model, context.facts), operators: context.operators, conditionNames: new Set(Object.keys(conditions)) };
  if (!problems.length) problems.push(...checkNamedConditions(conditions, conditionContext));
  const guards = new Map<string, TopCondition>();
  const transitionKeys = new Set<string>();
  for (const transition of document.transitions) {
    const at = `transitions[${transition.key}]`;
    if (transitionKeys.has(transition.key)) problems.push(problem('workflow.duplicate-key', `${at}.key`, `two transitions have the key "${transition.key}"`));
    transitionKeys.add(transition.key);
    const from = fromStates(transition.from);
    from.forEach((key, i) => knownState(key, Array.isArray(transition.from) ? `${at}.from[${i}]` : `${at}.from`));
    knownState(transition.to, `${at}.to`);
    for (const key of from) if (document.states.find((s) => s.key === key)?.final) problems.push(problem('workflow.final-has-exit', `${at}.from`, `"${key}" is a final state: no transition leaves it`));
    if (transition.guard) {
      const parsed = parseTopCondition(transition.guard, `${at}.guard`, problems);
      if (parsed) {
        checkConditions(parsed, `${at}.guard`, conditionContext, problems);
        guards.set(transition.key, parsed);
      }
    }
    (transition.required ?? []).forEach((name, i) => {
      if (!entity.fieldByName(name)) problems.push(unknownField(entity, name, `${at}.required[${i}]`));
    });
    checkActions(transition.actions, `${at}.actions`, entity, queues, context, problems);
  }
  for (const state of document.states) {
    checkActions(state.onEnter, `states[${state.key}].onEnter`, entity, queues, context, problems);
    checkActions(state.onExit, `states[${state.key}].onExit`, entity, queues, context, problems);
  }
  (document.clockStops ?? []).forEach((key, i) => knownState(key, `clockStops[${i}]`));
  (document.lock ?? []).forEach((key, i) => key !== '*' && knownState(key, `lock[${i}]`));
  problems.push(...checkApprovals(document, context.unitKinds));
  problems.push(...checkTimeLimits(document, entity, conditions, context));
  if (context.roles) problems.push(...workflowRoleProblems(document, context.roles));
  if (!problems.length) problems.push(...reachability(document));
  return problems.length ? failed(problems) : ok({ document, conditions, guards });
}

export function fromStates(from: string | readonly string[]): readonly string[] {
  return typeof from === 'string' ? [from] : from;
}

/** States no transition (nor approval decision) reaches from the initial one (a breadth-first walk), and non-final states with no way out. */
function reachability(document: WorkflowDocument): Problem[] {
  const problems: Problem[] = [];
  const reached = new Set([document.initial]);
  const queue = [document.initial];
  while (queue.length) {
    const state = queue.shift() as string;
    for (const to of exitsOf(document, state)) {
      if (reached.has(to)) continue;
      reached.add(to);
      queue.push(to);
    }
  }
  for (const state of document.states) {
    if (!reached.has(state.key)) problems.push(problem('workflow.unreachable-state', `states[${state.key}]`, `no transition leads to "${state.key}" from the initial state "${document.initial}"`, 'add a transition to it, or remove the state'));
    else if (!state.final && !exitsOf(document, state.key).length) problems.push(problem('workflow.dead-end', `states[${state.key}]`, `"${state.key}" is not final, but no transition leaves it: records would stay there for ever`, 'mark it final: true, or add a transition from it'));
  }
  return problems;
}

function checkActions(actions: readonly WorkflowAction[] | undefined, path: string, entity: CompiledEntity, queues: ReadonlySet<string>, context: WorkflowCheckContext, problems: Problem[]): void {
  (actions ?? []).forEach((action, i) => {
    const at = `${path}[${i}]`;
    if ('setFields' in action) for (const name of Object.keys(action.setFields)) fieldOf(entity, name, `${at}.setFields.${name}`, problems);
    else if ('create' in action) checkCreate(action.create, at, entity, context, problems);
    else if ('assign' in action) {
      const target = action.assign;
      if ('queue' in target && !queues.has(target.queue)) problems.push(problem('workflow.unknown-queue', `${at}.assign.queue`, `no queue "${target.queue}" in this workflow`, queues.size ? `queues: ${[...queues].join(', ')}` : 'declare it under queues'));
    } else if ('plugin' in action && context.actions && !context.actions.has(action.plugin.action)) {
      problems.push(problem('workflow.unknown-action', `${at}.plugin.action`, `no plugin contributes the workflow action "${action.plugin.action}"`, context.actions.size ? `actions: ${[...context.actions].join(', ')}` : 'plugins contribute actions through definePlugin({ workflowActions })'));
    }
  });
}

function checkCreate(create: Extract<WorkflowAction, { create: unknown }>['create'], at: string, entity: CompiledEntity, context: WorkflowCheckContext, problems: Problem[]): void {
  const target = context.model.entityByKey(create.entity);
  if (!target) {
    problems.push(problem('workflow.unknown-entity', `${at}.create.entity`, `no entity with key "${create.entity}"`));
    return;
  }
  let item: CompiledEntity | undefined;
  if (create.each) {
    const list = entity.fieldByName(create.each);
    if (!list || list.relation?.kind !== 'oneToMany') problems.push(problem('workflow.not-a-list', `${at}.create.each`, `"${create.each}" is not a one-to-many field of ${entity.name}`));
    else item = context.model.entityByKey(list.relation.target);
  }
  for (const [name, value] of Object.entries(create.values)) {
    fieldOf(target, name, `${at}.create.values.${name}`, problems);
    if (value && typeof value === 'object' && 'from' in value && !SPECIAL_VALUES.has(String(value.from))) fieldOf(entity, String(value.from), `${at}.create.values.${name}.from`, problems);
    if (value && typeof value === 'object' && 'fromItem' in value) {
      if (!item) problems.push(problem('workflow.no-item', `${at}.create.values.${name}.fromItem`, 'fromItem reads the related record of `each`; this action has none'));
      else if (!SPECIAL_VALUES.has(String(value.fromItem))) fieldOf(item, String(value.fromItem), `${at}.create.values.${name}.fromItem`, problems);
    }
  }
}

function fieldOf(entity: CompiledEntity, name: string, path: string, problems: Problem[]): void {
  const field = entity.fieldByName(name);
  if (!field) problems.push(unknownField(entity, name, path));
  else if (field.readOnly) problems.push(problem('workflow.read-only-field', path, `"${name}" is computed or managed by the platform; an action cannot write it`));
}

function unknownField(entity: CompiledEntity, name: string, path: string): Problem {
  return problem('workflow.unknown-field', path, `${entity.name} has no field "${name}"`, `fields: ${entity.fields.filter((f) => !f.system).map((f) => f.name).join(', ')}`);
}

/**
 * Roles a workflow names that the deployment does not have (roles are the
 * organisation's, not metadata: the platform's plan passes them), at paths
 * relative to the document.
 */
export function workflowRoleProblems(document: WorkflowDocument, roles: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const check = (role: string, path: string) => void (!roles.has(role) && problems.push(unknownRole(role, path, roles)));
  const actions = (list: readonly WorkflowAction[] | undefined, path: string) =>
    (list ?? []).forEach((action, i) => {
      if ('assign' in action && 'role' in action.assign) check(action.assign.role, `${path}[${i}].assign.role`);
      if ('notify' in action && typeof action.notify.to === 'object') check(action.notify.to.role, `${path}[${i}].notify.to.role`);
    });
  for (const transition of document.transitions) {
    for (const role of transition.allow?.roles ?? []) check(role, `transitions[${transition.key}].allow.roles`);
    actions(transition.actions, `transitions[${transition.key}].actions`);
  }
  for (const state of document.states) {
    actions(state.onEnter, `states[${state.key}].onEnter`);
    actions(state.onExit, `states[${state.key}].onExit`);
  }
  for (const queue of document.queues ?? []) check(queue.role, `queues[${queue.key}].role`);
  for (const { role, path } of approvalRoles(document)) check(role, path);
  return problems;
}

function unknownRole(role: string, path: string, roles: ReadonlySet<string>): Problem {
  return problem('workflow.unknown-role', path, `no role "${role}"`, `roles: ${[...roles].join(', ')}`);
}
