import { createHash, randomBytes } from 'node:crypto';

/** An opaque secret for a client (refresh token, one-time code) and the digest stored in its place. */
export function createSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** SHA-256 suffices: the token is 256 random bits, so there is nothing to guess and no need for a slow hash. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
