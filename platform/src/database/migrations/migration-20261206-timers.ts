import { Migration } from '@mikro-orm/migrations';

/**
 * Timers (the truth: pg-boss jobs only wake them), the escalations that
 * time limits raise, and business calendars per org unit.
 */
export class Migration20261206Timers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_timer" ("id" uuid not null, "kind" varchar(64) not null, "subject" varchar(200) not null, "purpose" varchar(200) not null, "due_at" timestamptz not null, "state" varchar(16) not null default 'scheduled', "payload" jsonb not null default '{}', "attempt" int not null default 0, "last_error" text null, "remaining_ms" bigint null, "created_at" timestamptz not null default now(), "fired_at" timestamptz null, "cancelled_at" timestamptz null, primary key ("id"), constraint "lattice_timer__state" check ("state" in ('scheduled', 'paused', 'fired', 'cancelled', 'failed')));`);
    // One timer per subject and purpose: scheduling twice (a retried transition, a replayed handler) finds the first.
    this.addSql(`alter table "lattice_timer" add constraint "lattice_timer__purpose" unique ("subject", "purpose");`);
    this.addSql(`create index "lattice_timer__due" on "lattice_timer" ("due_at") where "state" = 'scheduled';`);
    this.addSql(`create table "lattice_sla_escalation" ("id" uuid not null, "timer_id" uuid not null references "lattice_timer" ("id") on delete cascade, "entity_key" varchar(48) not null, "record_id" varchar(64) not null, "step" varchar(100) not null, "kind" varchar(16) not null, "level" int not null, "target_user_id" uuid null references "lattice_user" ("id") on delete set null, "target_unit_id" uuid null references "lattice_org_unit" ("id") on delete set null, "target" jsonb not null, "due_at" timestamptz not null, "raised_at" timestamptz not null default now(), "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lattice_sla_escalation__record" on "lattice_sla_escalation" ("entity_key", "record_id");`);
    this.addSql(`create index "lattice_sla_escalation__target" on "lattice_sla_escalation" ("target_user_id", "raised_at");`);
    this.addSql(`create table "lattice_business_calendar" ("unit_id" uuid not null references "lattice_org_unit" ("id") on delete cascade, "spec" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(200) null, primary key ("unit_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_business_calendar";');
    this.addSql('drop table if exists "lattice_sla_escalation";');
    this.addSql('drop table if exists "lattice_timer";');
  }
}
