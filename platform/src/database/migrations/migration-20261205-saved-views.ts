import { Migration } from '@mikro-orm/migrations';

/** The list views users save for themselves, one name per user and entity. */
export class Migration20261205SavedViews extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_saved_view" ("id" uuid not null, "user_id" uuid not null references "lattice_user" ("id") on delete cascade, "entity_key" varchar(48) not null, "name" varchar(100) not null, "columns" jsonb not null, "filter" jsonb null, "sort" jsonb null, "page_size" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "lattice_saved_view" add constraint "lattice_saved_view__name" unique ("user_id", "entity_key", "name");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_saved_view";');
  }
}
