import type { MikroORM } from '@mikro-orm/postgresql';

/** Links from an identity at an OpenID Connect provider (issuer + subject) to a Lattice user. */
export class ExternalIdentities {
  constructor(private readonly orm: MikroORM) {}

  async userOf(issuer: string, subject: string): Promise<string | undefined> {
    const [row] = await this.orm.em.fork().execute<{ user_id: string }[]>(`select "user_id" from "lattice_external_identity" where "issuer" = ? and "subject" = ?`, [issuer, subject]);
    return row?.user_id;
  }

  /** Links (or re-links) the identity to the user. */
  async link(issuer: string, subject: string, userId: string): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into "lattice_external_identity" ("issuer", "subject", "user_id", "linked_at") values (?, ?, ?, now()) on conflict ("issuer", "subject") do update set "user_id" = excluded."user_id", "linked_at" = excluded."linked_at"`,
      [issuer, subject, userId],
    );
  }

  /** The id of the user with this login, whatever their status (sign-in checks the status). */
  async userWithLogin(login: string): Promise<string | undefined> {
    const [row] = await this.orm.em.fork().execute<{ id: string }[]>(`select "id" from "lattice_user" where "login" = ?`, [login.trim().toLowerCase()]);
    return row?.id;
  }
}
