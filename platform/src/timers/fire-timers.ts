import type { FiringTransaction, SqlExecutor } from './sql-executor.js';
import type { TimerHandlerRegistry } from './timer-handler-registry.js';
import { TIMER_COLUMNS, type TimerRow, type TimerSpec } from './timer-row.js';
import type { TimerConfig } from '../config/timer-config.js';

/**
 * Fires timers exactly once: each is claimed by
 * `UPDATE … SET fired_at = now() WHERE id = $1 AND fired_at IS NULL … RETURNING`
 * and its handler runs in the same transaction, so the mark and the effect
 * commit together or not at all. `SKIP LOCKED` lets another node pass over a
 * timer being fired instead of waiting on it. A batch shares one
 * transaction; each timer has a savepoint, so one failing handler undoes
 * only its own timer, which is retried later.
 */
export async function fireTimers(transaction: FiringTransaction, ids: readonly string[], handlers: TimerHandlerRegistry, config: Pick<TimerConfig, 'maxAttempts' | 'retryMs'>, schedule: (db: SqlExecutor, spec: TimerSpec) => Promise<TimerRow>, wake: (db: SqlExecutor, id: string, dueAt: Date) => Promise<void>): Promise<number> {
  if (!ids.length) return 0;
  return transaction(async (db, em) => {
    let fired = 0;
    for (const id of [...ids].sort()) {
      await db.query('savepoint timer_firing');
      try {
        const claimed = await db.query<TimerRow>(
          `update lattice_timer set fired_at = now(), state = 'fired', attempt = attempt + 1
           where id = (select id from lattice_timer where id = $1 and fired_at is null and state = 'scheduled' and due_at <= now() for update skip locked)
           returning ${TIMER_COLUMNS}`,
          [id],
        );
        const timer = claimed.rows[0];
        if (timer) {
          const handler = handlers.handlerOf(timer.kind);
          if (!handler) throw new Error(`no handler for timer kind "${timer.kind}" on this node`);
          await handler({ timer, db, ...(em ? { em } : {}), schedule: (spec) => schedule(db, spec) });
          fired++;
        }
        await db.query('release savepoint timer_firing');
      } catch (error) {
        await db.query('rollback to savepoint timer_firing');
        const retry = await db.query<{ dueAt: Date; state: string }>(
          `update lattice_timer set attempt = attempt + 1, last_error = $2, due_at = now() + $3 * power(2, least(attempt, 10)) * interval '1 millisecond',
             state = case when attempt + 1 >= $4 then 'failed' else state end
           where id = $1 and fired_at is null returning due_at as "dueAt", state`,
          [id, (error as Error).message.slice(0, 2000), config.retryMs, config.maxAttempts],
        );
        const again = retry.rows[0];
        if (again?.state === 'scheduled') await wake(db, id, again.dueAt);
        await db.query('release savepoint timer_firing');
      }
    }
    return fired;
  });
}
