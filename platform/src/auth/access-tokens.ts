import { randomUUID } from 'node:crypto';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { LatticeError } from '../errors/lattice-error.js';

export interface AccessTokenClaims {
  readonly userId: string;
  readonly sessionId: string;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  readonly expiresAt: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

const ISSUER = 'lattice';
const AUDIENCE = 'lattice-api';

/**
 * Short-lived JWTs, HS256: the platform is the only issuer and the only
 * verifier, and its nodes already share a secret, so a public key would buy
 * nothing. Verification accepts HS256 alone (no `none`, no algorithm switch),
 * checks issuer, audience and expiry, and leaves revocation to the session check.
 */
export class AccessTokens {
  /** One key object for every token: building it from the raw bytes on each verification costs more than the HMAC. */
  private readonly key: KeyObject;

  constructor(secret: Uint8Array, private readonly lifetimeSeconds: number) {
    this.key = createSecretKey(secret);
  }

  async issue(claims: AccessTokenClaims): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.lifetimeSeconds;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token; throws UNAUTHENTICATED saying whether it expired or is not ours. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt', requiredClaims: ['sub', 'exp', 'sid'], clockTolerance: 0 });
      if (typeof payload.sub !== 'string' || typeof payload['sid'] !== 'string') throw LatticeError.accessTokenInvalid();
      return { userId: payload.sub, sessionId: payload['sid'], expiresAt: new Date((payload.exp as number) * 1000) };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw LatticeError.accessTokenExpired();
      if (error instanceof LatticeError) throw error;
      throw LatticeError.accessTokenInvalid();
    }
  }
}
