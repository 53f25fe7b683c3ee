import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import type { Actor } from '../security/actor.js';
import type { RecordGuard } from '../security/record-guard.js';
import type { StoredRecord } from '../storage/stored-record.js';
import type { ListArgs, RecordConnection, RecordReader } from './record-reader.js';

/** How data reached the reader: the `path` of its log entry. */
export type RevealPath = 'read' | 'create' | 'update' | 'delete' | 'restore' | 'audit' | 'filter' | 'sort' | 'duplicate';

/** An audit entry as far as the log needs it. */
export interface ShownAuditEntry {
  readonly entity?: string | null;
  readonly recordId?: string | null;
  readonly changes?: unknown;
}

/**
 * What one request revealed, told by every path that shows or confirms
 * record values: reads, a write's answer, a list's filter and sort, audit
 * entries, a write refused as a duplicate. The access point only reports;
 * what is logged (personal data, for the access log) is the registered
 * module's business (`sharing/revealed-personal-data.ts`).
 */
export interface ReadLog {
  /** The fields to read, with any the log needs beside them (the owning unit). */
  withUnit(entity: CompiledEntity, fields: readonly string[] | undefined, named?: readonly string[]): readonly string[] | undefined;
  /** The same for a list, whose filter and sort may name fields too. */
  listFields(entity: CompiledEntity, args: ListArgs): readonly string[] | undefined;
  records(entity: CompiledEntity, records: readonly StoredRecord[], fields: readonly string[] | undefined, path: RevealPath): Promise<void>;
  listed(entity: CompiledEntity, args: ListArgs, page: RecordConnection): Promise<void>;
  auditEntries(entries: readonly ShownAuditEntry[]): Promise<void>;
  /** Logs what a refused write confirmed, then rethrows its error. */
  refused(entity: CompiledEntity, error: unknown): Promise<never>;
}

/** What a read log of one request is made from. */
export interface ReadLogSources {
  readonly model: CompiledModel;
  readonly actor: Actor;
  readonly guard: RecordGuard;
  /** The request's reader, for the lookups a log entry needs (the unit of a record named). */
  readonly reader: RecordReader;
}

export type ReadLogFactory = (sources: ReadLogSources) => ReadLog;
