import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { RecordAccess } from '../records/record-access.js';

export interface NotificationView {
  readonly id: string;
  readonly entity: string;
  readonly recordId: string;
  readonly message: unknown;
  readonly createdAt: string;
  readonly read: boolean;
}

type NotificationRow = { id: string; entityKey: string; recordId: string; message: unknown; createdAt: Date; readAt: Date | null };
const SELECT = `select id, entity_key as "entityKey", record_id as "recordId", message, created_at as "createdAt", read_at as "readAt" from lattice_notification`;

/** The caller's own in-app notifications, newest first, each about a record they may still read. */
export async function notificationsOf(em: EntityManager, access: RecordAccess, first: number): Promise<NotificationView[]> {
  if (!access.actor.id) return [];
  const rows = await em.execute<NotificationRow[]>(`${SELECT} where user_id = ? order by created_at desc, id limit ?`, [access.actor.id, Math.min(Math.max(1, Math.trunc(first) || 50), 200)]);
  return visible(access, rows);
}

/** The rows about records the caller may still read, as the API shows them. */
async function visible(access: RecordAccess, rows: readonly NotificationRow[]): Promise<NotificationView[]> {
  const out: NotificationView[] = [];
  for (const row of rows) {
    const entity = access.model.entityByKey(row.entityKey);
    if (!entity || !(await access.get(entity.name, row.recordId, { fields: ['id'] }).catch(() => null))) continue;
    out.push({ id: row.id, entity: entity.name, recordId: row.recordId, message: row.message, createdAt: new Date(row.createdAt).toISOString(), read: row.readAt !== null });
  }
  return out;
}

/**
 * Marks one of the caller's own notifications read. The row is looked up by
 * its id *and* the caller: another user's notification (or one about a
 * record the caller may no longer read) is NOT_FOUND, the same answer as an
 * id that does not exist, so the call reveals nothing of anyone else's.
 * Marking a read one again keeps its first read time.
 */
export async function markNotificationRead(em: EntityManager, access: RecordAccess, id: string): Promise<NotificationView> {
  const rows = access.actor.id && UUID.test(id) ? await em.execute<NotificationRow[]>(`${SELECT} where id = ? and user_id = ?`, [id, access.actor.id]) : [];
  const [view] = await visible(access, rows);
  if (!view) throw LatticeError.notFound(`Notification ${id}`);
  if (view.read) return view;
  await em.execute(`update lattice_notification set read_at = ? where id = ? and user_id = ? and read_at is null`, [new Date(), id, access.actor.id]);
  return { ...view, read: true };
}

/** Marks every unread notification of the caller read; answers how many it marked. */
export async function markAllNotificationsRead(em: EntityManager, access: RecordAccess): Promise<number> {
  if (!access.actor.id) return 0;
  const rows = await em.execute<{ id: string }[]>(`update lattice_notification set read_at = ? where user_id = ? and read_at is null returning id`, [new Date(), access.actor.id]);
  return rows.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
