import { Migration } from '@mikro-orm/migrations';

/**
 * Operations: the nodes serving this database and the version each serves
 * (a heartbeat), and the drops a publish deferred until every node has moved
 * past the version that still reads what they drop (contract first).
 * Also the completed steps of a first start's example load.
 */
export class Migration20261203Operations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_node" ("id" uuid not null, "version" integer not null, "serving_since" timestamptz not null, "seen_at" timestamptz not null, "started_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create table "lattice_deferred_drop" ("id" bigserial primary key, "version" integer not null, "statement" text not null, "deferred_at" timestamptz not null);`);
    this.addSql(`create table "lattice_example_load" ("step" varchar(32) not null, "example" text not null, "done_at" timestamptz not null, primary key ("step"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_example_load", "lattice_deferred_drop", "lattice_node";');
  }
}
