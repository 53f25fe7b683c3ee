import type { EffectiveMetadataCache } from '@lattice/runtime';
import type { QuoteSeal } from './quote-seal.js';
import type { FilterLimits } from './filter-limits.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { AccessLogWriter } from '../security/access-log.js';
import type { RecordHookRegistry } from '../pipeline/record-hook-registry.js';
import type { HookFailureLog } from '../pipeline/run-hook.js';
import type { WriteStep } from '../pipeline/write-step.js';

export interface RecordAccessOptions {
  readonly maxPageSize: number;
  /** The page a list gets when it asks for none. */
  readonly defaultPageSize: number;
  readonly filterLimits: FilterLimits;
  /** Most inputs of one batch create. */
  readonly maxBatchInputs: number;
  /** The org tree as it was when the request started: row scopes expand subtrees with it. */
  readonly directory: OrgDirectory;
  /** Effective metadata per version and layer path, shared by every request of the node. */
  readonly layerCache: EffectiveMetadataCache;
  /** Where personal-data reads are logged (in batches). */
  readonly accessLog: AccessLogWriter;
  /** The business time zone: "today" for quotes. */
  readonly timeZone: string;
  /** Seals issued quotes and checks the ones an order keeps. */
  readonly quoteSeal: QuoteSeal;
  /** The channel form conditions see a write come through (`$user.channel`). */
  readonly writeChannel: string;
  /** Called when records were shared with a user (null: with a unit, so possibly anyone), whose cached grants must be reloaded. */
  readonly sharesChanged: (userId: string | null) => Promise<void>;
  /** The record hooks of first-party modules and plugins, run by every write. */
  readonly hooks: RecordHookRegistry;
  /** A hook's time limit when it sets none (ms). */
  readonly hookTimeoutMs: number;
  /** Where a failed hook's stack is logged. */
  readonly logHookFailure: HookFailureLog;
  /** The steps every write runs (`WRITE_STEPS` when absent): the composition root places the modules' steps (workflows) among them. */
  readonly writeSteps?: readonly WriteStep[];
}
