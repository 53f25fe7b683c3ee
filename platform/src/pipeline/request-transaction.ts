import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One transaction around every write of a request, for requests that hold
 * several mutations: each write joins it (the first one opens it on the
 * request's entity manager; each verb's own transaction then runs as a
 * savepoint inside it), and the request ends it once, committing all or
 * rolling all back. Until `open` is called (a request of one mutation, a
 * query), joining does nothing and each write commits on its own.
 */
export class RequestTransaction {
  #open = false;
  readonly #joined = new Set<EntityManager>();

  open(): void {
    this.#open = true;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Whether any write joined: only then is there anything to commit or roll back. */
  get hasWrites(): boolean {
    return this.#joined.size > 0;
  }

  /** Called before each write: the entity manager's next statements run inside the request's transaction. */
  async join(em: EntityManager): Promise<void> {
    if (!this.#open || this.#joined.has(em)) return;
    this.#joined.add(em);
    await em.begin();
  }

  /** Commits every joined write, or rolls every one back; a failed commit rolls back what is left and rethrows. */
  async finish(commit: boolean): Promise<void> {
    const joined = [...this.#joined];
    this.#joined.clear();
    this.#open = false;
    let failure: unknown;
    for (const em of joined) {
      try {
        if (commit && failure === undefined) await em.commit();
        else await em.rollback();
      } catch (error) {
        failure ??= error;
        await em.rollback().catch(() => undefined);
      }
    }
    if (failure !== undefined) throw failure;
  }
}
