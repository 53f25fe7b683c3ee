import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { UserEntity } from '../org/org-entities.js';
import { logAccess } from './access-log.js';
import { RecordShareEntity } from '../security/sharing-entities.js';

export interface ShareRequest {
  /** A user's login, or a unit's key: exactly one. */
  readonly user?: string | null;
  readonly unit?: string | null;
  readonly access?: 'read' | 'update' | null;
  /** When the share ends (required): an instant, as a Date or ISO-8601 text with a time zone. */
  readonly until?: Date | string | null;
  /** Why (required): the owning unit reads it in its access log. */
  readonly reason?: string | null;
}

/** Who acts, for the access log. */
export interface Sharer {
  readonly id: string | null;
  readonly name: string;
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
 * there). Only whoever may change the record by their own rights may share
 * it (not through a share: the access point checks that before it calls
 * here). Every share names who made it, why and until when, and is written
 * to the access log of the record's unit in the same transaction.
 */
export async function shareRecord(em: EntityManager, directory: OrgDirectory, entity: CompiledEntity, record: { id: string; orgUnitId: string | null }, request: ShareRequest, by: Sharer): Promise<{ share: ShareView; userId: string | null }> {
  if (!!request.user === !!request.unit) throw LatticeError.invalidInput('user', 'Share with exactly one user (login) or one unit (key)');
  const reason = assertReason(request.reason);
  const until = instantOf(request.until);
  if (until.getTime() <= Date.now()) throw LatticeError.invalidInput('until', 'A share must end in the future');
  const user = request.user ? await em.findOne(UserEntity, { login: request.user.toLowerCase() }) : null;
  if (request.user && (!user || user.status !== 'active')) throw LatticeError.invalidInput('user', `No active user "${request.user}"`);
  const unit = request.unit ? directory.byKey(request.unit) : undefined;
  if (request.unit && !unit) throw LatticeError.invalidInput('unit', `No org unit "${request.unit}"`);
  const access = request.access ?? 'read';
  const row = em.create(RecordShareEntity, { id: randomUUID(), entityKey: entity.key, recordId: record.id, userId: user?.id ?? null, unitId: unit?.id ?? null, access, kind: 'share', reason, grantedBy: by.name, grantedAt: new Date(), expiresAt: until });
  const to = user ? { user: user.login } : { unit: unit?.key };
  logAccess(em, { userId: by.id, login: by.name, kind: 'share', entityKey: entity.key, recordIds: [record.id], unitIds: record.orgUnitId ? [record.orgUnitId] : [], reason, details: { shareId: row.id, ...to, access, until: until.toISOString() } });
  await em.flush();
  return { share: viewOf(row, entity.name, directory, user?.login ?? null), userId: user?.id ?? null };
}

/** Ends a share; the end is written to the access log of the record's unit. */
export async function revokeShare(em: EntityManager, shareId: string, recordUnitId: string | null, by: Sharer): Promise<{ entityKey: string; recordId: string; userId: string | null }> {
  const row = await em.findOne(RecordShareEntity, { id: shareId, revokedAt: null });
  if (!row) throw LatticeError.notFound(`Share ${shareId}`);
  row.revokedAt = new Date();
  logAccess(em, { userId: by.id, login: by.name, kind: 'share-revoked', entityKey: row.entityKey, recordIds: [row.recordId], unitIds: recordUnitId ? [recordUnitId] : [], reason: null, details: { shareId: row.id, kind: row.kind, grantedBy: row.grantedBy } });
  await em.flush();
  return { entityKey: row.entityKey, recordId: row.recordId, userId: row.userId ?? null };
}

/** Access to someone else's records is given for a reason the owning unit can read. */
export function assertReason(reason: string | null | undefined): string {
  const given = reason?.trim() ?? '';
  if (given.length < 4) throw LatticeError.invalidInput('reason', 'Say why (at least 4 characters)', 'The unit that owns the record reads it in its access log');
  return given;
}

function instantOf(until: Date | string | null | undefined): Date {
  if (until === null || until === undefined || until === '') throw LatticeError.invalidInput('until', 'Say until when the record is shared (until: an instant, e.g. 2026-12-31T16:00:00Z)', 'A share always ends; revoke it earlier with revokeShare');
  const at = until instanceof Date ? until : /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(until) ? new Date(until) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw LatticeError.invalidInput('until', `"${String(until)}" is not an instant: give ISO-8601 with a time zone, e.g. 2026-12-31T16:00:00Z`);
  return at;
}

export async function sharesOf(em: EntityManager, directory: OrgDirectory, entity: CompiledEntity, recordId: string): Promise<ShareView[]> {
  const rows = await em.find(RecordShareEntity, { entityKey: entity.key, recordId, revokedAt: null }, { orderBy: { grantedAt: 'desc' } });
  const logins = new Map((await em.find(UserEntity, { id: { $in: rows.flatMap((r) => r.userId ?? []) } })).map((u) => [u.id, u.login]));
  return rows.filter((r) => !r.expiresAt || r.expiresAt.getTime() > Date.now()).map((r) => viewOf(r, entity.name, directory, r.userId ? (logins.get(r.userId) ?? null) : null));
}

function viewOf(row: { id: string; recordId: string; unitId?: string | null; access: string; kind: string; reason?: string | null; grantedBy: string; grantedAt: Date; expiresAt?: Date | null }, entity: string, directory: OrgDirectory, login: string | null): ShareView {
  return { id: row.id, entity, recordId: row.recordId, user: login, unit: row.unitId ? (directory.byId(row.unitId)?.key ?? null) : null, access: row.access, kind: row.kind, reason: row.reason ?? null, grantedBy: row.grantedBy, grantedAt: row.grantedAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null };
}
