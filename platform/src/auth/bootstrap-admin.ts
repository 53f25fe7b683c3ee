import { randomInt, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config/auth-config.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { AuthService } from './auth-service.js';
import { checkPasswordRules } from './password-rules.js';

export const BOOTSTRAP_LOGIN = 'admin';

export interface BootstrapAdmin {
  readonly login: string;
  /** Set only when this start generated it: shown once, never stored in clear. */
  readonly generatedPassword?: string;
}

/**
 * On a database without users, creates the `admin` user so that someone can
 * sign in at all. Its password is LATTICE_ADMIN_PASSWORD, or generated and
 * handed back to be printed once. It is a platform admin (unrestricted), so
 * that it can set up the organisation; roles and positions are the
 * organisation's business. Nodes starting together create it once
 * (the unique login decides; only the winner sets the password).
 */
/** A LATTICE_ADMIN_PASSWORD that breaks the password rules stops the start before anything opens, naming the variable. */
export function assertAdminPasswordAcceptable(config: AuthConfig): void {
  if (config.adminPassword === undefined) return;
  const problems = checkPasswordRules(config.adminPassword, BOOTSTRAP_LOGIN, config);
  if (problems.length) throw new Error(`LATTICE_ADMIN_PASSWORD is not acceptable: ${problems.map((p) => p.message).join('; ')}`);
}

export async function bootstrapAdmin(orm: MikroORM, auth: AuthService, config: AuthConfig): Promise<BootstrapAdmin | undefined> {
  const em = orm.em.fork();
  const [any] = await em.execute<{ id: string }[]>(`select "id" from "lattice_user" limit 1`);
  if (any) return undefined;
  const password = config.adminPassword ?? generatePassword(config);
  const problems = checkPasswordRules(password, BOOTSTRAP_LOGIN, config);
  if (problems.length) throw LatticeError.passwordRejected(problems);
  const id = randomUUID();
  const created = await em.execute<{ id: string }[]>(
    `insert into "lattice_user" ("id", "login", "display_name", "status", "platform_admin", "created_at", "updated_at") values (?, ?, 'Administrator', 'active', true, now(), now()) on conflict ("login") do nothing returning "id"`,
    [id, BOOTSTRAP_LOGIN],
  );
  if (!created.length) return undefined;
  await auth.setPassword(id, password);
  return { login: BOOTSTRAP_LOGIN, ...(config.adminPassword ? {} : { generatedPassword: password }) };
}

/** 20 random characters from an alphabet without look-alikes, kept until it meets the rules. */
function generatePassword(config: AuthConfig): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const length = Math.max(20, config.passwordMinLength);
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (!checkPasswordRules(password, BOOTSTRAP_LOGIN, config).length) return password;
  }
}
