import { Migration } from '@mikro-orm/migrations';

/**
 * Workflow instances (one per record of an entity that follows a workflow,
 * pinned to the definition it started on), their history, the outbox of
 * side effects delivered after commit, and in-app notifications.
 */
export class Migration20261206Workflows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_workflow_definition" ("id" uuid not null, "workflow_key" varchar(48) not null, "hash" varchar(64) not null, "document" jsonb not null, "metadata_version" int not null, "created_at" timestamptz not null, primary key ("id"), constraint "lattice_workflow_definition__hash" unique ("workflow_key", "hash"));`);
    this.addSql(`create table "lattice_workflow_instance" ("id" uuid not null, "entity_key" varchar(48) not null, "record_id" uuid not null, "workflow_key" varchar(48) not null, "definition_id" uuid not null references "lattice_workflow_definition" ("id"), "metadata_version" int not null, "state" varchar(48) not null, "state_since" timestamptz not null, "due_at" timestamptz null, "unit_id" uuid null, "assignee_id" uuid null, "assignee_role" varchar(48) null, "assignee_unit_id" uuid null, "queue" varchar(48) null, "claimed_at" timestamptz null, "approval" jsonb null, "started_by" uuid null, "created_at" timestamptz not null, "closed_at" timestamptz null, "version" int not null, primary key ("id"), constraint "lattice_workflow_instance__record" unique ("entity_key", "record_id"));`);
    this.addSql(`create index "lattice_workflow_instance__queue" on "lattice_workflow_instance" ("assignee_role", "due_at") where "closed_at" is null;`);
    this.addSql(`create index "lattice_workflow_instance__assignee" on "lattice_workflow_instance" ("assignee_id", "due_at") where "closed_at" is null;`);
    this.addSql(`create table "lattice_workflow_history" ("id" uuid not null, "instance_id" uuid not null references "lattice_workflow_instance" ("id") on delete cascade, "kind" varchar(16) not null, "transition" varchar(48) null, "from_state" varchar(48) null, "to_state" varchar(48) null, "actor_id" uuid null, "actor_name" varchar(200) not null, "at" timestamptz not null, "duration_ms" bigint null, "comment" text null, "details" jsonb null, primary key ("id"));`);
    this.addSql(`create index "lattice_workflow_history__instance" on "lattice_workflow_history" ("instance_id", "at");`);
    this.addSql(`create table "lattice_workflow_outbox" ("id" uuid not null, "instance_id" uuid not null references "lattice_workflow_instance" ("id") on delete cascade, "kind" varchar(16) not null, "payload" jsonb not null, "created_at" timestamptz not null, "attempts" int not null default 0, "delivered_at" timestamptz null, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "lattice_workflow_outbox__pending" on "lattice_workflow_outbox" ("created_at") where "delivered_at" is null;`);
    this.addSql(`create table "lattice_notification" ("id" uuid not null, "user_id" uuid not null references "lattice_user" ("id") on delete cascade, "outbox_id" uuid not null, "entity_key" varchar(48) not null, "record_id" uuid not null, "message" jsonb not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"), constraint "lattice_notification__delivery" unique ("outbox_id", "user_id"));`);
    this.addSql(`create index "lattice_notification__user" on "lattice_notification" ("user_id", "created_at");`);
  }

  override async down(): Promise<void> {
    for (const table of ['lattice_notification', 'lattice_workflow_outbox', 'lattice_workflow_history', 'lattice_workflow_instance', 'lattice_workflow_definition']) this.addSql(`drop table if exists "${table}";`);
  }
}
