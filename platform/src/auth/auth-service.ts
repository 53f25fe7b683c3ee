import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config/auth-config.js';
import { LatticeError } from '../errors/lattice-error.js';
import { AccessTokens } from './access-tokens.js';
import { loadAuthKeys, type AuthKeys } from './auth-keys.js';
import { ExternalIdentities } from './external-identities.js';
import { PasswordCredentials } from './password-credentials.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionStore, type OpenedSession } from './session-store.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { SignInCodes } from './sign-in-codes.js';
import { SessionCheckCache } from './session-check-cache.js';
import type { VersionNotifier } from '../notices/version-notifier.js';

export type { AuthenticatedUser } from './authenticated-user.js';

export interface SessionTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
  readonly user: AuthenticatedUser;
}

/**
 * The sign-in module's one entry point: password sign-in, sessions and their
 * tokens, the request verifier, passwords, and what external sign-in needs.
 */
export class AuthService {
  readonly identities: ExternalIdentities;
  private readonly credentials: PasswordCredentials;
  private readonly sessions: SessionStore;
  private readonly codes: SignInCodes;
  private readonly tokens: AccessTokens;

  private readonly checks: SessionCheckCache;

  private constructor(orm: MikroORM, readonly config: AuthConfig, readonly keys: AuthKeys, notifier: Pick<VersionNotifier, 'onSessionEnded'>) {
    this.checks = new SessionCheckCache({ ttlMs: config.sessionCheckCacheSeconds * 1000, maxEntries: 10_000 });
    notifier.onSessionEnded((ended) => this.checks.ended(ended));
    this.credentials = new PasswordCredentials(orm, new PasswordHasher(), config);
    this.sessions = new SessionStore(orm, config.refreshTokenSeconds, this.checks);
    this.codes = new SignInCodes(orm);
    this.identities = new ExternalIdentities(orm);
    this.tokens = new AccessTokens(keys.accessToken, config.accessTokenSeconds);
  }

  /** `notifier` tells of sessions ended on any node (or in SQL), so that recent checks can be kept. */
  static async create(orm: MikroORM, config: AuthConfig, notifier: Pick<VersionNotifier, 'onSessionEnded'>): Promise<AuthService> {
    return new AuthService(orm, config, await loadAuthKeys(orm.em.fork(), config), notifier);
  }

  async signIn(login: string, password: string): Promise<SessionTokens> {
    const { userId } = await this.credentials.verifyOrThrow(login, password);
    return this.tokensFor(await this.sessions.open(userId, 'password'));
  }

  /** Rotates the refresh token: the one presented is spent, the answer holds the next. */
  async refreshSession(refreshToken: string): Promise<SessionTokens> {
    return this.tokensFor(await this.sessions.rotate(refreshToken));
  }

  /** Ends the session of the refresh token (unknown tokens end nothing). */
  async signOut(refreshToken: string): Promise<void> {
    const sessionId = await this.sessions.sessionOf(refreshToken);
    if (sessionId) await this.sessions.revoke(sessionId, 'sign-out');
  }

  async endSession(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'sign-out');
  }

  /** Changing one's password ends one's other sessions. A wrong current password counts towards the lock. */
  async changePassword(user: AuthenticatedUser, currentPassword: string, nextPassword: string): Promise<void> {
    await this.credentials.verifyOrThrow(user.login, currentPassword);
    await this.credentials.set(user.userId, nextPassword);
    await this.sessions.revokeOthers(user.userId, user.sessionId, 'password-changed');
  }

  /** Sets a user's password (an administrator, a seed, the bootstrap), checked against the password rules. */
  async setPassword(userId: string, password: string): Promise<void> {
    await this.credentials.set(userId, password);
  }

  /**
   * The user of an `Authorization: Bearer <token>` header; null when there is
   * no header; throws UNAUTHENTICATED for a malformed, forged, expired or
   * revoked token. A token checked a moment ago on this node is not checked
   * again (`SessionCheckCache` says why that is safe).
   */
  async authenticate(authorization: string | undefined): Promise<AuthenticatedUser | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    if (!token) throw LatticeError.accessTokenInvalid();
    return this.checks.userOf(token, async () => {
      const { userId, sessionId, expiresAt } = await this.tokens.verify(token);
      const user = await this.sessions.activeUser(sessionId, userId);
      if (!user) throw LatticeError.sessionEnded();
      return { user, expiresAt };
    });
  }

  /** Starts a session for a user an identity provider vouched for. */
  async signInExternally(userId: string): Promise<SessionTokens> {
    return this.tokensFor(await this.sessions.open(userId, 'oidc'));
  }

  /** A one-time code that `exchangeSignInCode` turns into a session of the user. */
  createSignInCode(userId: string): Promise<{ code: string; expiresAt: Date }> {
    return this.codes.create(userId);
  }

  async exchangeSignInCode(code: string): Promise<SessionTokens> {
    return this.signInExternally(await this.codes.redeemOrThrow(code));
  }

  private async tokensFor(session: OpenedSession): Promise<SessionTokens> {
    const user = await this.sessions.activeUser(session.sessionId, session.userId);
    if (!user) throw LatticeError.sessionEnded();
    const access = await this.tokens.issue(session);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: session.refreshToken, refreshTokenExpiresAt: session.refreshTokenExpiresAt, user };
  }
}
