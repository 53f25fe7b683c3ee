import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import { AuditEntryEntity, type AuditEntryRow } from '../database/platform-entities.js';
import { LatticeError } from '../errors/lattice-error.js';
import { scopeToSql, type RowScopeSpec } from '../security/row-scope.js';
import { quoteIdent } from '../storage/quote.js';
import type { AuditTrail } from '../pipeline/audit-trail.js';

export type { FieldChanges } from '../pipeline/audit-trail.js';

/** What a scoped reader of the audit log may see: entries of records in their read scope, changes of fields they may read. */
export interface AuditVisibility {
  readonly scope: RowScopeSpec;
  readonly readable: (fieldName: string) => boolean;
  /** Without `audit.read`: only the entries of records this user owns. */
  readonly ownedBy?: string;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'publish' | 'rollback' | 'approval';

/**
 * A key of `changes` starting with `$` names no field (no field name can):
 * it is an act recorded on the record, such as an approval decision
 * (`$approval`: who, level, decision, comment), and a reader who may read
 * the record's entries sees it whichever fields their roles hide.
 */
const isAct = (key: string) => key.startsWith('$');

export interface AuditQuery {
  /** Entity name (records) — omitted for every entry, including publishes. */
  entity?: string | null;
  recordId?: string | null;
  action?: AuditAction | null;
  first?: number | null;
  /** Id of the last entry of the previous page. */
  after?: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  recordVersion: number | null;
  metadataVersion: number | null;
  changes: unknown;
}

export interface AuditPage {
  entries: AuditEntryView[];
  hasNextPage: boolean;
}

/** Adds an audit entry to the unit of work: it commits or rolls back with the change it describes. */
export function recordAudit(em: EntityManager, entry: Omit<AuditEntryRow, 'id' | 'at'>): void {
  em.create(AuditEntryEntity, { ...entry, at: new Date() });
}

/** Newest first. Entity names are stored as keys, so entries survive a rename of the entity. */
export async function queryAudit(em: EntityManager, model: CompiledModel, query: AuditQuery, maxPage: number, visibility?: AuditVisibility): Promise<AuditPage> {
  const first = query.first ?? 50;
  if (first < 0) throw LatticeError.invalidInput('first', 'Page size cannot be negative');
  if (first > maxPage) throw LatticeError.limitExceeded('Page size', maxPage, first);
  const where: Record<string, unknown> = {};
  if (query.entity) where['entity'] = model.entityByName(query.entity)?.key ?? query.entity;
  if (query.recordId) where['recordId'] = query.recordId;
  if (query.action) where['action'] = query.action;
  if (query.after) {
    if (!/^\d+$/.test(query.after)) throw LatticeError.invalidInput('after', 'The cursor is not valid for the audit log');
    where['id'] = { $lt: query.after };
  }
  const rows = visibility && (!visibility.scope.all || visibility.ownedBy !== undefined) ? await scopedEntries(em, model, query, where, visibility, first + 1) : await em.find(AuditEntryEntity, where, { orderBy: { id: 'desc' }, limit: first + 1, disableIdentityMap: true });
  const keyToName = new Map(model.entities.map((e) => [e.key, e.name]));
  return {
    hasNextPage: rows.length > first,
    entries: rows.slice(0, first).map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: row.actor ?? null,
      action: row.action,
      entity: row.entity ? (keyToName.get(row.entity) ?? row.entity) : null,
      recordId: row.recordId ?? null,
      recordVersion: row.recordVersion ?? null,
      metadataVersion: row.metadataVersion ?? null,
      changes: visibility ? visibleChanges(row.changes, visibility.readable) : row.changes,
    })),
  };
}

/**
 * Names of fields changed after a version, from the record's audit entries:
 * only those the writer may read (`readable`), so a conflict never names a
 * field their roles hide.
 */
export async function fieldsChangedSince(em: EntityManager, entityKey: string, recordId: string, version: number, readable: (fieldName: string) => boolean): Promise<string[]> {
  const rows = await em.find(AuditEntryEntity, { entity: entityKey, recordId, recordVersion: { $gt: version } }, { disableIdentityMap: true });
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys((row.changes ?? {}) as object)) if (readable(name)) names.add(name);
  return [...names].sort();
}

function visibleChanges(changes: unknown, readable: (name: string) => boolean): unknown {
  if (!changes || typeof changes !== 'object') return changes;
  return Object.fromEntries(Object.entries(changes as Record<string, unknown>).filter(([name]) => isAct(name) || readable(name)));
}

/**
 * Entries of records within a row scope, newest first. The scope is a
 * semi-join on the record table, so a record outside it (or never there)
 * contributes nothing and the log cannot reveal it.
 */
async function scopedEntries(em: EntityManager, model: CompiledModel, query: AuditQuery, where: Record<string, unknown>, visibility: AuditVisibility, limit: number): Promise<AuditEntryRow[]> {
  const entity = model.entityByName(query.entity ?? '');
  if (!entity) throw LatticeError.notFound(`Entity ${query.entity}`);
  const params: unknown[] = [where['entity']];
  const conditions = ['a.entity = ?'];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    params.push(value);
  };
  if (query.recordId) add('a.record_id = ?', query.recordId);
  if (query.action) add('a.action = ?', query.action);
  if (query.after) add('a.id < ?', query.after);
  let inScope = scopeToSql(visibility.scope, 'r', params);
  if (visibility.ownedBy !== undefined) {
    params.push(visibility.ownedBy);
    inScope = `${inScope} and r.owner_id = ?`;
  }
  params.push(limit);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select a.* from lattice_audit_entry a where ${conditions.join(' and ')} and exists (select 1 from ${quoteIdent(entity.table)} r where r.id = a.record_id and ${inScope}) order by a.id desc limit ?`,
    params,
  );
  return rows.map((r) => ({ id: String(r['id']), at: new Date(r['at'] as string), actor: r['actor'] as string | null, action: r['action'] as string, entity: r['entity'] as string | null, recordId: r['record_id'] as string | null, recordVersion: r['record_version'] as number | null, metadataVersion: r['metadata_version'] as number | null, changes: r['changes'] }));
}

/** The trail every record write leaves, as the write pipeline takes it (`pipeline/audit-trail.ts`). */
export const AUDIT_TRAIL: AuditTrail = { record: recordAudit, fieldsChangedSince };
