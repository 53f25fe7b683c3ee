import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config/auth-config.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { PasswordHasher } from './password-hasher.js';
import { checkPasswordRules } from './password-rules.js';

export interface VerifiedUser {
  readonly userId: string;
  readonly login: string;
}

interface CredentialLookup {
  id: string;
  login: string;
  status: string;
  password_hash: string | null;
  locked_until: Date | null;
}

/**
 * Password sign-in: verification, lock-out and setting passwords. Order of
 * checks: unknown login or no password → a dummy hash is verified (same cost
 * as a wrong password) and the one "wrong login or password" error; locked →
 * the lock and its end; wrong password → counted, the Nth in a row locks;
 * right password of a disabled user → disabled. Only someone who knows the
 * password learns that an account is disabled.
 */
export class PasswordCredentials {
  constructor(private readonly orm: MikroORM, private readonly hasher: PasswordHasher, private readonly config: AuthConfig) {}

  async verifyOrThrow(login: string, password: string): Promise<VerifiedUser> {
    const em = this.orm.em.fork();
    const [row] = await em.execute<CredentialLookup[]>(
      `select u."id", u."login", u."status", c."password_hash", c."locked_until" from "lattice_user" u left join "lattice_credential" c on c."user_id" = u."id" where u."login" = ?`,
      [login.trim().toLowerCase()],
    );
    if (!row?.password_hash) {
      await this.hasher.verifyNothing(password);
      throw LatticeError.invalidCredentials();
    }
    const lockedUntil = row.locked_until ? new Date(row.locked_until) : null;
    if (lockedUntil && lockedUntil > new Date()) throw LatticeError.accountLocked(lockedUntil);
    if (!(await this.hasher.verify(row.password_hash, password))) {
      const lockedNow = await this.recordFailure(row.id);
      throw lockedNow ? LatticeError.accountLocked(lockedNow) : LatticeError.invalidCredentials();
    }
    if (row.status !== 'active') throw LatticeError.accountDisabled();
    await em.execute(`update "lattice_credential" set "failed_attempts" = 0, "locked_until" = null where "user_id" = ? and ("failed_attempts" > 0 or "locked_until" is not null)`, [row.id]);
    if (this.hasher.needsRehash(row.password_hash)) await this.store(row.id, await this.hasher.hash(password), false);
    return { userId: row.id, login: row.login };
  }

  /** Checks the password rules, then stores the password's hash; clears any lock. */
  async set(userId: string, password: string): Promise<void> {
    const [user] = await this.orm.em.fork().execute<{ login: string }[]>(`select "login" from "lattice_user" where "id" = ?`, [userId]);
    if (!user) throw LatticeError.notFound(`User ${userId}`);
    const problems = checkPasswordRules(password, user.login, this.config);
    if (problems.length) throw LatticeError.passwordRejected(problems);
    await this.store(userId, await this.hasher.hash(password), true);
  }

  /** The Nth failure in a row locks the account and starts counting again: returns the lock's end then. */
  private async recordFailure(userId: string): Promise<Date | undefined> {
    const { lockoutAttempts, lockoutSeconds } = this.config;
    const until = new Date(Date.now() + lockoutSeconds * 1000);
    const [row] = await this.orm.em.fork().execute<{ locked: boolean }[]>(
      `update "lattice_credential" set
         "locked_until" = case when "failed_attempts" + 1 >= ? then ?::timestamptz else "locked_until" end,
         "failed_attempts" = case when "failed_attempts" + 1 >= ? then 0 else "failed_attempts" + 1 end
       where "user_id" = ? returning "locked_until" = ?::timestamptz as "locked"`,
      [lockoutAttempts, until, lockoutAttempts, userId, until],
    );
    return row?.locked ? until : undefined;
  }

  private async store(userId: string, hash: string, changed: boolean): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into "lattice_credential" ("user_id", "password_hash", "failed_attempts", "locked_until", "password_changed_at") values (?, ?, 0, null, now())
       on conflict ("user_id") do update set "password_hash" = excluded."password_hash"${changed ? ', "failed_attempts" = 0, "locked_until" = null, "password_changed_at" = excluded."password_changed_at"' : ''}`,
      [userId, hash],
    );
  }
}
