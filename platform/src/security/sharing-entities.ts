import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * Sharing beyond row scope: rules that share records matching a condition
 * with units or roles, shares of one record with a user or a unit (a
 * serve-anywhere grant is one, with a reason and an expiry), and the access
 * log that the owning unit and auditors read.
 */
export interface SharingRuleRow {
  key: string;
  entityKey: string;
  /** A sharing rule document (`sharing-rule.document.ts`). */
  rule: unknown;
  updatedAt: Date;
}

export const SharingRuleEntity = new EntitySchema<SharingRuleRow>({
  name: 'LatticeSharingRule',
  tableName: 'lattice_sharing_rule',
  properties: {
    key: { type: 'string', length: 64, primary: true },
    entityKey: { type: 'string', length: 48 },
    rule: { type: 'json' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export interface RecordShareRow {
  id: string;
  entityKey: string;
  recordId: string;
  userId?: string | null;
  unitId?: string | null;
  access: 'read' | 'update';
  kind: 'share' | 'serve';
  reason?: string | null;
  grantedBy: string;
  grantedAt: Date;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
}

export const RecordShareEntity = new EntitySchema<RecordShareRow>({
  name: 'LatticeRecordShare',
  tableName: 'lattice_record_share',
  properties: {
    id: { type: 'uuid', primary: true },
    entityKey: { type: 'string', length: 48 },
    recordId: { type: 'uuid' },
    userId: { type: 'uuid', nullable: true },
    unitId: { type: 'uuid', nullable: true },
    access: { type: 'string', length: 16 },
    kind: { type: 'string', length: 16 },
    reason: { type: 'text', nullable: true },
    grantedBy: { type: 'string', length: 200 },
    grantedAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
  indexes: [
    { name: 'lattice_record_share__user', properties: ['entityKey', 'userId'] },
    { name: 'lattice_record_share__unit', properties: ['entityKey', 'unitId'] },
  ],
});

export interface AccessLogRow {
  id?: string;
  at: Date;
  userId?: string | null;
  login: string;
  /** `serve-anywhere`, `serve-refused`, `personal-data`. */
  kind: string;
  entityKey: string;
  recordIds: string[];
  /** Units the records belong to: the log is theirs to read. */
  unitIds: string[];
  reason?: string | null;
  details: unknown;
}

export const AccessLogEntity = new EntitySchema<AccessLogRow>({
  name: 'LatticeAccessLog',
  tableName: 'lattice_access_log',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    at: { type: 'datetime', columnType: 'timestamptz' },
    userId: { type: 'uuid', nullable: true },
    login: { type: 'string', length: 100 },
    kind: { type: 'string', length: 32 },
    entityKey: { type: 'string', length: 48 },
    recordIds: { type: 'uuid[]', columnType: 'uuid[]' },
    unitIds: { type: 'uuid[]', columnType: 'uuid[]' },
    reason: { type: 'text', nullable: true },
    details: { type: 'json' },
  },
  indexes: [{ name: 'lattice_access_log__at', properties: ['at'] }],
});

export const SHARING_ENTITIES = [SharingRuleEntity, RecordShareEntity, AccessLogEntity];
