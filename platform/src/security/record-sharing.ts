import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { UserEntity } from '../org/org-entities.js';
import { RecordShareEntity } from './sharing-entities.js';

export interface ShareRequest {
  /** A user's login, or a unit's key: exactly one. */
  readonly user?: string | null;
  readonly unit?: string | null;
  readonly access?: 'read' | 'update' | null;
  readonly until?: Date | null;
  readonly reason?: string | null;
}

export interface ShareView {
  id: string;
  entity: string;
  recordId: string;
  user: string | null;
  unit: string | null;
  access: string;
  kind: string;
  reason: string | null;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string | null;
}

/**
 * Sharing one record with a user or a unit (everyone holding a position
 * there). Whoever may change the record may share it; the access point
 * checks that before it calls here. The share is kept until revoked or
 * until `until`.
 */
export async function shareRecord(em: EntityManager, directory: OrgDirectory, entity: CompiledEntity, recordId: string, request: ShareRequest, grantedBy: string): Promise<{ share: ShareView; userId: string | null }> {
  if (!!request.user === !!request.unit) throw LatticeError.invalidInput('user', 'Share with exactly one user (login) or one unit (key)');
  const user = request.user ? await em.findOne(UserEntity, { login: request.user.toLowerCase() }) : null;
  if (request.user && (!user || user.status !== 'active')) throw LatticeError.invalidInput('user', `No active user "${request.user}"`);
  const unit = request.unit ? directory.byKey(request.unit) : undefined;
  if (request.unit && !unit) throw LatticeError.invalidInput('unit', `No org unit "${request.unit}"`);
  if (request.until && request.until.getTime() <= Date.now()) throw LatticeError.invalidInput('until', 'A share must end in the future');
  const row = em.create(RecordShareEntity, {
    id: randomUUID(),
    entityKey: entity.key,
    recordId,
    userId: user?.id ?? null,
    unitId: unit?.id ?? null,
    access: request.access ?? 'read',
    kind: 'share',
    reason: request.reason ?? null,
    grantedBy,
    grantedAt: new Date(),
    expiresAt: request.until ?? null,
  });
  await em.flush();
  return { share: viewOf(row, entity.name, directory, user?.login ?? null), userId: user?.id ?? null };
}

export async function revokeShare(em: EntityManager, shareId: string): Promise<{ entityKey: string; recordId: string; userId: string | null }> {
  const row = await em.findOne(RecordShareEntity, { id: shareId, revokedAt: null });
  if (!row) throw LatticeError.notFound(`Share ${shareId}`);
  row.revokedAt = new Date();
  await em.flush();
  return { entityKey: row.entityKey, recordId: row.recordId, userId: row.userId ?? null };
}

export async function sharesOf(em: EntityManager, directory: OrgDirectory, entity: CompiledEntity, recordId: string): Promise<ShareView[]> {
  const rows = await em.find(RecordShareEntity, { entityKey: entity.key, recordId, revokedAt: null }, { orderBy: { grantedAt: 'desc' } });
  const logins = new Map((await em.find(UserEntity, { id: { $in: rows.flatMap((r) => r.userId ?? []) } })).map((u) => [u.id, u.login]));
  return rows.filter((r) => !r.expiresAt || r.expiresAt.getTime() > Date.now()).map((r) => viewOf(r, entity.name, directory, r.userId ? (logins.get(r.userId) ?? null) : null));
}

function viewOf(row: { id: string; recordId: string; unitId?: string | null; access: string; kind: string; reason?: string | null; grantedBy: string; grantedAt: Date; expiresAt?: Date | null }, entity: string, directory: OrgDirectory, login: string | null): ShareView {
  return { id: row.id, entity, recordId: row.recordId, user: login, unit: row.unitId ? (directory.byId(row.unitId)?.key ?? null) : null, access: row.access, kind: row.kind, reason: row.reason ?? null, grantedBy: row.grantedBy, grantedAt: row.grantedAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null };
}
