import type { EntityManager } from '@mikro-orm/postgresql';

/** Field by field, what a write changed. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** The audit entry of one record written. */
export interface WriteAuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly recordId: string;
  readonly recordVersion: number;
  readonly metadataVersion: number;
  readonly changes: FieldChanges;
}

/**
 * Where writes leave their trail, handed in by the composition root (the
 * audit module, `audit/audit-log.ts`): the pipeline writes one entry per
 * record in the write's transaction, and asks it which fields changed
 * since the version a stale update read, to name them in the conflict.
 */
export interface AuditTrail {
  /** Adds the entry to the write's unit of work (flushed with it). */
  record(em: EntityManager, entry: WriteAuditEntry): void;
  /** Names of the fields changed after `version`, among those `readable` lets the writer see. */
  fieldsChangedSince(em: EntityManager, entityKey: string, recordId: string, version: number, readable: (fieldName: string) => boolean): Promise<string[]>;
}
