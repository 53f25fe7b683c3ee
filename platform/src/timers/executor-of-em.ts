import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlExecutor } from './sql-executor.js';

/**
 * Statements with `$1` parameters on an entity manager's transaction (its
 * Kysely transaction), so timers written from a MikroORM transaction (a
 * workflow transition) commit or roll back with it.
 */
export function executorOfEm(em: EntityManager): SqlExecutor {
  return {
    async query<R>(text: string, values: unknown[] = []) {
      const context = (em.getTransactionContext() ?? em.getKysely()) as Kysely<any>;
      const result = await context.executeQuery<R>(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}
