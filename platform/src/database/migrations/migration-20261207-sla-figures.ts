import { Migration } from '@mikro-orm/migrations';

/**
 * What SLA figures are computed from: a time limit's breach timer keeps when
 * its record left the step and how much of the limit that took (business
 * time for a business-hours limit, stopped clocks excluded; more than the
 * limit when late), and the indexes the figures' query reads by.
 */
export class Migration20261207SlaFigures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "lattice_timer" add column "left_at" timestamptz null, add column "used_ms" bigint null;`);
    this.addSql(`create index "lattice_workflow_instance__figures" on "lattice_workflow_instance" ("entity_key", "unit_id", "workflow_key");`);
    this.addSql(`create index "lattice_sla_escalation__raised" on "lattice_sla_escalation" ("entity_key", "raised_at") where "kind" = 'breach';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "lattice_sla_escalation__raised";');
    this.addSql('drop index if exists "lattice_workflow_instance__figures";');
    this.addSql('alter table "lattice_timer" drop column "left_at", drop column "used_ms";');
  }
}
