import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * The tables `database/` owns itself: ordinary MikroORM entities with
 * migrations (`migrations/`). Each feature module's tables (users, teams,
 * sharing, saved views) are its own and are handed in by the composition
 * root (`app/platform-tables.ts`); record tables come from published
 * metadata (`storage/`).
 */
export interface MetadataVersionRow {
  version: number;
  hash: string;
  source: unknown;
  plan: unknown;
  publishedAt: Date;
  publishedBy?: string | null;
  comment?: string | null;
  restoredFrom?: number | null;
}

export const MetadataVersionEntity = new EntitySchema<MetadataVersionRow>({
  name: 'LatticeMetadataVersion',
  tableName: 'lattice_metadata_version',
  properties: {
    version: { type: 'integer', primary: true, autoincrement: false },
    hash: { type: 'string', length: 64 },
    source: { type: 'json' },
    plan: { type: 'json' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz' },
    publishedBy: { type: 'string', length: 200, nullable: true },
    comment: { type: 'text', nullable: true },
    restoredFrom: { type: 'integer', nullable: true },
  },
});

/** One document of a draft (`publish/draft-documents.ts`): its edit or removal, and the revision a save must name. */
export interface DraftDocumentRow {
  draft: string;
  section: string;
  /** '' for a section's single document (the tariff catalog). */
  key: string;
  state: 'edited' | 'removed' | 'live';
  document?: unknown;
  revision: number;
  baseVersion?: number | null;
  position?: number | null;
  updatedAt: Date;
  updatedBy?: string | null;
}

export const DraftDocumentEntity = new EntitySchema<DraftDocumentRow>({
  name: 'LatticeDraftDocument',
  tableName: 'lattice_draft_document',
  properties: {
    draft: { type: 'string', length: 100, primary: true },
    section: { type: 'string', length: 64, primary: true },
    key: { type: 'string', length: 200, primary: true },
    state: { type: 'string', length: 8 },
    document: { type: 'json', nullable: true },
    revision: { type: 'integer' },
    baseVersion: { type: 'integer', nullable: true },
    position: { type: 'integer', nullable: true },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedBy: { type: 'string', length: 200, nullable: true },
  },
});

export interface AuditEntryRow {
  id?: string;
  at: Date;
  actor?: string | null;
  action: string;
  entity?: string | null;
  recordId?: string | null;
  recordVersion?: number | null;
  metadataVersion?: number | null;
  changes: unknown;
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'LatticeAuditEntry',
  tableName: 'lattice_audit_entry',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    at: { type: 'datetime', columnType: 'timestamptz' },
    actor: { type: 'string', length: 200, nullable: true },
    action: { type: 'string', length: 32 },
    entity: { type: 'string', length: 64, nullable: true },
    recordId: { type: 'uuid', nullable: true },
    recordVersion: { type: 'integer', nullable: true },
    metadataVersion: { type: 'integer', nullable: true },
    changes: { type: 'json' },
  },
  indexes: [{ name: 'lattice_audit_entry__record', properties: ['entity', 'recordId', 'id'] }, { name: 'lattice_audit_entry__at', properties: ['at'] }],
});

export interface SequenceRow {
  scope: string;
  period: string;
  value: string;
}

export const SequenceEntity = new EntitySchema<SequenceRow>({
  name: 'LatticeSequence',
  tableName: 'lattice_sequence',
  properties: {
    scope: { type: 'string', length: 120, primary: true },
    period: { type: 'string', length: 16, primary: true },
    value: { type: 'bigint' },
  },
});

export const DATABASE_ENTITIES = [MetadataVersionEntity, DraftDocumentEntity, AuditEntryEntity, SequenceEntity];
