import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { RecordAccess } from '../records/record-access.js';
import { insertHistory, INSTANCE_COLUMNS, type InstanceRow } from './instance-rows.js';

export interface TaskView {
  readonly instanceId: string;
  readonly entity: string;
  readonly recordId: string;
  /** The record's title field, as the caller may read it. */
  readonly title: string | null;
  readonly workflow: string;
  readonly state: string;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  /** Seconds left until due (negative: late), null without a limit. */
  readonly secondsLeft: number | null;
  readonly assigneeId: string | null;
  readonly queue: string | null;
  readonly claimedAt: string | null;
}

const ORDER = `order by due_at asc nulls last, state_since asc, id`;

/**
 * My tasks (assigned to me) and my units' queue (work assigned to a role I
 * hold, in a unit at or below the one I hold it in), overdue first; claim
 * and release. A claim takes the row with `FOR UPDATE SKIP LOCKED`: of
 * claims made at once exactly one wins, the others are refused at once
 * (CONFLICT) rather than queueing behind it. Every task shown or claimed is
 * a record the caller may read through their access point.
 */
export class WorkQueues {
  constructor(private readonly parts: { em(): EntityManager; directory(): OrgDirectory }) {}

  async myTasks(access: RecordAccess, first = 50): Promise<TaskView[]> {
    if (!access.actor.id) return [];
    const rows = await this.parts.em().execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where assignee_id = ? and closed_at is null ${ORDER} limit ?`, [access.actor.id, limitOf(first)]);
    return this.#visible(access, rows);
  }

  async unitQueue(access: RecordAccess, first = 50, queue?: string | null): Promise<TaskView[]> {
    const eligible = this.#eligibility(access);
    if (!eligible.sql) return [];
    const rows = await this.parts.em().execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where assignee_id is null and closed_at is null and (${eligible.sql})${queue ? ' and queue = ?' : ''} ${ORDER} limit ?`, [...eligible.params, ...(queue ? [queue] : []), limitOf(first)]);
    return this.#visible(access, rows);
  }

  /** Takes one task of my queue; refused when someone else has it (CONFLICT) or it is not in my queue (NOT_FOUND). */
  async claim(access: RecordAccess, instanceId: string): Promise<TaskView> {
    const eligible = this.#eligibility(access);
    if (!eligible.sql || !access.actor.id) throw LatticeError.notFound(`Task ${instanceId}`);
    const row = await this.#visibleRow(access, instanceId, eligible);
    const taken = await this.parts.em().transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(
        `update lattice_workflow_instance set assignee_id = ?, claimed_at = ?, version = version + 1 where id = (select id from lattice_workflow_instance where id = ? and assignee_id is null and closed_at is null for update skip locked) returning id`,
        [access.actor.id, new Date(), row.id],
      );
      if (rows.length) await insertHistory(tx as EntityManager, { instanceId: row.id, kind: 'claim', from: row.state, to: row.state, actorId: access.actor.id, actorName: access.actor.name, at: new Date() });
      return rows.length > 0;
    });
    if (!taken) throw LatticeError.conflict(`Task ${instanceId} was claimed by someone else, or is being claimed right now`, { instanceId });
    return (await this.#visible(access, [await this.#row(instanceId)]))[0] as TaskView;
  }

  /** The most overdue unclaimed task of my queue that nobody is claiming this instant, claimed for me; null when there is none. */
  async claimNext(access: RecordAccess, queue?: string | null): Promise<TaskView | null> {
    const eligible = this.#eligibility(access);
    if (!eligible.sql || !access.actor.id) return null;
    const actorId = access.actor.id;
    const id = await this.parts.em().transactional(async (tx) => {
      const rows = await tx.execute<{ id: string; state: string }[]>(
        `update lattice_workflow_instance set assignee_id = ?, claimed_at = ?, version = version + 1 where id = (select id from lattice_workflow_instance where assignee_id is null and closed_at is null and (${eligible.sql})${queue ? ' and queue = ?' : ''} ${ORDER} limit 1 for update skip locked) returning id, state`,
        [actorId, new Date(), ...eligible.params, ...(queue ? [queue] : [])],
      );
      const claimed = rows[0];
      if (claimed) await insertHistory(tx as EntityManager, { instanceId: claimed.id, kind: 'claim', from: claimed.state, to: claimed.state, actorId, actorName: access.actor.name, at: new Date() });
      return claimed?.id;
    });
    if (!id) return null;
    const [task] = await this.#visible(access, [await this.#row(id)]);
    return task ?? null;
  }

  /** Gives a claimed task back to its queue: only its assignee may. */
  async release(access: RecordAccess, instanceId: string): Promise<TaskView> {
    const row = await this.#row(instanceId);
    if (!(await this.#visible(access, [row])).length) throw LatticeError.notFound(`Task ${instanceId}`);
    if (row.assigneeId !== access.actor.id || !row.assigneeRole) throw LatticeError.conflict(`Task ${instanceId} is not yours to release${row.assigneeRole ? '' : ': it was assigned to you by name, not taken from a queue'}`, { instanceId });
    await this.parts.em().transactional(async (tx) => {
      await tx.execute(`update lattice_workflow_instance set assignee_id = null, claimed_at = null, version = version + 1 where id = ? and assignee_id = ?`, [instanceId, access.actor.id]);
      await insertHistory(tx as EntityManager, { instanceId, kind: 'release', from: row.state, to: row.state, actorId: access.actor.id, actorName: access.actor.name, at: new Date() });
    });
    return (await this.#visible(access, [await this.#row(instanceId)]))[0] as TaskView;
  }

  /** Work assigned to a role I hold, in the unit I hold it in or below: one condition per role. */
  #eligibility(access: RecordAccess): { sql: string; params: unknown[] } {
    const directory = this.parts.directory();
    const units = new Map<string, Set<string>>();
    for (const position of access.actor.grants.positions) {
      const set = units.get(position.roleKey) ?? new Set<string>();
      for (const id of directory.subtreeIds(position.unitId)) set.add(id);
      units.set(position.roleKey, set);
    }
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [role, ids] of units) {
      parts.push(`(assignee_role = ? and assignee_unit_id = any(?::uuid[]))`);
      params.push(role, `{${[...ids].join(',')}}`);
    }
    return { sql: parts.join(' or '), params };
  }

  async #visibleRow(access: RecordAccess, instanceId: string, eligible: { sql: string; params: unknown[] }): Promise<InstanceRow> {
    const rows = await this.parts.em().execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where id = ? and (${eligible.sql})`, [instanceId, ...eligible.params]);
    const row = rows[0];
    if (!row || !(await this.#visible(access, [row])).length) throw LatticeError.notFound(`Task ${instanceId}`);
    return row;
  }

  async #row(instanceId: string): Promise<InstanceRow> {
    const rows = await this.parts.em().execute<InstanceRow[]>(`select ${INSTANCE_COLUMNS} from lattice_workflow_instance where id = ?`, [instanceId]);
    if (!rows[0]) throw LatticeError.notFound(`Task ${instanceId}`);
    return rows[0];
  }

  /** The tasks whose records the caller may read, with the title they may read. */
  async #visible(access: RecordAccess, rows: readonly InstanceRow[]): Promise<TaskView[]> {
    const now = Date.now();
    const out: TaskView[] = [];
    for (const row of rows) {
      const entity = access.model.entityByKey(row.entityKey);
      if (!entity) continue;
      const record = await access.get(entity.name, row.recordId, { fields: ['id', entity.titleField] }).catch(() => null);
      if (!record) continue;
      const due = row.dueAt ? new Date(row.dueAt).getTime() : null;
      out.push({
        instanceId: row.id,
        entity: entity.name,
        recordId: row.recordId,
        title: (record[entity.titleField] as string | null | undefined) ?? null,
        workflow: row.workflowKey,
        state: row.state,
        dueAt: due === null ? null : new Date(due).toISOString(),
        overdue: due !== null && due < now,
        secondsLeft: due === null ? null : Math.round((due - now) / 1000),
        assigneeId: row.assigneeId,
        queue: row.queue,
        claimedAt: row.claimedAt ? new Date(row.claimedAt).toISOString() : null,
      });
    }
    return out;
  }
}

function limitOf(first: number): number {
  return Math.min(Math.max(1, Math.trunc(first) || 50), 200);
}
