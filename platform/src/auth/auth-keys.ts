import { hkdfSync, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config/auth-config.js';

/** Keys derived from the one platform secret, one per use, so a token of one kind never passes as another. */
export interface AuthKeys {
  /** HS256 key of access tokens. */
  readonly accessToken: Uint8Array;
  /** A256GCM key of the OIDC login cookie (state, nonce, PKCE verifier). */
  readonly oidcCookie: Uint8Array;
  /** HMAC key of issued quotes: an order keeps only a quote this platform priced. */
  readonly quoteSeal: Uint8Array;
}

const MIN_SECRET_LENGTH = 32;

/**
 * The secret comes from LATTICE_AUTH_SECRET, or else from the database: the
 * first node to start generates it, and `on conflict do nothing` lets nodes
 * starting together agree on one. Restarts and every node on the database
 * therefore verify each other's tokens.
 */
export async function loadAuthKeys(em: EntityManager, config: AuthConfig): Promise<AuthKeys> {
  let secret: Buffer;
  if (config.secret !== undefined) {
    if (config.secret.length < MIN_SECRET_LENGTH) throw new Error(`LATTICE_AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    secret = Buffer.from(config.secret, 'utf8');
  } else {
    await em.execute(`insert into "lattice_auth_key" ("name", "secret", "created_at") values ('signing', ?, now()) on conflict ("name") do nothing`, [randomBytes(32).toString('base64url')]);
    const [row] = await em.execute<{ secret: string }[]>(`select "secret" from "lattice_auth_key" where "name" = 'signing'`);
    if (!row) throw new Error('The signing key could not be stored');
    secret = Buffer.from(row.secret, 'base64url');
  }
  const derive = (purpose: string) => new Uint8Array(hkdfSync('sha256', secret, Buffer.alloc(0), `lattice ${purpose}`, 32));
  return { accessToken: derive('access token'), oidcCookie: derive('oidc cookie'), quoteSeal: derive('quote seal') };
}
