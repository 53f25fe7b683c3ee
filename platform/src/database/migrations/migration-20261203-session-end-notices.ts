import { Migration } from '@mikro-orm/migrations';

/**
 * The database announces every end of a session, however it was made (sign-out,
 * a detected token reuse, a password change, a user disabled or deleted, by the
 * platform or by hand in SQL), on the channel `lattice_session_ended`: nodes
 * that keep recent session checks in memory drop them when they hear it.
 */
export class Migration20261203SessionEndNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "lattice_notify_session_ended"() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'lattice_session' then
    perform pg_notify('lattice_session_ended', json_build_object('sessionId', new."id")::text);
  else
    perform pg_notify('lattice_session_ended', json_build_object('userId', old."id")::text);
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "lattice_session_revoked" after update of "revoked_at" on "lattice_session" for each row when (new."revoked_at" is not null and old."revoked_at" is null) execute function "lattice_notify_session_ended"();`);
    this.addSql(`create trigger "lattice_user_disabled" after update of "status" on "lattice_user" for each row when (new."status" <> 'active' and old."status" = 'active') execute function "lattice_notify_session_ended"();`);
    this.addSql(`create trigger "lattice_user_deleted" after delete on "lattice_user" for each row execute function "lattice_notify_session_ended"();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "lattice_user_deleted" on "lattice_user";');
    this.addSql('drop trigger if exists "lattice_user_disabled" on "lattice_user";');
    this.addSql('drop trigger if exists "lattice_session_revoked" on "lattice_session";');
    this.addSql('drop function if exists "lattice_notify_session_ended"();');
  }
}
