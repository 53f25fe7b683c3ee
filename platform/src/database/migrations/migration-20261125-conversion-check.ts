import { Migration } from '@mikro-orm/migrations';

/**
 * `lattice_can_cast(value, type)`: whether a text converts to a column type,
 * as the plan's data-at-risk check asks before a type change (Postgres 15
 * has no `pg_input_is_valid`). Exception handling per value is slow, so the
 * plan calls it only for the rows of a column whose type changes.
 */
export class Migration20261125ConversionCheck extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function lattice_can_cast(value text, target text) returns boolean language plpgsql as $$
begin
  execute format('select %L::%s', value, target);
  return true;
exception when others then
  return false;
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lattice_can_cast(text, text);');
  }
}
