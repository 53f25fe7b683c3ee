import { resolve } from 'node:path';
import { envNumber } from './env-number.js';
import { readAuthConfig, type AuthConfig } from './auth-config.js';
import { readOperationsConfig, type OperationsConfig } from './operations-config.js';
import { readTimerConfig, type TimerConfig } from './timer-config.js';

/** Everything the platform reads from its environment, read once at start-up. */
export interface PlatformConfig {
  /** Postgres server URL; absent means the embedded Postgres (PGlite). */
  readonly databaseUrl?: string;
  /** Folder of the embedded Postgres' data, kept across restarts. */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Largest query depth and cost the generated API accepts. */
  readonly maxQueryDepth: number;
  readonly maxQueryCost: number;
  /** Largest page a list query may ask for, and the page it gets when it asks for none (the cost estimate counts it too). */
  readonly maxPageSize: number;
  readonly defaultPageSize: number;
  /** Largest query text (characters), aliased fields and operations in one document. */
  readonly maxQueryLength: number;
  readonly maxAliases: number;
  readonly maxOperations: number;
  /** Largest request body of the record and admin APIs (bytes). */
  readonly maxRequestBytes: number;
  /** Most inputs of one batch mutation (`createCustomers(inputs: …)`). */
  readonly maxBatchInputs: number;
  /** Filter caps: values of one `in` list, characters of one filter string, conditions of one filter. */
  readonly maxInValues: number;
  readonly maxFilterText: number;
  readonly maxFilterConditions: number;
  /** How long personal-data read entries wait before they are written, in one batch (ms). */
  readonly accessLogFlushMs: number;
  /** The operator's business time zone: what "today" is for quotes. */
  readonly timeZone: string;
  /** The channel form conditions see a write come through (`$user.channel`: a hall, an app, the API). */
  readonly writeChannel: string;
  /** How long a record hook may run before its write fails, when the hook sets no limit of its own (ms). */
  readonly hookTimeoutMs: number;
  /** Query operations answered by one SQL statement each (`sql-reads/`); `LATTICE_COMPILED_READS=off` resolves every field through the resolvers. */
  readonly compiledReads: boolean;
  /** How often the workflow outbox is checked for deliveries a node did not make right after its commit (ms; 0: never). */
  readonly outboxIntervalMs: number;
  /** Attempts at a workflow outbox delivery before it is left, with its last error, for an operator. */
  readonly outboxMaxAttempts: number;
  readonly auth: AuthConfig;
  readonly operations: OperationsConfig;
  readonly timers: TimerConfig;
}

/** What a caller may override: any setting, and any sign-in setting on its own. */
export type PlatformConfigOverrides = Partial<Omit<PlatformConfig, 'auth' | 'operations' | 'timers'>> & { readonly auth?: Partial<AuthConfig>; readonly operations?: Partial<OperationsConfig>; readonly timers?: Partial<TimerConfig> };

export function readPlatformConfig(env: NodeJS.ProcessEnv = process.env, overrides: PlatformConfigOverrides = {}): PlatformConfig {
  const { auth, operations, timers, ...rest } = overrides;
  const databaseUrl = env['DATABASE_URL'] || undefined;
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: resolve(env['LATTICE_DATA_DIR'] ?? '.lattice-data'),
    port: envNumber(env, 'PORT', 4000),
    host: env['HOST'] ?? '127.0.0.1',
    maxQueryDepth: envNumber(env, 'LATTICE_MAX_QUERY_DEPTH', 8),
    maxQueryCost: envNumber(env, 'LATTICE_MAX_QUERY_COST', 5000),
    maxPageSize: envNumber(env, 'LATTICE_MAX_PAGE_SIZE', 500),
    defaultPageSize: envNumber(env, 'LATTICE_DEFAULT_PAGE_SIZE', 50),
    maxQueryLength: envNumber(env, 'LATTICE_MAX_QUERY_LENGTH', 100_000),
    maxAliases: envNumber(env, 'LATTICE_MAX_ALIASES', 200),
    maxOperations: envNumber(env, 'LATTICE_MAX_OPERATIONS', 20),
    maxRequestBytes: envNumber(env, 'LATTICE_MAX_REQUEST_BYTES', 20 * 1024 * 1024),
    maxBatchInputs: envNumber(env, 'LATTICE_MAX_BATCH_INPUTS', 1000),
    maxInValues: envNumber(env, 'LATTICE_MAX_IN_VALUES', 5000),
    maxFilterText: envNumber(env, 'LATTICE_MAX_FILTER_TEXT', 1000),
    maxFilterConditions: envNumber(env, 'LATTICE_MAX_FILTER_CONDITIONS', 200),
    accessLogFlushMs: envNumber(env, 'LATTICE_ACCESS_LOG_FLUSH_MS', 200),
    timeZone: env['LATTICE_TIME_ZONE'] ?? 'Asia/Shanghai',
    writeChannel: env['LATTICE_WRITE_CHANNEL'] ?? 'api',
    hookTimeoutMs: envNumber(env, 'LATTICE_HOOK_TIMEOUT_MS', 5000),
    compiledReads: env['LATTICE_COMPILED_READS'] !== 'off',
    outboxIntervalMs: envNumber(env, 'LATTICE_OUTBOX_INTERVAL_MS', 2000),
    outboxMaxAttempts: envNumber(env, 'LATTICE_OUTBOX_MAX_ATTEMPTS', 10),
    ...rest,
    auth: readAuthConfig(env, auth),
    operations: readOperationsConfig(env, operations),
    timers: readTimerConfig(env, timers),
  };
}
