import { envNumber } from './env-number.js';

/** How a node behaves in operation: draining, catching up with other nodes, deferred drops, DDL locks, start-up. */
export interface OperationsConfig {
  /** After SIGTERM: how long requests in flight may take to finish before their connections are closed (ms). */
  readonly shutdownTimeoutMs: number;
  /** How often a node checks the stored version (backing up notifications), reports itself and runs drops that are due (ms). */
  readonly versionCheckMs: number;
  /** First wait before reconnecting a lost notification connection; doubles on each failure, up to 30 s (ms). */
  readonly notifyReconnectMs: number;
  /** A node that has not reported itself for this long is taken as gone: deferred drops stop waiting for it (ms). */
  readonly nodeTimeoutMs: number;
  /** How long every node must have served a version before the columns and tables it no longer reads are dropped (ms). */
  readonly dropGraceMs: number;
  /** How long a publish's DDL waits for a lock on a busy table before it gives up (ms): reads queue behind it at most this long. */
  readonly ddlLockTimeoutMs: number;
  /** A publish transaction left idle this long (its node frozen or cut off) is ended by the database, releasing its locks (ms). */
  readonly publishIdleTimeoutMs: number;
  /** How long opening a database connection may take before the start (or the request) fails (ms). */
  readonly databaseConnectTimeoutMs: number;
}

export function readOperationsConfig(env: NodeJS.ProcessEnv, overrides: Partial<OperationsConfig> = {}): OperationsConfig {
  const ms = (name: string, fallback: number) => envNumber(env, name, fallback);
  return {
    shutdownTimeoutMs: ms('LATTICE_SHUTDOWN_TIMEOUT_MS', 10_000),
    versionCheckMs: ms('LATTICE_VERSION_CHECK_MS', 5_000),
    notifyReconnectMs: ms('LATTICE_NOTIFY_RECONNECT_MS', 1_000),
    nodeTimeoutMs: ms('LATTICE_NODE_TIMEOUT_MS', 30_000),
    dropGraceMs: ms('LATTICE_DROP_GRACE_MS', 10_000),
    ddlLockTimeoutMs: ms('LATTICE_DDL_LOCK_TIMEOUT_MS', 2_000),
    publishIdleTimeoutMs: ms('LATTICE_PUBLISH_IDLE_TIMEOUT_MS', 60_000),
    databaseConnectTimeoutMs: ms('LATTICE_DATABASE_CONNECT_TIMEOUT_MS', 5_000),
    ...overrides,
  };
}
