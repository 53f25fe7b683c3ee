import type { EntityManager } from '@mikro-orm/postgresql';
import { MODE_FACT, USER_FACT, textIn, type CompiledEntity, type CompiledTransition, type CompiledWorkflow, type CompiledWorkflows, type Problem, type StateSettings } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { changesFrom, currentValues } from '../pipeline/steps/field-changes.js';
import { recordAfter, type WriteContext, type WriteIntent, type WriteItem } from '../pipeline/write-context.js';
import type { WriteStep, WriteStepName } from '../pipeline/write-step.js';
import { actionsOf, fieldsSetBy, runActions } from './workflow-actions.js';
import { findInstance, insertHistory, insertInstance, moveInstance, moveWithHistory, type InstanceRow } from './instance-rows.js';
import type { StateEvents } from './state-events.js';
import type { WorkflowDefinitions } from './workflow-definitions.js';
import { whyNotAllowed } from './who-may-fire.js';
import { isApprovalDecision } from './approvals/approval-intent.js';
import type { ApprovalSteps } from './approvals/approval-steps.js';
import { lockedByApproval, lockedByState } from './approvals/approval-lock.js';

/** An update that is a transition: which one, and the comment the history keeps. */
export interface TransitionIntent extends WriteIntent {
  readonly kind: 'workflow.transition';
  readonly transition: string;
  readonly comment?: string | null;
}

export const TRANSITION = 'workflow.transition';

export function isTransition(intent: WriteIntent | undefined): intent is TransitionIntent {
  return intent?.kind === TRANSITION;
}

/** What the workflow steps need of the node. */
export interface WorkflowStepParts {
  readonly definitions: WorkflowDefinitions;
  readonly events: StateEvents;
  /** Approval steps: decisions and recalls are updates too (`approvals/`). */
  readonly approvals: ApprovalSteps;
  directory(): OrgDirectory;
}

/** A transition as the steps carry it from the lock to the history. */
interface Move {
  readonly instance: InstanceRow;
  readonly workflow: CompiledWorkflow;
  readonly transition: CompiledTransition;
}

/** A record created into a workflow: the machine its unit gets. */
interface Start {
  readonly workflow: CompiledWorkflow;
  readonly state: string;
}

/**
 * The workflow module's part of every write, as steps of the one pipeline:
 * - `authoriseTransition` (update, after the row is locked): a transition
 *   locks the record's instance, must leave the state it is in, and be one
 *   the actor may fire; a plain update may not write the state field;
 * - `checkTransition` (create, update, after form logic and validation):
 *   the transition's required fields and guard on the record as it will be,
 *   then the state and the fields its actions set join the write;
 * - `recordTransition` (create, update, after audit): the instance moves,
 *   the history row, the listeners (timers) and the actions (related
 *   records, assignment, the outbox), all in the write's transaction.
 */
