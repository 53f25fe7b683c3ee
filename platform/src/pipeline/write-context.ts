import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledModel, HookRecords, WriteFacts, WriteVerb } from '@lattice/runtime';
import type { FieldChanges } from '../audit/audit-log.js';
import type { Actor } from '../records/actor.js';
import type { RecordGuard } from '../security/record-guard.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import type { RecordHookRegistry } from './record-hook-registry.js';
import type { HookFailureLog } from './run-hook.js';

type Scope = Record<string, unknown> | null;

/** What the steps of a write use, made once per access point (one request). */
export interface WriteServices {
  readonly model: CompiledModel;
  readonly schemas: RecordSchemas;
  readonly guard: RecordGuard;
  readonly actor: Actor;
  readonly metadataVersion: number;
  readonly maxBatchInputs: number;
  /** Keys of a unit and its ancestors: whose layers' validations a record meets. */
  unitKeys(orgUnitId: string): readonly string[];
  /** The ids among `ids` the actor may read (or `operation` on). */
  visibleIds(entity: CompiledEntity, ids: readonly string[]): Promise<string[]>;
  /** What a write's form conditions read besides the record; `recordId` on a stored record. */
  factsOf(entity: CompiledEntity, record: Readonly<Record<string, unknown>>, recordId?: string): Promise<WriteFacts>;
  /** Whether the writer may read a field: a conflict names only the changed fields they can see. */
  fieldReadable(entity: CompiledEntity, fieldName: string): boolean;
  readonly hooks: RecordHookRegistry;
  /** A hook's time limit when it sets none (ms). */
  readonly hookTimeoutMs: number;
  /** Where a failed hook's stack is logged (the server's log). */
  readonly logHookFailure: HookFailureLog;
  /** The access point hooks read and write through (the same one, so the same permissions and transaction). */
  readonly records: HookRecords;
}

/** One record of a write: a batch create has several, every other verb one. */
export interface WriteItem {
  /** Position in the batch: problems of a batch name it (`[3].phone`). */
  readonly index: number;
  /** What the caller asked: the input of a create, the patch of an update; empty for a delete or restore. */
  readonly patch: Record<string, unknown>;
  id: string | null;
  /** The version the caller read (update, delete); none to skip the check (restore). */
  readonly expectedVersion?: number;
  /** The locked row (ORM entity) and the record it holds, before the write. */
  row?: Record<string, unknown>;
  stored: Record<string, unknown> | null;
  /** What persist stores, once checked. */
  values: Record<string, unknown>;
  /** Where a new record goes (a routing rule may move it). */
  ownerId?: string | null;
  orgUnitId?: string | null;
  /** Field by field, what the audit entry records; empty: the write changes nothing and stores nothing. */
  changes: FieldChanges;
  /** The write would change nothing: nothing is stored, audited or hooked. */
  unchanged?: boolean;
}

/**
 * Why a write is made, when it is more than a change of fields: a module's
 * steps act on the writes whose intent they know (a workflow transition is
 * an update with `kind: 'workflow.transition'`) and leave the others alone.
 */
export interface WriteIntent {
  readonly kind: string;
}

/** The one object a write's steps pass along. */
export interface WriteContext {
  readonly verb: WriteVerb;
  readonly entity: CompiledEntity;
  readonly services: WriteServices;
  readonly items: WriteItem[];
  /** The rows a delete, restore or update may touch (the actor's row scope). */
  readonly scope?: Scope;
  /** The write's transaction (a savepoint when the request holds several writes). */
  em: EntityManager;
  readonly now: Date;
  readonly intent?: WriteIntent;
}

/** A problem path inside a batch names the input. */
export function pathIn(context: WriteContext, item: WriteItem, path: string): string {
  return context.items.length > 1 ? `[${item.index}].${path}` : path;
}

/** The record as the write leaves it. */
export function recordAfter(item: WriteItem): Record<string, unknown> {
  return { ...(item.stored ?? {}), ...item.values, ...(item.id ? { id: item.id } : {}) };
}
