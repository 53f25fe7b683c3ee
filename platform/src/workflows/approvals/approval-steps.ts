import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledTransition, CompiledWorkflow } from '@lattice/runtime';
import { LatticeError } from '../../errors/lattice-error.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { WriteContext, WriteItem } from '../../pipeline/write-context.js';
import { insertHistory, insertOutbox, type InstanceRow } from '../instance-rows.js';
import { approvalById, currentApprovers, insertApproval, markInstance, updateApproval, type ApprovalRow, type ApprovalStatus, type ApproverEntry, type DecisionEntry } from './approval-rows.js';
import type { ApprovalAction, ApprovalIntent } from './approval-intent.js';
import { actingAs, levelApprovers, levelsOf, someoneCanAct } from './approvers.js';
import { escalateLevel } from './open-levels.js';
import { delegationsInForce } from './delegations.js';
import { auditDecision } from './approval-audit.js';

/** A decision as the steps carry it from the lock to the rows. */
interface Decided {
  readonly approval: ApprovalRow;
  readonly instance: InstanceRow;
  readonly workflow: CompiledWorkflow;
  readonly action: ApprovalAction;
  readonly entry: DecisionEntry | null;
  /** How the approval ends with this decision; null: it goes on. */
  readonly ends: Exclude<ApprovalStatus, 'pending'> | null;
  /** The decision completes its level, and a next one opens. */
  readonly advance: boolean;
}

/**
 * The approval part of the workflow steps (`../transition-steps.ts` calls
 * it; the one write, the one transaction):
 * - `authorise`, with the record and its instance locked: the approval,
 *   locked, must still be pending at the level the decider read (else
 *   CONFLICT); the decider an approver of that level or the delegate of
 *   one who is away (else FORBIDDEN; deciding twice at an all-of level is a
 *   CONFLICT); a recall the submitter's while no level has decided. A
 *   decision that ends the approval moves the record (`approved`, a reject
 *   state, or back where it was submitted from) as a transition would;
 * - `record`, after the record is stored: the decision joins the approval,
 *   the next level opens, or the approval ends and the record is unlocked;
 * - `open`, when a move enters an approval state: the approval starts at
 *   its first level, its approvers resolved and told.
 * A level nobody can act on escalates through the SLA escalation targets.
 */
export class ApprovalSteps {
  readonly #decided = new WeakMap<WriteItem, Decided>();

  constructor(private readonly directory: () => OrgDirectory) {}

  async authorise(context: WriteContext, item: WriteItem, instance: InstanceRow, workflow: CompiledWorkflow): Promise<CompiledTransition | undefined> {
    const intent = context.intent as ApprovalIntent;
    const { em, entity, now } = context;
    const actor = context.services.actor;
    const approval = await approvalById(em, intent.approvalId, true);
    if (!approval || approval.instanceId !== instance.id) throw LatticeError.notFound(`Approval ${intent.approvalId}`);
    if (approval.status !== 'pending' || approval.level !== intent.level) {
      const where = approval.status === 'pending' ? `it is at level ${approval.level} of ${approval.levels} now` : `it was ${approval.status}`;
      throw LatticeError.conflict(`This ${entity.name}'s approval was decided meanwhile (${where}): reload it`, { entity: entity.name, id: item.id ?? undefined, approval: approval.id });
    }
    const step = workflow.state(approval.state)?.approval;
    if (!step) throw LatticeError.conflict(`This ${entity.name} is no longer in an approval step`, { entity: entity.name, approval: approval.id });
    const decided = (d: Omit<Decided, 'approval' | 'instance' | 'workflow' | 'action'>) => this.#decided.set(item, { approval, instance, workflow, action: intent.action, ...d });
    if (intent.action === 'recall') {
      if (!actor.id || actor.id !== approval.submittedBy) throw LatticeError.approvalForbidden(entity.name, 'recall', `only its submitter (${approval.submittedByName}) may recall it`);
      if (approval.decisions.length) throw LatticeError.conflict(`This ${entity.name}'s approval can no longer be recalled: level ${approval.decisions[0]?.level ?? 1} has decided`, { entity: entity.name, approval: approval.id });
      decided({ entry: null, ends: 'recalled', advance: false });
      return decisionMove(approval.state, approval.fromState, 'recall');
    }
    const as = await actingAs(em, approval, actor.id, now);
    if ('why' in as) {
      if (as.decided) throw LatticeError.conflict(`This ${entity.name}'s approval is not waiting for you any more: ${as.why}`, { entity: entity.name, approval: approval.id });
      throw LatticeError.approvalForbidden(entity.name, intent.action, as.why);
    }
    const comment = intent.comment?.trim() || null;
    const entry: DecisionEntry = {
      level: approval.level,
      decision: intent.action,
      userId: actor.id,
      name: await displayName(em, actor.id, actor.name),
      ...(as.delegated ? { onBehalfOfId: as.principal.userId, onBehalfOf: as.principal.name } : {}),
      comment,
      at: now.toISOString(),
    };
    if (intent.action === 'reject') {
      const to = intent.rejectTo ?? step.rejectTo[0] ?? approval.fromState;
      if (!step.rejectTo.includes(to)) throw LatticeError.invalidInput('rejectTo', `A rejection of this approval sends the ${entity.name} back to ${step.rejectTo.join(' or ')}, not "${to}"`, `rejectTo: ${step.rejectTo.join(', ')}`);
      if (!comment) throw LatticeError.invalidInput('comment', 'A rejection needs a comment: say why, so that the submitter can rework it');
      decided({ entry, ends: 'rejected', advance: false });
      return decisionMove(approval.state, to, 'reject');
    }
    const level = step.levels[approval.level - 1];
    const principals = new Set([...approval.decisions.filter((d) => d.level === approval.level).map((d) => d.onBehalfOfId ?? d.userId), as.principal.userId]);
    const complete = level?.mode !== 'allOf' || currentApprovers(approval).every((a) => principals.has(a.userId));
    if (complete && approval.level >= approval.levels) {
      decided({ entry, ends: 'approved', advance: false });
      return decisionMove(approval.state, step.approved, 'approve');
    }
    decided({ entry, ends: null, advance: complete });
    return undefined;
  }

