import type { EntityManager } from '@mikro-orm/postgresql';
import { textIn, type CompiledWorkflow, type CompiledWorkflows } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { RecordAccess } from '../records/record-access.js';
import { findInstance, outboxWrites, type InstanceRow } from './instance-rows.js';
import { TRANSITION, type TransitionIntent } from './transition-steps.js';
import type { WorkflowDefinitions } from './workflow-definitions.js';
import type { WorkflowOutbox } from './workflow-outbox.js';
import { whyNotAllowed } from './who-may-fire.js';

export interface TransitionOption {
  readonly key: string;
  readonly label: string | null;
  readonly to: string;
  readonly requiredFields: readonly string[];
}

export interface HistoryView {
  readonly kind: string;
  readonly transition: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly actorName: string;
  readonly at: string;
  readonly durationMs: number | null;
  readonly comment: string | null;
  readonly fromLabel: string | null;
  readonly toLabel: string | null;
}

export interface WorkflowStatus {
  readonly entity: string;
  readonly recordId: string;
  readonly workflow: string;
  /** The metadata version the record's definition was first published in: records in flight keep theirs. */
  readonly definitionVersion: number;
  readonly state: string;
  /** The record's field holding the state: only a transition writes it. */
  readonly stateField: string;
  readonly stateLabel: string | null;
  readonly final: boolean;
  readonly since: string;
  readonly dueAt: string | null;
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  readonly queue: string | null;
  readonly queueLabel: string | null;
  /** The transitions out of the state that this user may fire. */
  readonly transitions: readonly TransitionOption[];
  readonly history: readonly HistoryView[];
  /** The record's pending approval (`approvals/approval-api.ts`), null when none. */
  readonly approval: unknown;
}

export interface FireArgs {
  readonly transition: string;
  /** The record version the user read: a transition fired meanwhile makes this one a conflict. */
  readonly version: number;
  /** The fields given with the transition (its required ones, any others the form allows). */
  readonly input?: Record<string, unknown> | null;
  readonly comment?: string | null;
}

/** What a workflow read needs of the node. */
export interface WorkflowApiParts {
  em(): EntityManager;
  readonly definitions: WorkflowDefinitions;
  readonly outbox: WorkflowOutbox;
  directory(): OrgDirectory;
  /** The pending approval of a record the caller has read. */
  approvalOf?(access: RecordAccess, entityName: string, recordId: string): Promise<unknown>;
}

/**
 * The workflow verbs of the record API, each through the caller's access
 * point: a record they cannot read has no state to show (NOT_FOUND, as the
 * record itself), and a transition is an update of the record through the
 * one write pipeline (`transition-steps.ts`). Once it commits, the outbox
 * delivers its notifications.
 */
export class WorkflowApi {
  constructor(private readonly parts: WorkflowApiParts) {}

  /** `language`: the labels' language (`en` when not given). */
  /** `wants`: the fields the caller asked for (all when not given); the history, assignee name, transitions and approval are read only when asked. */
  async status(access: RecordAccess, entityName: string, id: string, language?: string | null, wants?: ReadonlySet<string>): Promise<WorkflowStatus | null> {
    const entity = access.entity(entityName);
    const record = await access.get(entityName, id, { fields: ['id'] });
    if (!record) throw LatticeError.recordNotFound(entityName, id);
    const em = this.parts.em();
    const instance = await findInstance(em, entity.key, id);
    if (!instance) return null;
    const workflow = await this.parts.definitions.machine(em, instance.definitionId, access.model);
    return this.#view(em, access, instance, workflow, language ?? 'en', wants);
  }

  /** The entities (their API names) that follow a workflow in some unit: the console asks for a record's state only on these. */
  entitiesWithWorkflows(access: RecordAccess): string[] {
    const keys = new Set((access.model.section<CompiledWorkflows>('workflows')?.all ?? []).map((w) => w.entity));
    return [...keys].flatMap((key) => access.model.entityByKey(key)?.name ?? []);
  }

  async fire(access: RecordAccess, entityName: string, id: string, args: FireArgs & { language?: string | null }, wants?: ReadonlySet<string>): Promise<WorkflowStatus | null> {
    const intent: TransitionIntent = { kind: TRANSITION, transition: args.transition, comment: args.comment ?? null };
    const written = outboxWrites();
    await access.update(entityName, id, args.version, args.input ?? {}, intent);
    // After commit: what the transition put in the outbox goes out now (nothing put in, nothing to look for).
    if (outboxWrites() !== written) await this.parts.outbox.deliver();
    return this.status(access, entityName, id, args.language, wants);
  }

  async #view(em: EntityManager, access: RecordAccess, instance: InstanceRow, workflow: CompiledWorkflow, language: string, wants?: ReadonlySet<string>): Promise<WorkflowStatus> {
    const wanted = (field: keyof WorkflowStatus) => !wants || wants.has(field);
    const state = workflow.state(instance.state);
    const directory = this.parts.directory();
    // A transition is an update: one who may not change the record (a read-only role) has none to fire, whatever `allow` says.
    const entityName = access.entity(access.model.entityByKey(instance.entityKey)?.name ?? instance.entityKey).name;
    const mayChange = wanted('transitions') && (await access.mayUpdate(entityName, instance.recordId));
    const transitions = (mayChange ? workflow.transitionsFrom(instance.state) : [])
      .filter((t) => whyNotAllowed(t, access.actor, directory, instance.unitId, instance.assigneeId) === null)
      .map((t) => ({ key: t.key, label: textIn(t.document.label, language) ?? null, to: t.to, requiredFields: t.required }));
    const stateLabel = (key: string | null) => (key ? (textIn(workflow.state(key)?.label, language) ?? null) : null);
    const queue = workflow.document.queues?.find((q) => q.key === instance.queue);
    const assignee = instance.assigneeId && wanted('assigneeName') ? await em.execute<{ name: string }[]>(`select display_name as name from lattice_user where id = ?`, [instance.assigneeId]) : [];
    const history = !wanted('history') ? [] : await em.execute<(Omit<HistoryView, 'at' | 'durationMs'> & { at: Date; durationMs: string | null })[]>(
      `select kind, transition, from_state as "from", to_state as "to", actor_name as "actorName", at, duration_ms as "durationMs", comment from lattice_workflow_history where instance_id = ? order by at, id`,
      [instance.id],
    );
    return {
      entity: entityName,
      recordId: instance.recordId,
      workflow: workflow.key,
      definitionVersion: instance.metadataVersion,
      state: instance.state,
      stateField: workflow.stateField,
      stateLabel: textIn(state?.label, language) ?? null,
      final: state?.final === true,
      since: new Date(instance.stateSince).toISOString(),
      dueAt: instance.dueAt ? new Date(instance.dueAt).toISOString() : null,
      assigneeId: instance.assigneeId,
      assigneeName: assignee[0]?.name ?? null,
      queue: instance.queue,
      queueLabel: textIn(queue?.label, language) ?? null,
      transitions,
      history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString(), durationMs: h.durationMs === null ? null : Number(h.durationMs), fromLabel: stateLabel(h.from), toLabel: stateLabel(h.to) })),
      approval: instance.approval && wanted('approval') ? ((await this.parts.approvalOf?.(access, entityName, instance.recordId)) ?? null) : null,
    };
  }
}
