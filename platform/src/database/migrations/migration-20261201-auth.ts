import { Migration } from '@mikro-orm/migrations';

/** Credentials, sessions and their refresh tokens, OIDC identities, one-time sign-in codes, the signing key. */
export class Migration20261201Auth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_credential" ("user_id" uuid not null references "lattice_user" ("id") on delete cascade, "password_hash" text not null, "failed_attempts" int not null default 0, "locked_until" timestamptz null, "password_changed_at" timestamptz not null, primary key ("user_id"));`);
    this.addSql(`create table "lattice_session" ("id" uuid not null, "user_id" uuid not null references "lattice_user" ("id") on delete cascade, "method" varchar(16) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(32) null, primary key ("id"));`);
    this.addSql(`create index "lattice_session__user" on "lattice_session" ("user_id") where "revoked_at" is null;`);
    this.addSql(`create table "lattice_refresh_token" ("token_hash" varchar(64) not null, "session_id" uuid not null references "lattice_session" ("id") on delete cascade, "created_at" timestamptz not null, "expires_at" timestamptz not null, "rotated_at" timestamptz null, primary key ("token_hash"));`);
    this.addSql(`create index "lattice_refresh_token__session" on "lattice_refresh_token" ("session_id");`);
    this.addSql(`create index "lattice_refresh_token__expires" on "lattice_refresh_token" ("expires_at");`);
    this.addSql(`create table "lattice_external_identity" ("issuer" varchar(500) not null, "subject" varchar(255) not null, "user_id" uuid not null references "lattice_user" ("id") on delete cascade, "linked_at" timestamptz not null, primary key ("issuer", "subject"));`);
    this.addSql(`create index "lattice_external_identity__user" on "lattice_external_identity" ("user_id");`);
    this.addSql(`create table "lattice_sign_in_code" ("code_hash" varchar(64) not null, "user_id" uuid not null references "lattice_user" ("id") on delete cascade, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("code_hash"));`);
    this.addSql(`create table "lattice_auth_key" ("name" varchar(32) not null, "secret" text not null, "created_at" timestamptz not null, primary key ("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_auth_key", "lattice_sign_in_code", "lattice_external_identity", "lattice_refresh_token", "lattice_session", "lattice_credential";');
  }
}
