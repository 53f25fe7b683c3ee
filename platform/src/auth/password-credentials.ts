import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config/auth-config.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { PasswordHasher } from './password-hasher.js';
import { checkPasswordRules } from './password-rules.js';
import { SignInAttempts } from './sign-in-attempts.js';

export interface VerifiedUser {
  readonly userId: string;
  readonly login: string;
}

interface CredentialLookup {
  id: string;
  login: string;
  status: string;
  password_hash: string | null;
}

/** The longest login a user can have (the column's length): a longer one is refused before anything is counted. */
const LOGIN_MAX_LENGTH = 100;

/**
 * Password sign-in: verification, lock-out and setting passwords. Order of
 * checks: the attempt is counted for the login name, known or not
 * (`SignInAttempts`); past the limit it is refused as locked before anything
 * else, alike for every login. Unknown login or no password → a dummy hash is
 * verified (same cost as a wrong password) and the one "wrong login or
 * password" error; wrong password → the same error, or the lock when this
 * was the last attempt allowed; right password of a disabled user →
 * disabled. Only someone who knows the password learns that an account is
 * disabled.
 */
export class PasswordCredentials {
  private readonly attempts: SignInAttempts;

  constructor(private readonly orm: MikroORM, private readonly hasher: PasswordHasher, private readonly config: AuthConfig) {
    this.attempts = new SignInAttempts(orm, config.lockoutAttempts, config.lockoutSeconds);
  }

  async verifyOrThrow(login: string, password: string): Promise<VerifiedUser> {
    const name = normaliseLoginOrThrow(login);
    const attempt = await this.attempts.reserve(name);
    if (!attempt.allowed) throw LatticeError.accountLocked(attempt.lockedUntil);
    const failed = () => (attempt.lastBefore ? LatticeError.accountLocked(attempt.lastBefore) : LatticeError.invalidCredentials());
    const em = this.orm.em.fork();
    const [row] = await em.execute<CredentialLookup[]>(
      `select u."id", u."login", u."status", c."password_hash" from "lattice_user" u left join "lattice_credential" c on c."user_id" = u."id" where u."login" = ?`,
      [name],
    );
    if (!row?.password_hash) {
      await this.hasher.verifyNothing(password);
      throw failed();
    }
    if (!(await this.hasher.verify(row.password_hash, password))) throw failed();
    await this.attempts.succeeded(name);
    if (row.status !== 'active') throw LatticeError.accountDisabled();
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
    await this.attempts.reset(user.login);
  }

  private async store(userId: string, hash: string, changed: boolean): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into "lattice_credential" ("user_id", "password_hash", "failed_attempts", "locked_until", "password_changed_at") values (?, ?, 0, null, now())
       on conflict ("user_id") do update set "password_hash" = excluded."password_hash"${changed ? ', "failed_attempts" = 0, "locked_until" = null, "password_changed_at" = excluded."password_changed_at"' : ''}`,
      [userId, hash],
    );
  }
}

/** Logins are compared trimmed and lower-cased; one that no user can have, or that the database cannot hold, is bad input. */
function normaliseLoginOrThrow(login: string): string {
  const name = login.trim().toLowerCase();
  if (name.length > LOGIN_MAX_LENGTH) throw LatticeError.invalidInput('login', `A login has at most ${LOGIN_MAX_LENGTH} characters`);
  if (name.includes('\u0000')) throw LatticeError.invalidInput('login', 'The login contains a NUL character');
  return name;
}
