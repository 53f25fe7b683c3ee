import { Migration } from '@mikro-orm/migrations';

/** Who last changed a role (an org file or a grant edit on the roles screen), beside when. */
export class Migration20261207RoleUpdatedBy extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "lattice_role" add column "updated_by" varchar(100) null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "lattice_role" drop column if exists "updated_by";');
  }
}
