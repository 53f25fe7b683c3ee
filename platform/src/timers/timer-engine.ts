import type pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { Database } from '../database/database.js';
import { fireTimers } from './fire-timers.js';
import { inTransaction, type FiringTransaction, type SqlExecutor } from './sql-executor.js';
import type { TimerConfig } from '../config/timer-config.js';
import type { TimerHandlerRegistry } from './timer-handler-registry.js';
import type { TimerRow, TimerSpec } from './timer-row.js';
import { dueTimerIds, insertTimer, resumeTimer } from './timer-store.js';
import { WakeUps, type PendingWakeUp } from './wake-ups.js';

const QUEUE = 'lattice-timer';
/** How long wake-ups wait after their timers' transactions, gathering into one insert (pg-boss polls every second anyway). */
const WAKE_UP_DELAY_MS = 200;

/**
 * The timer engine of a node. Rows in `lattice_timer` are the truth; a
 * pg-boss job per timer (`startAfter` its due time) only wakes a node to
 * fire it, and a sweep at start and every `sweepMs` fires whatever is due
 * and unfired (wake-ups lost with a crash, timers overdue after downtime).
 * Any node may fire any timer: `fireTimers` makes that once. A scheduled
 * timer's wake-up is sent after its transaction commits (`wake-ups.ts`), so
 * a transition's transaction holds the row only, and a rolled-back one
 * wakes nothing.
 *
 * On the embedded Postgres pg-boss runs on the platform's own pool (one
 * session: a pool of its own would deadlock behind a transaction) and
 * polls; on a server it has a small pool and LISTEN/NOTIFY.
 */
export class TimerEngine {
  #boss: PgBoss | undefined;
  #sweepTimer: ReturnType<typeof setInterval> | undefined;
  #sweeping: Promise<number> | undefined;
  #stopped = false;
  #wakeUps: WakeUps | undefined;

  constructor(
    private readonly database: Database,
    private readonly handlers: TimerHandlerRegistry,
    private readonly config: TimerConfig,
    private readonly options: { transaction?: FiringTransaction; log?: (message: string) => void; info?: (message: string) => void } = {},
  ) {}

  private log(message: string): void {
    (this.options.log ?? ((m) => console.warn(`lattice: timers: ${m}`)))(message);
  }

  private info(message: string): void {
    (this.options.info ?? ((m) => console.log(`Timers: ${m}`)))(message);
  }

  get pool(): pg.Pool {
    return this.database.pool;
  }

  async start(): Promise<void> {
    const boss = this.database.embedded
      ? new PgBoss({ db: { executeSql: (text, values) => this.database.pool.query(text, values as unknown[]) }, schedule: false })
      : new PgBoss({ connectionString: this.database.connection.connectionString as string, max: 4, useListenNotify: true, schedule: false, application_name: 'lattice-timers' });
    boss.on('error', (error: Error) => this.log(`wake-ups: ${error.message}`));
    await boss.start();
    // Timers far ahead outlive pg-boss's default retention; the sweep would still fire them, but on time is better.
    await boss.createQueue(QUEUE, { retentionSeconds: 400 * 86_400, notify: !this.database.embedded });
    this.#boss = boss;
    this.#wakeUps = new WakeUps(this.database.pool, (wakeUps) => this.#sendWakeUps(boss, wakeUps), WAKE_UP_DELAY_MS, (m) => this.log(m));
    if (!this.config.enabled) return;
    // A timer's job is created long before it is due: NOTIFY wakes no one then, so even with it the poll keeps its short interval.
    await boss.work<{ id: string }>(QUEUE, { batchSize: this.config.batchSize, pollingIntervalSeconds: this.config.pollMs / 1000, notifyPollingIntervalSeconds: this.config.pollMs / 1000 }, async (jobs) => {
      await this.fire(jobs.map((job) => job.data.id));
    });
    // Overdue timers (after downtime) fire in the background: a node with thousands of them serves meanwhile.
    void this.sweep().then(
      (fired) => fired && this.info(`${fired} due timer(s) fired after start`),
      (error: Error) => this.log(`sweep after start failed: ${error.message}`),
    );
    this.#sweepTimer = setInterval(() => void this.sweep().catch((error: Error) => this.log(`sweep failed: ${error.message}`)), this.config.sweepMs);
    this.#sweepTimer.unref();
  }

