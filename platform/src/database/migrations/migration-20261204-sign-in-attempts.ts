import { Migration } from '@mikro-orm/migrations';

/**
 * Password sign-in attempts counted per login name, whether or not a user has
 * that login, so that a locked account and an unknown login answer alike. The
 * count is taken in one statement before the password is verified: parallel
 * attempts cannot verify more passwords than the limit.
 */
export class Migration20261204SignInAttempts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_sign_in_attempt" ("login" varchar(200) not null, "attempts" int not null, "locked_until" timestamptz null, "last_attempt_at" timestamptz not null, primary key ("login"));`);
    this.addSql(`create index "lattice_sign_in_attempt__last" on "lattice_sign_in_attempt" ("last_attempt_at");`);
    // The counts and locks kept per account so far carry over; a lock in force counts as past any limit (its count was reset when it locked).
    this.addSql(`insert into "lattice_sign_in_attempt" ("login", "attempts", "locked_until", "last_attempt_at")
      select u."login", case when c."locked_until" > now() then 1000000 else c."failed_attempts" end, case when c."locked_until" > now() then c."locked_until" end, now()
      from "lattice_credential" c join "lattice_user" u on u."id" = c."user_id" where c."failed_attempts" > 0 or c."locked_until" > now();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_sign_in_attempt";');
  }
}
