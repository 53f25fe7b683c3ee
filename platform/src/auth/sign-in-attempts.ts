import type { MikroORM } from '@mikro-orm/postgresql';

/** What one reserved attempt may do: verify a password, or nothing because the login is locked. */
export type AttemptReservation =
  | { readonly allowed: true; /** The lock this attempt's failure sets (it is the last one allowed). */ readonly lastBefore?: Date }
  | { readonly allowed: false; readonly lockedUntil: Date };

/**
 * The lock-out counter: password sign-in attempts per normalised login,
 * known or not, counted in the database in one statement each.
 *
 * An attempt is reserved before its password is verified, so N parallel
 * attempts get the numbers 1…N and only those up to the limit verify
 * anything: the attempt that reaches the limit also writes the lock, which
 * its success lifts again. While locked, every attempt is refused without a
 * verification, whether the login exists or not: a locked account and an
 * unknown one answer the same, in the same time. A lock that has ended
 * starts the count again.
 */
export class SignInAttempts {
  constructor(private readonly orm: MikroORM, private readonly limit: number, private readonly lockSeconds: number) {}

  async reserve(login: string): Promise<AttemptReservation> {
    const until = new Date(Date.now() + this.lockSeconds * 1000);
    const [row] = await this.orm.em.fork().execute<{ attempts: number; locked_until: Date | null }[]>(
      `insert into "lattice_sign_in_attempt" as a ("login", "attempts", "locked_until", "last_attempt_at")
         values (?, 1, case when 1 >= ?::int then ?::timestamptz end, now())
       on conflict ("login") do update set
         "attempts" = case when a."locked_until" <= now() then 1 else a."attempts" + 1 end,
         "locked_until" = case
           when a."locked_until" <= now() then case when 1 >= ?::int then ?::timestamptz end
           when a."locked_until" is null and a."attempts" + 1 >= ?::int then ?::timestamptz
           else a."locked_until" end,
         "last_attempt_at" = now()
       returning "attempts", "locked_until"`,
      [login, this.limit, until, this.limit, until, this.limit, until],
    );
    const attempts = Number(row?.attempts ?? 1);
    const lockedUntil = row?.locked_until ? new Date(row.locked_until) : null;
    if (attempts > this.limit && lockedUntil) return { allowed: false, lockedUntil };
    return lockedUntil ? { allowed: true, lastBefore: lockedUntil } : { allowed: true };
  }

  /** A right password: the count starts again and any lock this attempt set is lifted. */
  async succeeded(login: string): Promise<void> {
    await this.orm.em.fork().execute(`delete from "lattice_sign_in_attempt" where "login" = ?`, [login]);
  }

  /** A new password set by its user or an administrator unlocks the login. */
  async reset(login: string): Promise<void> {
    await this.succeeded(login);
  }
}