  /** Schedules a timer on `db` (the caller's transaction: the timer commits with the caller's change, its wake-up follows the commit); idempotent per subject and purpose. */
  async schedule(db: SqlExecutor, spec: TimerSpec): Promise<TimerRow> {
    const { timer, created, xid } = await insertTimer(db, spec);
    if (created && xid) this.#wakeUps?.add({ id: timer.id, dueAt: timer.dueAt, xid });
    return timer;
  }

  /** Restarts a paused timer due at `dueAt`. */
  async resume(db: SqlExecutor, id: string, dueAt: Date): Promise<boolean> {
    const xid = await resumeTimer(db, id, dueAt);
    if (xid) this.#wakeUps?.add({ id, dueAt, xid });
    return xid !== undefined;
  }

  /** The wake-up of a timer its caller inserted itself (with `pg_current_xact_id()` as `xid`), sent once that transaction commits. */
  wakeAfterCommit(wakeUp: PendingWakeUp): void {
    this.#wakeUps?.add(wakeUp);
  }

  /** Sends the wake-ups of committed transactions now, without waiting for their batch (tests, a graceful stop). */
  flushWakeUps(): Promise<void> {
    return this.#wakeUps?.flush() ?? Promise.resolve();
  }

  /** How many wake-ups wait for their transaction's outcome or their batch. */
  get pendingWakeUps(): number {
    return this.#wakeUps?.pending ?? 0;
  }

  /** Fires the given timers that are due and unfired; returns how many fired here. */
  fire(ids: readonly string[]): Promise<number> {
    const transaction: FiringTransaction = this.options.transaction ?? ((work) => inTransaction(this.database.pool, (db) => work(db)));
    return fireTimers(transaction, ids, this.handlers, this.config, (db, spec) => this.schedule(db, spec), (db, id, dueAt) => this.wake(db, id, dueAt));
  }

  /** Fires every due, unfired timer, a batch at a time; one sweep at a time per node. */
  sweep(): Promise<number> {
    this.#sweeping ??= (async () => {
      let total = 0;
      try {
        for (;;) {
          const ids = await dueTimerIds(this.database.pool, this.config.batchSize);
          if (!ids.length || this.#stopped) return total;
          const fired = await this.fire(ids);
          total += fired;
          // Due timers that none of this batch fired are retrying or taken by another node: leave them to the next sweep.
          if (fired === 0) return total;
        }
      } finally {
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    await this.#sweeping?.catch(() => undefined);
    await this.#wakeUps?.stop();
    await this.#boss?.stop({ graceful: true, timeout: 5_000 });
  }

  /**
   * Wake-ups for timer rows written in bulk (an import, a seed): one
   * statement per thousand jobs instead of one per timer. The rows are the
   * truth either way; without a wake-up the sweep still fires them.
   */
  async wakeAll(db: SqlExecutor, timers: readonly { id: string; dueAt: Date }[]): Promise<void> {
    if (!this.#boss) return;
    for (let at = 0; at < timers.length; at += 1000) {
      const jobs = timers.slice(at, at + 1000).map((t) => ({ data: { id: t.id }, startAfter: t.dueAt.toISOString() }));
      await this.#boss.insert(QUEUE, jobs, { db: { executeSql: (text, values) => db.query(text, values as unknown[]) } });
    }
  }

  async #sendWakeUps(boss: PgBoss, wakeUps: readonly PendingWakeUp[]): Promise<void> {
    await boss.insert(QUEUE, wakeUps.map((w) => ({ data: { id: w.id }, startAfter: w.dueAt.toISOString() })));
  }

  private async wake(db: SqlExecutor, id: string, dueAt: Date): Promise<void> {
    if (!this.#boss) return; // not started (a tool, a test): the sweep of a running node fires it.
    await this.#boss.send(QUEUE, { id }, { startAfter: dueAt, db: { executeSql: (text, values) => db.query(text, values as unknown[]) } });
  }
}