  /** What the history keeps of a decision that moves the record (the move's row). */
  historyOf(item: WriteItem): { transition: ApprovalAction; details: Record<string, unknown> } | undefined {
    const decided = this.#decided.get(item);
    return decided ? { transition: decided.action, details: detailsOf(decided) } : undefined;
  }

  async record(context: WriteContext, item: WriteItem): Promise<void> {
    const decided = this.#decided.get(item);
    if (!decided) return;
    const { em, now, services } = context;
    const { approval, instance, entry } = decided;
    const decisions = entry ? [...approval.decisions, entry] : approval.decisions;
    if (entry) await auditDecision(context, item, { ...decided, entry });
    if (decided.ends) {
      await updateApproval(em, approval.id, { level: approval.level, levelSince: approval.levelSince, approvers: approval.approvers, decisions, status: decided.ends, at: now });
      await markInstance(em, instance.id, null);
      if (approval.submittedBy && approval.submittedBy !== services.actor.id) await notify(em, instance, [approval.submittedBy], { en: `The approval was ${decided.ends}`, 'zh-CN': OUTCOME_ZH[decided.ends] }, now);
      return;
    }
    await insertHistory(em, { instanceId: instance.id, kind: 'approval', transition: decided.action, from: approval.state, to: approval.state, actorId: services.actor.id, actorName: services.actor.name, at: now, comment: entry?.comment ?? null, details: detailsOf(decided) });
    if (!decided.advance) {
      await updateApproval(em, approval.id, { level: approval.level, levelSince: approval.levelSince, approvers: approval.approvers, decisions, status: 'pending', at: now });
      return;
    }
    const next = approval.level + 1;
    const approvers = await this.#openLevel(context, instance, decided.workflow, approval.state, next);
    await updateApproval(em, approval.id, { level: next, levelSince: now, approvers: [...approval.approvers, ...approvers], decisions, status: 'pending', at: now });
  }

  /** A move entered an approval state: the approval opens at its first level, submitted by the actor, from the state the record left. */
  async open(context: WriteContext, instance: InstanceRow, workflow: CompiledWorkflow, from: string, to: string): Promise<void> {
    const step = workflow.state(to)?.approval;
    if (!step) return;
    const { em, entity, now, services } = context;
    const approvers = await this.#openLevel(context, instance, workflow, to, 1);
    await insertApproval(em, {
      instanceId: instance.id,
      entityKey: entity.key,
      recordId: instance.recordId,
      workflowKey: workflow.key,
      state: to,
      fromState: from,
      levels: step.levels.length,
      submittedBy: services.actor.id,
      submittedByName: await displayName(em, services.actor.id, services.actor.name),
      submittedAt: now,
      approvers,
    });
  }

  /** A level's approvers, resolved now; nobody able to act: the level escalates, and whom that reaches may decide. Everyone who may decide is told. */
  async #openLevel(context: WriteContext, instance: InstanceRow, workflow: CompiledWorkflow, state: string, number: number): Promise<ApproverEntry[]> {
    const { em, now } = context;
    const level = levelsOf(workflow, state)[number - 1];
    if (!level) return [];
    const directory = this.directory();
    let approvers = await levelApprovers(em, directory, instance.unitId, level, number);
    if (!(await someoneCanAct(em, approvers, now))) approvers = [...approvers, ...(await escalateLevel(em, directory, instance, state, level, number, approvers, now))];
    const delegates = [...(await delegationsInForce(em, approvers.map((a) => a.userId), now)).values()].map((d) => d.delegateId);
    await notify(em, instance, [...new Set([...approvers.map((a) => a.userId), ...delegates])], { en: `An approval waits for your decision (level ${number}: ${level.key})`, 'zh-CN': `有待您审批的事项（第${number}级：${level.key}）` }, now);
    return approvers;
  }
}

const OUTCOME_ZH: Record<Exclude<ApprovalStatus, 'pending'>, string> = { approved: '审批已通过', rejected: '审批被驳回', recalled: '审批已撤回' };

/**
 * The move a decision makes, as a transition the pipeline runs: its key is
 * not a transition key of any document (`approval:…`), so no transition's
 * actions run with it, only the states' exit and enter ones.
 */
function decisionMove(from: string, to: string, action: ApprovalAction): CompiledTransition {
  const key = `approval:${action}`;
  return { key, document: { key, from, to }, from: [from], to, required: [] };
}

function detailsOf(decided: Decided): Record<string, unknown> {
  const entry = decided.entry;
  return { approval: decided.approval.id, level: decided.approval.level, ...(entry?.onBehalfOf ? { onBehalfOf: entry.onBehalfOf, onBehalfOfId: entry.onBehalfOfId } : {}) };
}

async function notify(em: EntityManager, instance: InstanceRow, users: readonly string[], message: Record<string, string>, at: Date): Promise<void> {
  if (users.length) await insertOutbox(em, instance.id, 'notify', { users, message, entity: instance.entityKey, recordId: instance.recordId }, at);
}

async function displayName(em: EntityManager, userId: string | null, fallback: string): Promise<string> {
  if (!userId) return fallback;
  const rows = await em.execute<{ name: string }[]>(`select display_name as name from lattice_user where id = ?`, [userId]);
  return rows[0]?.name ?? fallback;
}
