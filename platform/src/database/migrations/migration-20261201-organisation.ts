import { Migration } from '@mikro-orm/migrations';

/** Unit kinds, the org tree and its moves, users with a reporting line, roles and positions. */
export class Migration20261201Organisation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_org_unit_kind" ("key" varchar(48) not null, "label" jsonb not null, "may_own_layer" boolean not null default false, "position" int not null default 0, primary key ("key"));`);
    this.addSql(`create table "lattice_user" ("id" uuid not null, "login" varchar(100) not null, "display_name" varchar(200) not null, "email" varchar(254) null, "phone" varchar(20) null, "supervisor_id" uuid null, "status" varchar(16) not null, "platform_admin" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "lattice_user" add constraint "lattice_user__login" unique ("login");`);
    this.addSql(`create table "lattice_org_unit" ("id" uuid not null, "key" varchar(64) not null, "name" jsonb not null, "kind" varchar(48) not null, "parent_id" uuid null, "path" text not null, "depth" int not null, "head_user_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "lattice_org_unit" add constraint "lattice_org_unit__key" unique ("key");`);
    this.addSql(`create index "lattice_org_unit__parent" on "lattice_org_unit" ("parent_id");`);
    this.addSql(`create table "lattice_org_unit_move" ("id" bigserial primary key, "unit_id" uuid not null, "from_parent_id" uuid null, "to_parent_id" uuid null, "from_path" text not null, "to_path" text not null, "at" timestamptz not null, "by" varchar(200) null);`);
    this.addSql(`create table "lattice_role" ("key" varchar(48) not null, "label" jsonb not null, "description" text null, "permissions" jsonb not null, "builtin" boolean not null default false, "updated_at" timestamptz not null, primary key ("key"));`);
    this.addSql(`create table "lattice_position" ("id" uuid not null, "user_id" uuid not null, "unit_id" uuid not null, "role_key" varchar(48) not null, "is_primary" boolean not null default false, "valid_from" timestamptz not null, "valid_to" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lattice_position__user" on "lattice_position" ("user_id");`);
    this.addSql(`create index "lattice_position__unit" on "lattice_position" ("unit_id");`);
    // Constraint names as MikroORM derives them, so its schema comparison sees no drift.
    this.addSql(`alter table "lattice_user" add constraint "lattice_user_supervisor_id_foreign" foreign key ("supervisor_id") references "lattice_user" ("id") on delete set null;`);
    this.addSql(`alter table "lattice_org_unit" add constraint "lattice_org_unit_kind_foreign" foreign key ("kind") references "lattice_org_unit_kind" ("key");`);
    this.addSql(`alter table "lattice_org_unit" add constraint "lattice_org_unit_parent_id_foreign" foreign key ("parent_id") references "lattice_org_unit" ("id") on delete restrict;`);
    this.addSql(`alter table "lattice_org_unit" add constraint "lattice_org_unit_head_user_id_foreign" foreign key ("head_user_id") references "lattice_user" ("id") on delete set null;`);
    this.addSql(`alter table "lattice_org_unit_move" add constraint "lattice_org_unit_move_unit_id_foreign" foreign key ("unit_id") references "lattice_org_unit" ("id");`);
    this.addSql(`alter table "lattice_position" add constraint "lattice_position_user_id_foreign" foreign key ("user_id") references "lattice_user" ("id");`);
    this.addSql(`alter table "lattice_position" add constraint "lattice_position_unit_id_foreign" foreign key ("unit_id") references "lattice_org_unit" ("id");`);
    this.addSql(`alter table "lattice_position" add constraint "lattice_position_role_key_foreign" foreign key ("role_key") references "lattice_role" ("key");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_position", "lattice_role", "lattice_org_unit_move", "lattice_org_unit", "lattice_user", "lattice_org_unit_kind";');
  }
}
