import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { SignInMethod } from './auth-entities.js';
import { createSecretToken, hashSecretToken } from './secret-token.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { SessionCheckCache } from './session-check-cache.js';

export interface OpenedSession {
  readonly userId: string;
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

/**
 * Sessions and their refresh tokens. A session is a token family: each
 * refresh marks the presented token rotated and adds the next one; a rotated
 * token presented again means a copy is in someone else's hands, so the
 * whole session is revoked (two refreshes racing with one token count as
 * reuse too: a client refreshes one at a time).
 */
export class SessionStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly refreshTokenSeconds: number,
    /** Recent checks of this node: a revocation drops its own before it returns (other nodes hear of it from the database). */
    private readonly checks: SessionCheckCache,
  ) {}

  /** Opens a session of an active user (a disabled or unknown one gets `accountDisabled`). */
  async open(userId: string, method: SignInMethod): Promise<OpenedSession> {
    const sessionId = randomUUID();
    return this.orm.em.fork().transactional(async (em) => {
      const opened = await em.execute<{ id: string }[]>(
        `insert into "lattice_session" ("id", "user_id", "method", "created_at") select ?, u."id", ?, now() from "lattice_user" u where u."id" = ? and u."status" = 'active' returning "id"`,
        [sessionId, method, userId],
      );
      if (!opened.length) throw LatticeError.accountDisabled();
      // Expired tokens can neither refresh nor reveal a reuse: drop them as new sessions start (an indexed range).
      await em.execute(`delete from "lattice_refresh_token" where "expires_at" < now() - interval '1 day'`);
      return { userId, sessionId, ...(await this.addToken(em, sessionId)) };
    });
  }

  async rotate(refreshToken: string): Promise<OpenedSession> {
    const hash = hashSecretToken(refreshToken);
    const em = this.orm.em.fork();
    const rotated = await em.transactional(async (tx) => {
      const [row] = await tx.execute<{ session_id: string; user_id: string }[]>(
        `update "lattice_refresh_token" t set "rotated_at" = now() from "lattice_session" s, "lattice_user" u
         where t."token_hash" = ? and t."rotated_at" is null and t."expires_at" > now()
           and s."id" = t."session_id" and s."revoked_at" is null and u."id" = s."user_id" and u."status" = 'active'
         returning t."session_id", s."user_id"`,
        [hash],
      );
      if (!row) return undefined;
      return { userId: row.user_id, sessionId: row.session_id, ...(await this.addToken(tx, row.session_id)) };
    });
    if (rotated) return rotated;
    const [known] = await em.execute<{ session_id: string; rotated: boolean }[]>(`select "session_id", "rotated_at" is not null as "rotated" from "lattice_refresh_token" where "token_hash" = ?`, [hash]);
    if (known?.rotated) {
      await this.revoke(known.session_id, 'reuse');
      throw LatticeError.refreshTokenReused();
    }
    throw LatticeError.refreshTokenInvalid();
  }

  /** The session a refresh token belongs to, if it is known. */
  async sessionOf(refreshToken: string): Promise<string | undefined> {
    const [row] = await this.orm.em.fork().execute<{ session_id: string }[]>(`select "session_id" from "lattice_refresh_token" where "token_hash" = ?`, [hashSecretToken(refreshToken)]);
    return row?.session_id;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.orm.em.fork().execute(`update "lattice_session" set "revoked_at" = now(), "revoked_reason" = ? where "id" = ? and "revoked_at" is null`, [reason, sessionId]);
    this.checks.ended({ kind: 'session', sessionId });
  }

  /** Revokes every open session of a user but one (a password change keeps the session that made it). */
  async revokeOthers(userId: string, keepSessionId: string | null, reason: string): Promise<void> {
    await this.orm.em.fork().execute(`update "lattice_session" set "revoked_at" = now(), "revoked_reason" = ? where "user_id" = ? and "revoked_at" is null and "id" is distinct from ?`, [reason, userId, keepSessionId]);
    this.checks.ended({ kind: 'user', userId });
  }

  /**
   * The user of an open session, when the user is still active: one
   * primary-key lookup. Requests reach it through `SessionCheckCache`.
   */
  async activeUser(sessionId: string, userId: string): Promise<AuthenticatedUser | undefined> {
    const [row] = await this.orm.em.fork().execute<{ login: string; display_name: string }[]>(
      `select u."login", u."display_name" from "lattice_session" s join "lattice_user" u on u."id" = s."user_id"
       where s."id" = ? and s."user_id" = ? and s."revoked_at" is null and u."status" = 'active'`,
      [sessionId, userId],
    );
    return row ? { userId, sessionId, login: row.login, displayName: row.display_name } : undefined;
  }

  private async addToken(em: EntityManager, sessionId: string): Promise<{ refreshToken: string; refreshTokenExpiresAt: Date }> {
    const { token, hash } = createSecretToken();
    const expiresAt = new Date(Date.now() + this.refreshTokenSeconds * 1000);
    await em.execute(`insert into "lattice_refresh_token" ("token_hash", "session_id", "created_at", "expires_at") values (?, ?, now(), ?)`, [hash, sessionId, expiresAt]);
    return { refreshToken: token, refreshTokenExpiresAt: expiresAt };
  }
}
