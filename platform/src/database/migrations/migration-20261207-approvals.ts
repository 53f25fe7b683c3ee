import { Migration } from '@mikro-orm/migrations';

/**
 * Approvals: one row per approval a record goes through (its levels, the
 * approvers of the level it is at, every decision), and the delegations
 * users name for a period they are away.
 */
export class Migration20261207Approvals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_workflow_approval" ("id" uuid not null, "instance_id" uuid not null references "lattice_workflow_instance" ("id") on delete cascade, "entity_key" varchar(48) not null, "record_id" uuid not null, "workflow_key" varchar(48) not null, "state" varchar(48) not null, "from_state" varchar(48) not null, "level" int not null, "levels" int not null, "status" varchar(16) not null, "submitted_by" uuid null, "submitted_by_name" varchar(200) not null, "submitted_at" timestamptz not null, "level_since" timestamptz not null, "approvers" jsonb not null, "decisions" jsonb not null, "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lattice_workflow_approval__pending" on "lattice_workflow_approval" ("submitted_at") where "status" = 'pending';`);
    this.addSql(`create index "lattice_workflow_approval__instance" on "lattice_workflow_approval" ("instance_id");`);
    this.addSql(`create table "lattice_approval_delegation" ("user_id" uuid not null references "lattice_user" ("id") on delete cascade, "delegate_id" uuid not null references "lattice_user" ("id") on delete cascade, "valid_from" timestamptz not null, "valid_until" timestamptz not null, "created_at" timestamptz not null, primary key ("user_id"), constraint "lattice_approval_delegation__period" check ("valid_from" < "valid_until"), constraint "lattice_approval_delegation__other" check ("user_id" <> "delegate_id"));`);
    this.addSql(`create index "lattice_approval_delegation__delegate" on "lattice_approval_delegation" ("delegate_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['lattice_approval_delegation', 'lattice_workflow_approval']) this.addSql(`drop table if exists "${table}";`);
  }
}
