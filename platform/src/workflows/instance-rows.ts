import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A record's workflow instance: its state, the definition it is pinned to, and who has the work. */
export interface InstanceRow {
  readonly id: string;
  readonly entityKey: string;
  readonly recordId: string;
  readonly workflowKey: string;
  readonly definitionId: string;
  readonly metadataVersion: number;
  readonly state: string;
  readonly stateSince: Date;
  readonly dueAt: Date | null;
  readonly unitId: string | null;
  readonly assigneeId: string | null;
  readonly assigneeRole: string | null;
  readonly assigneeUnitId: string | null;
  readonly queue: string | null;
  readonly claimedAt: Date | null;
  readonly approval: unknown;
  readonly closedAt: Date | null;
  readonly version: number;
}

const COLUMNS = `id, entity_key as "entityKey", record_id as "recordId", workflow_key as "workflowKey", definition_id as "definitionId", metadata_version as "metadataVersion", state, state_since as "stateSince", due_at as "dueAt", unit_id as "unitId", assignee_id as "assigneeId", assignee_role as "assigneeRole", assignee_unit_id as "assigneeUnitId", queue, claimed_at as "claimedAt", approval, closed_at as "closedAt", version`;

export const INSTANCE_COLUMNS = COLUMNS;

/** The instance of a record, locked for the rest of the transaction when `lock` (a transition's). */
export async function findInstance(em: EntityManager, entityKey: string, recordId: string, lock = false): Promise<InstanceRow | undefined> {
  const rows = await em.execute<InstanceRow[]>(`select ${COLUMNS} from lattice_workflow_instance where entity_key = ? and record_id = ?${lock ? ' for update' : ''}`, [entityKey, recordId]);
  return rows[0];
}

export async function instanceById(em: EntityManager, id: string): Promise<InstanceRow | undefined> {
  const rows = await em.execute<InstanceRow[]>(`select ${COLUMNS} from lattice_workflow_instance where id = ?`, [id]);
  return rows[0];
}

export type NewInstance = Pick<InstanceRow, 'entityKey' | 'recordId' | 'workflowKey' | 'definitionId' | 'metadataVersion' | 'state' | 'unitId' | 'dueAt'> & { readonly startedBy: string | null; readonly at: Date };

export async function insertInstance(em: EntityManager, row: NewInstance): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into lattice_workflow_instance (id, entity_key, record_id, workflow_key, definition_id, metadata_version, state, state_since, due_at, unit_id, started_by, created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [id, row.entityKey, row.recordId, row.workflowKey, row.definitionId, row.metadataVersion, row.state, row.at, row.dueAt, row.unitId, row.startedBy, row.at],
  );
  return id;
}

/** Who has the work of an instance: a user, or the holders of a role in a unit (a queue). */
export interface Assignment {
  readonly assigneeId: string | null;
  readonly assigneeRole: string | null;
  readonly assigneeUnitId: string | null;
  readonly queue: string | null;
}

export async function moveInstance(em: EntityManager, id: string, change: { state: string; at: Date; dueAt: Date | null; closed: boolean }): Promise<void> {
  await em.execute(`update lattice_workflow_instance set state = ?, state_since = ?, due_at = ?, closed_at = ?, version = version + 1 where id = ?`, [change.state, change.at, change.dueAt, change.closed ? change.at : null, id]);
}

export async function assignInstance(em: EntityManager, id: string, assignment: Assignment): Promise<void> {
  await em.execute(`update lattice_workflow_instance set assignee_id = ?, assignee_role = ?, assignee_unit_id = ?, queue = ?, claimed_at = null, version = version + 1 where id = ?`, [assignment.assigneeId, assignment.assigneeRole, assignment.assigneeUnitId, assignment.queue, id]);
}

export interface HistoryEntry {
  readonly instanceId: string;
  /** `start`, `transition`, `escalate`, `claim`, `release`. */
  readonly kind: string;
  readonly transition?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly at: Date;
  readonly durationMs?: number | null;
  readonly comment?: string | null;
  readonly details?: unknown;
}

const HISTORY_COLUMNS = 'id, instance_id, kind, transition, from_state, to_state, actor_id, actor_name, at, duration_ms, comment, details';

function historyValues(entry: HistoryEntry): unknown[] {
  return [randomUUID(), entry.instanceId, entry.kind, entry.transition ?? null, entry.from ?? null, entry.to ?? null, entry.actorId, entry.actorName, entry.at, entry.durationMs ?? null, entry.comment ?? null, entry.details === undefined ? null : JSON.stringify(entry.details)];
}

export async function insertHistory(em: EntityManager, entry: HistoryEntry): Promise<void> {
  await em.execute(`insert into lattice_workflow_history (${HISTORY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, historyValues(entry));
}

/**
 * A transition's move and its history row in one statement: the history
 * row is inserted only if the instance row was updated (the instance is
 * locked, so it always is, but never a row for a move that did not happen).
 */
export async function moveWithHistory(em: EntityManager, id: string, change: { state: string; at: Date; dueAt: Date | null; closed: boolean }, entry: HistoryEntry): Promise<void> {
  await em.execute(
    `with moved as (update lattice_workflow_instance set state = ?, state_since = ?, due_at = ?, closed_at = ?, version = version + 1 where id = ? returning id)
     insert into lattice_workflow_history (${HISTORY_COLUMNS}) select ?::uuid, moved.id, ?, ?, ?, ?, ?::uuid, ?, ?::timestamptz, ?::bigint, ?, ?::jsonb from moved`,
    [change.state, change.at, change.dueAt, change.closed ? change.at : null, id, ...historyValues(entry).filter((_, i) => i !== 1)],
  );
}

let outboxRowsWritten = 0;

/**
 * Outbox rows this process has written: a transition whose count did not
 * move put nothing in the outbox, so it need not look for deliveries (the
 * outbox's own interval delivers what other nodes write).
 */
export const outboxWrites = (): number => outboxRowsWritten;

/** A side effect to deliver once the transaction commits (`workflow-outbox.ts`). */
export async function insertOutbox(em: EntityManager, instanceId: string, kind: 'notify' | 'plugin', payload: Record<string, unknown>, at: Date): Promise<void> {
  outboxRowsWritten++;
  await em.execute(`insert into lattice_workflow_outbox (id, instance_id, kind, payload, created_at) values (?, ?, ?, ?, ?)`, [randomUUID(), instanceId, kind, JSON.stringify(payload), at]);
}