export function workflowSteps(parts: WorkflowStepParts): Record<'authoriseTransition' | 'checkTransition' | 'recordTransition', WriteStep> {
  const moves = new WeakMap<WriteItem, Move>();
  const starts = new WeakMap<WriteItem, Start>();
  return {
    authoriseTransition: {
      name: 'authoriseTransition',
      verbs: ['update', 'softDelete'],
      async run(context) {
        if (context.verb === 'softDelete') return refuseDeleteUnderApproval(context);
        const transition = isTransition(context.intent) ? context.intent : undefined;
        if (!followsWorkflow(context, context.entity)) {
          if (transition) throw LatticeError.invalidRecord(context.entity.name, [{ code: 'workflow.none', path: 'transition', message: `${context.entity.name} follows no workflow` }]);
          return;
        }
        for (const item of context.items) {
          const instance = await instanceOf(context, item, parts);
          if (!instance) continue;
          const workflow = await parts.definitions.machine(context.em, instance.definitionId, context.services.model);
          if (isApprovalDecision(context.intent)) {
            const decided = await parts.approvals.authorise(context, item, instance, workflow);
            if (decided) moves.set(item, { instance, workflow, transition: decided });
            continue;
          }
          if (isUnderApproval(instance)) throw await lockedByApproval(context, instance, workflow);
          if (!transition) {
            refuseStateWrite(context, item, workflow);
            if (workflow.state(instance.state)?.readOnly) throw lockedByState(context, instance, workflow);
            continue;
          }
          const fired = transitionOrThrow(context.entity, workflow, instance, transition.transition);
          const why = whyNotAllowed(fired, context.services.actor, parts.directory(), instance.unitId, instance.assigneeId);
          if (why) throw LatticeError.transitionForbidden(context.entity.name, fired.key, why);
          moves.set(item, { instance, workflow, transition: fired });
        }
      },
    },
    checkTransition: {
      name: 'checkTransition',
      verbs: ['create', 'update'],
      async run(context) {
        const { services, entity, now } = context;
        if (context.verb === 'create') {
          if (!followsWorkflow(context, entity)) return;
          const problems: Problem[] = [];
          for (const item of context.items) {
            const workflow = parts.definitions.workflowOf(services.model, entity.key, item.orgUnitId ? services.unitKeys(item.orgUnitId) : []);
            if (!workflow) continue;
            const given = item.patch[workflow.stateField];
            // The platform itself (an import of history, a seed) may place a record in any state; its actions are history too.
            if (typeof given === 'string' && given !== workflow.initial && services.actor.grants.isUnrestricted && workflow.state(given)) {
              starts.set(item, { workflow, state: given });
              continue;
            }
            if (given !== undefined && given !== null && given !== workflow.initial) problems.push(stateByTransition(context, item, workflow));
            item.values = { ...item.values, ...fieldsSetBy(actionsOf(workflow, null, null, workflow.initial), recordAfter(item), services.actor, now), [workflow.stateField]: workflow.initial };
            starts.set(item, { workflow, state: workflow.initial });
          }
          if (problems.length) throw LatticeError.invalidRecord(entity.name, problems);
          return;
        }
        for (const item of context.items) {
          const move = moves.get(item);
          if (!move) continue;
          const after = recordAfter(item);
          const problems = [...missingRequired(entity, move.transition, after), ...(await failedGuard(context, item, move.transition, after))];
          if (problems.length) throw LatticeError.invalidRecord(entity.name, problems);
          const sets = { ...fieldsSetBy(actionsOf(move.workflow, move.instance.state, move.transition.key, move.transition.to), after, services.actor, now), [move.workflow.stateField]: move.transition.to };
          item.values = { ...item.values, ...sets };
          item.changes = changesFrom(await currentValues(entity, item.row ?? {}, Object.keys(item.values)), item.values);
          item.unchanged = false;
        }
      },
    },
    recordTransition: {
      name: 'recordTransition',
      verbs: ['create', 'update'],
      async run(context) {
        for (const item of context.items) {
          const start = starts.get(item);
          if (start) await startInstance(context, item, start, parts);
          await parts.approvals.record(context, item);
          const move = moves.get(item);
          if (move) await recordMove(context, item, move, parts);
        }
      },
    },
  };
}

/** The pipeline's steps with the workflow steps placed: after the lock, after the record checks, after audit. */
export function withWorkflowSteps(steps: readonly WriteStep[], parts: WorkflowStepParts): WriteStep[] {
  const added = workflowSteps(parts);
  const after: Partial<Record<WriteStepName, WriteStep>> = { lockStored: added.authoriseTransition, checkRecord: added.checkTransition, audit: added.recordTransition };
  const out: WriteStep[] = [];
  steps.forEach((step, i) => {
    out.push(step);
    const next = steps[i + 1];
    const extra = after[step.name];
    if (extra && next?.name !== step.name) out.push(extra);
  });
  return out;
}

function followsWorkflow(context: WriteContext, entity: CompiledEntity): boolean {
  return context.services.model.section<CompiledWorkflows>('workflows')?.all.some((w) => w.entity === entity.key) ?? false;
}

