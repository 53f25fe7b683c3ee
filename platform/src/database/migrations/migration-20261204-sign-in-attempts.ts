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
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_sign_in_attempt";');
  }
}
