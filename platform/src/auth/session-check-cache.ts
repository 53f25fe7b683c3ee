import { LRUCache } from 'lru-cache';
import type { SessionEnded } from '../notices/version-notifier.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** The outcome of a full check of an access token: its user, and when the token expires. */
export interface SessionCheck {
  readonly user: AuthenticatedUser;
  readonly expiresAt: Date;
}

/**
 * Access tokens this node verified a moment ago (signature, expiry, an open
 * session of an active user), so that most requests need neither the
 * signature check nor the database round trip of the session lookup.
 *
 * Safe because every end of a session is heard: this node's own revocations
 * drop their entries before they return, and the database announces every
 * end (sign-out, reuse, password change, a user disabled or deleted, even by
 * hand in SQL) to every node, which drops the entries concerned as it hears
 * it. Two races are closed by counting the ends heard: a check that was
 * running when one was heard is not kept (it may have read the session just
 * before it ended). Should the notices stop (the listening connection
 * broke), nothing is kept: every request checks in full again, until the
 * connection is back (`heard`; checks running then are not kept either).
 * Entries last `ttlMs` at most (a bound on what a lost notice could cost),
 * never past the token's own expiry.
 */
export class SessionCheckCache {
  readonly #checked: LRUCache<string, AuthenticatedUser> | undefined;
  #endsHeard = 0;
  #deaf = false;

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {
    this.#checked = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries, ttl: options.ttlMs }) : undefined;
  }

  /** The user of `token`, from a recent check, or from `check` (kept unless a session ended meanwhile). Failures are never kept. */
  async userOf(token: string, check: () => Promise<SessionCheck>): Promise<AuthenticatedUser> {
    const cached = this.#checked?.get(token);
    if (cached) return cached;
    const endsBefore = this.#endsHeard;
    const { user, expiresAt } = await check();
    const ttl = Math.min(this.options.ttlMs, expiresAt.getTime() - Date.now());
    if (this.#checked && !this.#deaf && this.#endsHeard === endsBefore && ttl > 0) this.#checked.set(token, user, { ttl });
    return user;
  }

  /** Drops what an end of a session makes stale: that session, or every session of that user; everything when notices stop. */
  ended(ended: SessionEnded): void {
    this.#endsHeard++;
    if (!this.#checked) return;
    if (ended.kind === 'unheard' || ended.kind === 'heard') {
      this.#deaf = ended.kind === 'unheard';
      this.#checked.clear();
      return;
    }
    const stale = [...this.#checked.entries()].filter(([, user]) => (ended.kind === 'session' ? user.sessionId === ended.sessionId : user.userId === ended.userId));
    for (const [token] of stale) this.#checked.delete(token);
  }
}
