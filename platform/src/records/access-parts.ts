import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import type { Actor } from '../security/actor.js';
import type { ActorPosition } from './actor-position.js';
import type { RecordAccessOptions } from './record-access-options.js';
import type { RecordLoaders } from './record-loaders.js';
import type { ListArgs, RecordReader } from './record-reader.js';
import type { ViewListArgs } from './record-views.js';
import type { RecordGuard } from '../security/record-guard.js';
import type { RecordOperation } from '../security/permission-document.js';
import type { ReadLog } from './read-log.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import type { StoredRecord } from '../storage/stored-record.js';

/**
 * What one request's access point is made of, shared with the modules it
 * delegates its verbs to (writes, views) and with the modules' registered
 * parts (shares, quotes, audit): they check and read through the same guard,
 * reader and read log.
 */
export interface AccessParts {
  readonly model: CompiledModel;
  readonly em: EntityManager;
  readonly schemas: RecordSchemas;
  readonly actor: Actor;
  readonly options: RecordAccessOptions;
  readonly guard: RecordGuard;
  readonly reader: RecordReader;
  readonly loaders: RecordLoaders;
  /** What the request revealed is told here (`read-log.ts`). */
  readonly revealed: ReadLog;
  readonly position: ActorPosition;
  /** The entity by name, once the actor may do the operation on it. */
  authorize(entityName: string, operation: RecordOperation): CompiledEntity;
  /** A record as the access point's `get` reads it: permissions checked, what it reveals logged. */
  get(entityName: string, id: string): Promise<StoredRecord | null>;
  /** A list's arguments with its named or saved view applied, as the access point's `list` applies it. */
  listArgs(entityName: string, args: ViewListArgs): Promise<ListArgs>;
}
