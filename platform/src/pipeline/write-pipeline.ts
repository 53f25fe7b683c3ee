import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import type { RequestTransaction } from './request-transaction.js';
import type { WriteContext } from './write-context.js';
import type { WriteStep } from './write-step.js';
import { authorise } from './steps/authorise.js';
import { fieldSecurity } from './steps/field-security.js';
import { referenceVisibility } from './steps/reference-visibility.js';
import { lockAny, lockLive } from './steps/lock-stored.js';
import { checkChange, checkNew, markDeleted, markRestored } from './steps/check-record.js';
import { afterPersist, beforePersist } from './steps/record-hooks.js';
import { persistChange, persistNew } from './steps/persist.js';
import { audit } from './steps/audit.js';

/** Every write's steps, in order; each runs for the verbs it declares. */
export const WRITE_STEPS: readonly WriteStep[] = [authorise, fieldSecurity, referenceVisibility, lockLive, lockAny, checkNew, checkChange, markDeleted, markRestored, beforePersist, persistNew, persistChange, audit, afterPersist];

/**
 * Runs a write's steps in one transaction on the access point's entity
 * manager, so that everything the steps and hooks read or write through
 * the access point (references, form facts, a hook's own writes) is in it
 * and rolls back with it. A write inside another one (a hook's, or one of
 * a request of several mutations) runs as a savepoint of it.
 */
export async function runWritePipeline(context: Omit<WriteContext, 'em'>, em: EntityManager, requestTransaction?: RequestTransaction, steps: readonly WriteStep[] = WRITE_STEPS): Promise<WriteContext> {
  const write = context as WriteContext;
  const run = async (transaction: EntityManager) => {
    write.em = transaction;
    for (const step of steps) if (step.verbs.includes(write.verb)) await step.run(write);
  };
  try {
    await requestTransaction?.join(em);
    if (em.isInTransaction()) {
      await em.transactional((savepoint) => run(savepoint as EntityManager));
      return write;
    }
    await em.begin();
    try {
      await run(em);
      await em.commit();
    } catch (error) {
      await em.rollback().catch(() => undefined);
      em.clear();
      throw error;
    }
    return write;
  } catch (error) {
    if (error instanceof LatticeError) throw error;
    if ((error as { name?: string }).name === 'OptimisticLockError') throw LatticeError.conflict(`${context.entity.name} was changed by someone else meanwhile; reload it and try again`);
    throw translateDatabaseError(error, context.entity) ?? error;
  }
}
