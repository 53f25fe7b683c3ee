import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import { namesCreatedIn, recordDeferredDrops, runDeferredDrops, splitContractFirst } from './deferred-drops.js';

export interface DdlTimeouts {
  /** How long one statement waits for a table lock (ms): readers queued behind the DDL wait at most this long. */
  readonly ddlLockTimeoutMs: number;
  /** The database ends the transaction (and frees its locks) when its node leaves it idle this long (ms; 0: never, as on the embedded Postgres, whose one session must not end). */
  readonly publishIdleTimeoutMs: number;
}

/** Bounds the waits of the calling transaction: its lock waits, and how long it may sit idle. */
export async function limitPublishWaits(tx: EntityManager, timeouts: DdlTimeouts): Promise<void> {
  await tx.execute(`set local lock_timeout = ${Math.max(1, Math.floor(timeouts.ddlLockTimeoutMs))}`);
  if (timeouts.publishIdleTimeoutMs > 0) await tx.execute(`set local idle_in_transaction_session_timeout = ${Math.floor(timeouts.publishIdleTimeoutMs)}`);
}

/**
 * Runs a plan's DDL in the publish transaction, contract first: the drops
 * earlier publishes deferred run first (the plan assumes they are done),
 * then the plan's statements with its own drops deferred to `version`.
 * A statement that fails aborts everything, named with its index in the
 * plan; one that waited too long for a busy table names that table.
 */
export async function runPublishDdl(tx: EntityManager, ddl: readonly string[], version: number, timeouts: DdlTimeouts): Promise<{ deferred: string[] }> {
  await runDeferredDrops(tx, undefined, (statement) =>
    tx.execute(statement).catch((error: DatabaseError) => {
      throw failure(error, 'deferredDrops', statement, timeouts, () => LatticeError.conflict(`Publishing changed nothing: a drop an earlier publish deferred failed: ${statement} — ${error.message}`));
    }),
  );
  // Found once: the names the plan creates again decide, statement by statement, what is dropped now.
  const recreated = namesCreatedIn(ddl);
  for (const [index, statement] of ddl.entries()) {
    const { now } = splitContractFirst([statement], recreated);
    for (const part of now) {
      await tx.execute(part).catch((error: DatabaseError) => {
        throw failure(error, `ddl[${index}]`, statement, timeouts, () => LatticeError.publishFailed(index, statement, [error.message.split('\n')[0] ?? 'the database refused it', error.detail].filter(Boolean).join(': ')));
      });
    }
  }
  const { deferred } = splitContractFirst(ddl, recreated);
  await recordDeferredDrops(tx, version, deferred);
  return { deferred };
}

type DatabaseError = Error & { code?: string; detail?: string };

const LOCK_NOT_AVAILABLE = '55P03';

function failure(error: DatabaseError, path: string, statement: string, timeouts: DdlTimeouts, otherwise: () => LatticeError): LatticeError {
  if (error.code === LOCK_NOT_AVAILABLE || /lock timeout/i.test(error.message)) return LatticeError.tableBusy(tableOf(statement), path, timeouts.ddlLockTimeoutMs);
  return otherwise();
}

/** The table a DDL statement works on, as named in it. */
export function tableOf(statement: string): string {
  const match = /(?:table(?: if exists)?|\bon)\s+"((?:[^"]|"")+)"/i.exec(statement);
  return match?.[1]?.replace(/""/g, '"') ?? statement;
}