/** The record's instance, locked; a record stored before its entity had a workflow gets one now, in the state its field holds (else the initial one). */
async function instanceOf(context: WriteContext, item: WriteItem, parts: WorkflowStepParts): Promise<InstanceRow | undefined> {
  const { em, entity, services } = context;
  const id = item.id as string;
  const found = await findInstance(em, entity.key, id, true);
  if (found) return found;
  const unitId = (item.stored?.['orgUnitId'] as string | null | undefined) ?? null;
  const workflow = parts.definitions.workflowOf(services.model, entity.key, unitId ? services.unitKeys(unitId) : []);
  if (!workflow) return undefined;
  const stored = item.stored?.[workflow.stateField];
  const state = typeof stored === 'string' && workflow.state(stored) ? stored : workflow.initial;
  const definitionId = await parts.definitions.pin(em, workflow, services.metadataVersion);
  await insertInstance(em, { entityKey: entity.key, recordId: id, workflowKey: workflow.key, definitionId, metadataVersion: services.metadataVersion, state, unitId, startedBy: services.actor.id, at: context.now, dueAt: dueAt(workflow.settings(state), context.now) });
  return findInstance(em, entity.key, id, true);
}

function transitionOrThrow(entity: CompiledEntity, workflow: CompiledWorkflow, instance: InstanceRow, key: string): CompiledTransition {
  const here = workflow.transitionsFrom(instance.state).map((t) => t.key);
  const hint = here.length ? `from "${instance.state}": ${here.join(', ')}` : `"${instance.state}" is final: no transition leaves it`;
  const transition = workflow.transition(key);
  if (!transition) throw LatticeError.invalidRecord(entity.name, [{ code: 'workflow.unknown-transition', path: 'transition', message: `Workflow "${workflow.key}" has no transition "${key}"`, hint }]);
  if (!transition.from.includes(instance.state)) {
    throw LatticeError.invalidRecord(entity.name, [{ code: 'workflow.not-from-state', path: 'transition', message: `"${key}" leads from ${transition.from.join(' or ')}, and this ${entity.name} is ${instance.state}`, hint }]);
  }
  return transition;
}

function refuseStateWrite(context: WriteContext, item: WriteItem, workflow: CompiledWorkflow): void {
  const given = item.patch[workflow.stateField];
  if (given !== undefined && given !== item.stored?.[workflow.stateField]) throw LatticeError.invalidRecord(context.entity.name, [stateByTransition(context, item, workflow)]);
}

function stateByTransition(context: WriteContext, item: WriteItem, workflow: CompiledWorkflow): Problem {
  const path = context.items.length > 1 ? `[${item.index}].${workflow.stateField}` : workflow.stateField;
  return { code: 'workflow.state-by-transition', path, message: `"${workflow.stateField}" is the state of workflow "${workflow.key}": only its transitions change it`, hint: 'fire a transition (fireTransition) instead' };
}

/** A record under approval is not deleted either (its approvers would decide on nothing). */
async function refuseDeleteUnderApproval(context: WriteContext): Promise<void> {
  if (!followsWorkflow(context, context.entity)) return;
  for (const item of context.items) {
    const instance = item.id ? await findInstance(context.em, context.entity.key, item.id, true) : undefined;
    if (instance && isUnderApproval(instance)) throw await lockedByApproval(context, instance, undefined);
  }
}

function isUnderApproval(instance: InstanceRow): boolean {
  return !!instance.approval && (instance.approval as { status?: string }).status === 'pending';
}

function missingRequired(entity: CompiledEntity, transition: CompiledTransition, record: Readonly<Record<string, unknown>>): Problem[] {
  const label = textIn(transition.document.label, 'en') || transition.key;
  return transition.required.flatMap((name) => {
    const value = record[name];
    if (value !== null && value !== undefined && value !== '') return [];
    const field = entity.fieldByName(name);
    return [{ code: 'record.required', path: name, message: `${field ? textIn(field.label, 'en') || name : name} is required to ${label}`, hint: `give it with the transition (input.${name})` }];
  });
}

async function failedGuard(context: WriteContext, item: WriteItem, transition: CompiledTransition, record: Readonly<Record<string, unknown>>): Promise<Problem[]> {
  if (!transition.guard) return [];
  const facts = await context.services.factsOf(context.entity, record, item.id ?? undefined);
  // The facts a form condition reads, as `evaluateForm` gives them: a reference read with a path is the referenced record.
  const held = transition.guard({ ...facts.supplied, ...record, ...facts.references, [USER_FACT]: facts.user, [MODE_FACT]: 'update' });
  if (held === true) return [];
  const message = textIn(transition.document.guardMessage, 'en') ?? `The condition of "${transition.key}" does not hold for this ${context.entity.name}`;
  return [{ code: 'workflow.guard-failed', path: 'transition', message, ...(held === false ? {} : { hint: (held as { message?: string }).message ?? 'the condition could not be evaluated' }) }];
}

