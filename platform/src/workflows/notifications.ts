import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordAccess } from '../records/record-access.js';

export interface NotificationView {
  readonly id: string;
  readonly entity: string;
  readonly recordId: string;
  readonly message: unknown;
  readonly createdAt: string;
  readonly read: boolean;
}

/** The caller's own in-app notifications, newest first, each about a record they may still read. */
export async function notificationsOf(em: EntityManager, access: RecordAccess, first: number): Promise<NotificationView[]> {
  if (!access.actor.id) return [];
  const rows = await em.execute<{ id: string; entityKey: string; recordId: string; message: unknown; createdAt: Date; readAt: Date | null }[]>(
    `select id, entity_key as "entityKey", record_id as "recordId", message, created_at as "createdAt", read_at as "readAt" from lattice_notification where user_id = ? order by created_at desc, id limit ?`,
    [access.actor.id, Math.min(Math.max(1, Math.trunc(first) || 50), 200)],
  );
  const out: NotificationView[] = [];
  for (const row of rows) {
    const entity = access.model.entityByKey(row.entityKey);
    if (!entity || !(await access.get(entity.name, row.recordId, { fields: ['id'] }).catch(() => null))) continue;
    out.push({ id: row.id, entity: entity.name, recordId: row.recordId, message: row.message, createdAt: new Date(row.createdAt).toISOString(), read: row.readAt !== null });
  }
  return out;
}
