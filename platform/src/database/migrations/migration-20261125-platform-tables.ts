import { Migration } from '@mikro-orm/migrations';

/** Metadata versions, drafts, the audit log and autonumber counters. */
export class Migration20261125PlatformTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_metadata_version" ("version" int not null, "hash" varchar(64) not null, "source" jsonb not null, "plan" jsonb not null, "published_at" timestamptz not null, "published_by" varchar(200) null, "comment" text null, "restored_from" int null, primary key ("version"));`);
    this.addSql(`create table "lattice_draft" ("name" varchar(100) not null, "source" jsonb not null, "base_version" int null, "updated_at" timestamptz not null, "updated_by" varchar(200) null, primary key ("name"));`);
    this.addSql(`create table "lattice_audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor" varchar(200) null, "action" varchar(32) not null, "entity" varchar(64) null, "record_id" uuid null, "record_version" int null, "metadata_version" int null, "changes" jsonb not null);`);
    this.addSql(`create index "lattice_audit_entry__record" on "lattice_audit_entry" ("entity", "record_id", "id");`);
    this.addSql(`create index "lattice_audit_entry__at" on "lattice_audit_entry" ("at");`);
    this.addSql(`create table "lattice_sequence" ("scope" varchar(120) not null, "period" varchar(16) not null, "value" bigint not null, primary key ("scope", "period"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_sequence", "lattice_audit_entry", "lattice_draft", "lattice_metadata_version";');
  }
}
