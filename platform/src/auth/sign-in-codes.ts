import type { MikroORM } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import { createSecretToken, hashSecretToken } from './secret-token.js';

const CODE_SECONDS = 60;

/**
 * One-time codes that carry a finished external sign-in from the browser
 * redirect to the client, which exchanges one for tokens: tokens never
 * travel in a URL. A code works once, within a minute; only its digest is stored.
 */
export class SignInCodes {
  constructor(private readonly orm: MikroORM) {}

  async create(userId: string): Promise<{ code: string; expiresAt: Date }> {
    const { token, hash } = createSecretToken();
    const expiresAt = new Date(Date.now() + CODE_SECONDS * 1000);
    const em = this.orm.em.fork();
    // Spent and stale codes are of no use to anyone: drop them as new ones are made.
    await em.execute(`delete from "lattice_sign_in_code" where "expires_at" < now() - interval '1 day'`);
    await em.execute(`insert into "lattice_sign_in_code" ("code_hash", "user_id", "expires_at") values (?, ?, ?)`, [hash, userId, expiresAt]);
    return { code: token, expiresAt };
  }

  /** The user the code signs in; the code is spent. */
  async redeemOrThrow(code: string): Promise<string> {
    const [row] = await this.orm.em.fork().execute<{ user_id: string }[]>(
      `update "lattice_sign_in_code" set "used_at" = now() where "code_hash" = ? and "used_at" is null and "expires_at" > now() returning "user_id"`,
      [hashSecretToken(code)],
    );
    if (!row) throw LatticeError.externalSignInFailed('the sign-in code is unknown, used or expired');
    return row.user_id;
  }
}