/** When a state's clock-hour limit runs out (a business-hour limit is the timer engine's to place on its calendar). */
export function dueAt(settings: StateSettings, from: Date): Date | null {
  return settings.timeLimit?.hours && !settings.stopsClock ? new Date(from.getTime() + settings.timeLimit.hours * 3_600_000) : null;
}

async function startInstance(context: WriteContext, item: WriteItem, { workflow, state }: Start, parts: WorkflowStepParts): Promise<void> {
  const { em, entity, services, now } = context;
  const recordId = item.id as string;
  const unitId = item.orgUnitId ?? null;
  const definitionId = await parts.definitions.pin(em, workflow, services.metadataVersion);
  const settings = workflow.settings(state);
  const final = workflow.state(state)?.final === true;
  const instanceId = await insertInstance(em, { entityKey: entity.key, recordId, workflowKey: workflow.key, definitionId, metadataVersion: services.metadataVersion, state, unitId, startedBy: services.actor.id, at: now, dueAt: final ? null : dueAt(settings, now) });
  if (final) await moveInstance(em, instanceId, { state, at: now, dueAt: null, closed: true });
  await insertHistory(em, { instanceId, kind: 'start', to: state, actorId: services.actor.id, actorName: services.actor.name, at: now });
  await parts.events.entered({ em, entity: entity.key, recordId, instanceId, workflowKey: workflow.key, version: services.metadataVersion, definitionId, from: null, to: state, state: settings, unit: unitId, at: now });
  if (state !== workflow.initial) return;
  await runActions(actionRun(context, item, workflow, { id: instanceId, unitId, assigneeId: null, assigneeRole: null, assigneeUnitId: null }, null, null, state, parts), actionsOf(workflow, null, null, state).filter((a) => !('setFields' in a)));
}

async function recordMove(context: WriteContext, item: WriteItem, move: Move, parts: WorkflowStepParts): Promise<void> {
  const { em, entity, services, now } = context;
  const { instance, workflow, transition } = move;
  const to = transition.to;
  const settings = workflow.settings(to);
  const comment = isTransition(context.intent) || isApprovalDecision(context.intent) ? (context.intent.comment ?? null) : null;
  const decision = parts.approvals.historyOf(item);
  const kind = decision ? { kind: 'approval', transition: decision.transition, details: decision.details } : { kind: 'transition', transition: transition.key };
  await moveWithHistory(em, instance.id, { state: to, at: now, dueAt: dueAt(settings, now), closed: workflow.state(to)?.final === true }, { instanceId: instance.id, ...kind, from: instance.state, to, actorId: services.actor.id, actorName: services.actor.name, at: now, durationMs: now.getTime() - new Date(instance.stateSince).getTime(), comment });
  const event = { em, entity: entity.key, recordId: instance.recordId, instanceId: instance.id, workflowKey: workflow.key, version: instance.metadataVersion, definitionId: instance.definitionId, from: instance.state, to, unit: instance.unitId, at: now };
  await parts.events.moved({ ...event, state: workflow.settings(instance.state) }, { ...event, state: settings });
  await parts.approvals.open(context, instance, workflow, instance.state, to);
  await runActions(actionRun(context, item, workflow, instance, transition.key, instance.state, to, parts), actionsOf(workflow, instance.state, transition.key, to).filter((a) => !('setFields' in a)));
}

function actionRun(context: WriteContext, item: WriteItem, workflow: CompiledWorkflow, instance: Pick<InstanceRow, 'id' | 'unitId' | 'assigneeId' | 'assigneeRole' | 'assigneeUnitId'>, transition: string | null, from: string | null, to: string, parts: WorkflowStepParts) {
  return { em: context.em as EntityManager, records: context.services.records, model: context.services.model, entity: context.entity, record: recordAfter(item), instance, workflow, transition, from, to, actor: context.services.actor, directory: parts.directory(), now: context.now };
}
