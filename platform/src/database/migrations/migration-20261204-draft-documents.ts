import { Migration } from '@mikro-orm/migrations';

/** The sections a stored whole-set draft is split into (the tariff catalog is the one single-document section). */
const KEYED_SECTIONS = ['entities', 'layers', 'ruleSets', 'facts', 'forms', 'views'];

/**
 * Drafts become per document: one row per edited (or removed) document of a
 * draft, with a revision a save must name, so two admins editing different
 * documents never lose each other's edits. Each stored whole-set draft
 * carries over as the documents it differs in from the newest version.
 */
export class Migration20261204DraftDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lattice_draft_document" ("draft" varchar(100) not null, "section" varchar(64) not null, "key" varchar(200) not null, "state" varchar(8) not null, "document" jsonb null, "revision" int not null, "base_version" int null, "position" int null, "updated_at" timestamptz not null, "updated_by" varchar(200) null, constraint "lattice_draft_document_state_check" check ("state" in ('edited', 'removed', 'live')), primary key ("draft", "section", "key"));`);
    const live = `(select "source" from "lattice_metadata_version" where "version" > 0 order by "version" desc limit 1)`;
    for (const section of KEYED_SECTIONS) {
      // Edits: documents of the draft that the newest version lacks or has otherwise.
      this.addSql(`insert into "lattice_draft_document" ("draft", "section", "key", "state", "document", "revision", "base_version", "position", "updated_at", "updated_by")
        select d."name", '${section}', e.value->>'key', 'edited', e.value, 1, d."base_version", e.ordinality - 1, d."updated_at", d."updated_by"
        from "lattice_draft" d cross join lateral jsonb_array_elements(case when jsonb_typeof(d."source"->'${section}') = 'array' then d."source"->'${section}' else '[]'::jsonb end) with ordinality e
        where e.value->>'key' is not null and not exists (select 1 from jsonb_array_elements(coalesce(${live}->'${section}', '[]'::jsonb)) l where l.value = e.value)
        on conflict do nothing;`);
      // Removals: documents of the newest version the draft no longer has.
      this.addSql(`insert into "lattice_draft_document" ("draft", "section", "key", "state", "document", "revision", "base_version", "position", "updated_at", "updated_by")
        select d."name", '${section}', l.value->>'key', 'removed', null, 1, d."base_version", null, d."updated_at", d."updated_by"
        from "lattice_draft" d cross join lateral jsonb_array_elements(coalesce(${live}->'${section}', '[]'::jsonb)) l
        where not exists (select 1 from jsonb_array_elements(case when jsonb_typeof(d."source"->'${section}') = 'array' then d."source"->'${section}' else '[]'::jsonb end) x where x.value->>'key' = l.value->>'key')
        on conflict do nothing;`);
    }
    this.addSql(`insert into "lattice_draft_document" ("draft", "section", "key", "state", "document", "revision", "base_version", "position", "updated_at", "updated_by")
      select d."name", 'tariffs', '', case when d."source"->'tariffs' is not null then 'edited' else 'removed' end, d."source"->'tariffs', 1, d."base_version", null, d."updated_at", d."updated_by"
      from "lattice_draft" d where (d."source"->'tariffs') is distinct from (${live}->'tariffs');`);
    this.addSql('drop table "lattice_draft";');
  }

  /** Back to the whole-set table, empty: per-document drafts have no whole set to carry back. */
  override async down(): Promise<void> {
    this.addSql('drop table if exists "lattice_draft_document";');
    this.addSql(`create table "lattice_draft" ("name" varchar(100) not null, "source" jsonb not null, "base_version" int null, "updated_at" timestamptz not null, "updated_by" varchar(200) null, primary key ("name"));`);
  }
}
