import { Migration } from '@mikro-orm/migrations';

/** Sharing rules, shares of single records (serve-anywhere grants among them) and the access log. */
export class Migration20261202Sharing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_sharing_rule" ("key" varchar(64) not null, "entity_key" varchar(48) not null, "rule" jsonb not null, "updated_at" timestamptz not null, primary key ("key"));`);
    this.addSql(`create table "lattice_record_share" ("id" uuid not null, "entity_key" varchar(48) not null, "record_id" uuid not null, "user_id" uuid null, "unit_id" uuid null, "access" varchar(16) not null, "kind" varchar(16) not null, "reason" text null, "granted_by" varchar(200) not null, "granted_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lattice_record_share__user" on "lattice_record_share" ("entity_key", "user_id");`);
    this.addSql(`create index "lattice_record_share__unit" on "lattice_record_share" ("entity_key", "unit_id");`);
    this.addSql(`create table "lattice_access_log" ("id" bigserial primary key, "at" timestamptz not null, "user_id" uuid null, "login" varchar(100) not null, "kind" varchar(32) not null, "entity_key" varchar(48) not null, "record_ids" uuid[] not null, "unit_ids" uuid[] not null, "reason" text null, "details" jsonb not null);`);
    this.addSql(`create index "lattice_access_log__at" on "lattice_access_log" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_access_log", "lattice_record_share", "lattice_sharing_rule";');
  }
}
