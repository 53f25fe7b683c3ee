import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledModel, CompiledWorkflow, HookRecords, WorkflowAction } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { Actor } from '../records/actor.js';
import { resolveAssignment, usersOf, holdersOf } from './assignments.js';
import { assignInstance, insertOutbox, type Assignment, type InstanceRow } from './instance-rows.js';

type PlainRecord = Readonly<Record<string, unknown>>;

/** The actions of a move, in the order they run: the state left, the transition, the state entered. */
export function actionsOf(workflow: CompiledWorkflow, from: string | null, transition: string | null, to: string): WorkflowAction[] {
  return [...(from ? (workflow.state(from)?.onExit ?? []) : []), ...(transition ? (workflow.transition(transition)?.document.actions ?? []) : []), ...(workflow.state(to)?.onEnter ?? [])];
}

/**
 * The fields the `setFields` actions give, in the same write: a literal, a
 * field of the record (`{ from }`), or `$id`, `$now`, `$actor`.
 */
export function fieldsSetBy(actions: readonly WorkflowAction[], record: PlainRecord, actor: Actor, now: Date): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const action of actions) if ('setFields' in action) for (const [name, value] of Object.entries(action.setFields)) values[name] = valueOf(value, record, undefined, actor, now);
  return values;
}

/** What the actions after the row is stored need: the transaction, the access point of the write, the instance. */
export interface ActionRun {
  readonly em: EntityManager;
  readonly records: HookRecords;
  readonly model: CompiledModel;
  readonly entity: CompiledEntity;
  readonly record: PlainRecord;
  readonly instance: Pick<InstanceRow, 'id' | 'unitId' | 'assigneeId' | 'assigneeRole' | 'assigneeUnitId'>;
  readonly workflow: CompiledWorkflow;
  readonly transition: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly actor: Actor;
  readonly directory: OrgDirectory;
  readonly now: Date;
}

/**
 * Creates related records (through the write's access point: the writer's
 * permissions, the same transaction), moves the work (assign), and puts
 * notifications and plugin actions in the outbox, delivered once the
 * transaction commits.
 */
export async function runActions(run: ActionRun, actions: readonly WorkflowAction[]): Promise<void> {
  let assignment: Assignment = { assigneeId: run.instance.assigneeId, assigneeRole: run.instance.assigneeRole, assigneeUnitId: run.instance.assigneeUnitId, queue: null };
  for (const action of actions) {
    if ('create' in action) await createRelated(run, action.create);
    else if ('assign' in action) {
      assignment = await resolveAssignment(run.em, action.assign, run.workflow, run.instance.unitId, run.directory);
      await assignInstance(run.em, run.instance.id, assignment);
    } else if ('notify' in action) {
      const users = await recipients(run, action.notify.to, assignment);
      if (users.length) await insertOutbox(run.em, run.instance.id, 'notify', { users, message: action.notify.message, entity: run.entity.key, recordId: run.record['id'] }, run.now);
    } else if ('plugin' in action) {
      await insertOutbox(run.em, run.instance.id, 'plugin', { action: action.plugin.action, params: action.plugin.params ?? {}, entity: run.entity.key, recordId: run.record['id'], workflow: run.workflow.key, transition: run.transition, from: run.from, to: run.to }, run.now);
    }
  }
}

async function createRelated(run: ActionRun, create: Extract<WorkflowAction, { create: unknown }>['create']): Promise<void> {
  const target = run.model.entityByKey(create.entity);
  if (!target) throw LatticeError.conflict(`The workflow creates ${create.entity} records, which the published metadata no longer has`);
  const items: (PlainRecord | undefined)[] = create.each ? await relatedRecords(run, create.each) : [undefined];
  for (const item of items) {
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(create.values)) values[name] = valueOf(value, run.record, item, run.actor, run.now);
    await run.records.create(target.name, values);
  }
}

/** The records of a one-to-many field that the writer may read (each read through the access point). */
async function relatedRecords(run: ActionRun, fieldName: string): Promise<PlainRecord[]> {
  const field = run.entity.fieldByName(fieldName);
  const target = field?.relation ? run.model.entityByKey(field.relation.target) : undefined;
  const inverse = target && field?.relation?.inverseOf ? target.fieldByKey(field.relation.inverseOf) : undefined;
  if (!target || !inverse?.column) return [];
  const ids = await run.em.execute<{ id: string }[]>(`select id from "${target.table}" where "${inverse.column}" = ? and deleted_at is null order by created_at, id`, [run.record['id']]);
  const out: PlainRecord[] = [];
  for (const { id } of ids) {
    const record = await run.records.get(target.name, id);
    if (record) out.push(record);
  }
  return out;
}

async function recipients(run: ActionRun, to: Extract<WorkflowAction, { notify: unknown }>['notify']['to'], assignment: Assignment): Promise<string[]> {
  if (to === 'actor') return run.actor.id ? [run.actor.id] : [];
  if (to === 'owner') {
    const owner = (run.record['ownerId'] ?? run.record['createdBy']) as string | null | undefined;
    return owner ? [owner] : [];
  }
  if (to === 'assignee') return usersOf(run.em, assignment, run.directory);
  const units = run.instance.unitId ? run.directory.ancestry(run.instance.unitId) : [];
  const unit = to.unitLevel ? units.filter((u) => u.kind === to.unitLevel) : units;
  return holdersOf(run.em, to.role, unit.map((u) => u.id));
}

function valueOf(value: unknown, record: PlainRecord, item: PlainRecord | undefined, actor: Actor, now: Date): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if ('from' in value) {
    const name = String((value as { from: unknown }).from);
    if (name === '$now') return now;
    if (name === '$actor') return actor.id;
    return record[name === '$id' ? 'id' : name] ?? null;
  }
  if ('fromItem' in value) {
    const name = String((value as { fromItem: unknown }).fromItem);
    return item?.[name === '$id' ? 'id' : name] ?? null;
  }
  return value;
}
