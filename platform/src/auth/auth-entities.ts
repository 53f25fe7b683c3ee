import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * Sign-in tables. Secrets are never stored: passwords as argon2id hashes,
 * refresh tokens and one-time sign-in codes as SHA-256 digests. A session is
 * a refresh-token family: every rotation adds a token to it, and revoking it
 * ends the refresh tokens and the access tokens issued for it.
 */
export interface CredentialRow {
  userId: string;
  passwordHash: string;
  /** No longer counted here (see `lattice_sign_in_attempt`, counted per login): kept so that no stored column is dropped. */
  failedAttempts: number;
  lockedUntil?: Date | null;
  passwordChangedAt: Date;
}

export const CredentialEntity = new EntitySchema<CredentialRow>({
  name: 'LatticeCredential',
  tableName: 'lattice_credential',
  properties: {
    userId: { type: 'uuid', primary: true },
    passwordHash: { type: 'text' },
    failedAttempts: { type: 'integer', default: 0 },
    lockedUntil: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    passwordChangedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** Password sign-in attempts per normalised login (known or not) since the last success or the end of a lock. */
export interface SignInAttemptRow {
  login: string;
  attempts: number;
  lockedUntil?: Date | null;
  lastAttemptAt: Date;
}

export const SignInAttemptEntity = new EntitySchema<SignInAttemptRow>({
  name: 'LatticeSignInAttempt',
  tableName: 'lattice_sign_in_attempt',
  properties: {
    login: { type: 'string', length: 200, primary: true },
    attempts: { type: 'integer' },
    lockedUntil: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    lastAttemptAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export type SignInMethod = 'password' | 'oidc';

export interface SessionRow {
  id: string;
  userId: string;
  method: SignInMethod;
  createdAt: Date;
  revokedAt?: Date | null;
  /** Why: `sign-out`, `reuse` (a rotated refresh token came back), `password-changed`. */
  revokedReason?: string | null;
}

export const SessionEntity = new EntitySchema<SessionRow>({
  name: 'LatticeSession',
  tableName: 'lattice_session',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    method: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    revokedReason: { type: 'string', length: 32, nullable: true },
  },
});

export interface RefreshTokenRow {
  /** SHA-256 of the token, hex. */
  tokenHash: string;
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when the token was exchanged for the next one; presenting it again revokes the session. */
  rotatedAt?: Date | null;
}

export const RefreshTokenEntity = new EntitySchema<RefreshTokenRow>({
  name: 'LatticeRefreshToken',
  tableName: 'lattice_refresh_token',
  properties: {
    tokenHash: { type: 'string', length: 64, primary: true },
    sessionId: { type: 'uuid' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    rotatedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

/** An identity at an OpenID Connect provider, linked to a Lattice user. */
export interface ExternalIdentityRow {
  issuer: string;
  subject: string;
  userId: string;
  linkedAt: Date;
}

export const ExternalIdentityEntity = new EntitySchema<ExternalIdentityRow>({
  name: 'LatticeExternalIdentity',
  tableName: 'lattice_external_identity',
  properties: {
    issuer: { type: 'string', length: 500, primary: true },
    subject: { type: 'string', length: 255, primary: true },
    userId: { type: 'uuid' },
    linkedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** A one-time code the OIDC callback hands the browser, exchanged once for Lattice's tokens. */
export interface SignInCodeRow {
  codeHash: string;
  userId: string;
  expiresAt: Date;
  usedAt?: Date | null;
}

export const SignInCodeEntity = new EntitySchema<SignInCodeRow>({
  name: 'LatticeSignInCode',
  tableName: 'lattice_sign_in_code',
  properties: {
    codeHash: { type: 'string', length: 64, primary: true },
    userId: { type: 'uuid' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    usedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

/** The token signing secret, generated once and shared by every node on the database. */
export interface AuthKeyRow {
  name: string;
  secret: string;
  createdAt: Date;
}

export const AuthKeyEntity = new EntitySchema<AuthKeyRow>({
  name: 'LatticeAuthKey',
  tableName: 'lattice_auth_key',
  properties: {
    name: { type: 'string', length: 32, primary: true },
    secret: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const AUTH_ENTITIES = [CredentialEntity, SignInAttemptEntity, SessionEntity, RefreshTokenEntity, ExternalIdentityEntity, SignInCodeEntity, AuthKeyEntity];
