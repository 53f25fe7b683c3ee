import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import { documentPath, type DocumentId, type DraftEntry, type DraftState } from './draft-documents.js';

interface StoredRow {
  draft: string;
  section: string;
  key: string;
  state: DraftState;
  document: unknown;
  revision: number;
  base_version: number | null;
  position: number | null;
  updated_at: Date | string;
  updated_by: string | null;
}

/** A document's new state in a draft, and (for an edit) its content. */
export interface DocumentChange {
  readonly state: DraftState;
  readonly document: unknown;
}

const COLUMNS = `"draft", "section", "key", "state", "document", "revision", "base_version", "position", "updated_at", "updated_by"`;

const json = (document: unknown) => (document === undefined || document === null ? null : JSON.stringify(document));

/**
 * The draft documents in `lattice_draft_document`, one row per document a
 * draft has touched. Every save is one statement that checks the revision
 * the caller read, so of concurrent saves from one revision exactly one is
 * stored; the others get CONFLICT naming who saved since and when. A row
 * whose edit was published or discarded stays (`live`), keeping its
 * revision, so a save from before that is stale too.
 */
export class DraftStore {
  constructor(private readonly orm: MikroORM) {}

  async entries(draft: string, em: EntityManager = this.orm.em.fork()): Promise<DraftEntry[]> {
    const rows = await em.execute<StoredRow[]>(`select ${COLUMNS} from "lattice_draft_document" where "draft" = ? order by "section", "key"`, [draft]);
    return rows.map(entryOf);
  }

  async entry(draft: string, id: DocumentId, em: EntityManager = this.orm.em.fork()): Promise<DraftEntry | undefined> {
    const [row] = await em.execute<StoredRow[]>(`select ${COLUMNS} from "lattice_draft_document" where "draft" = ? and "section" = ? and "key" = ?`, [draft, id.section, id.key]);
    return row ? entryOf(row) : undefined;
  }

  /**
   * Stores one document's change if it is still at revision `read` (0: the
   * draft never had it). `baseVersion`: the live version it was read at,
   * kept from the first save of an edit (a later save continues that edit).
   */
  async change(draft: string, id: DocumentId, change: DocumentChange, read: number, actor: string, baseVersion: number): Promise<DraftEntry> {
    const em = this.orm.em.fork();
    const rows =
      read === 0
        ? await em.execute<StoredRow[]>(
            `insert into "lattice_draft_document" (${COLUMNS}) values (?, ?, ?, ?, ?::jsonb, 1, ?, null, now(), ?) on conflict do nothing returning ${COLUMNS}`,
            [draft, id.section, id.key, change.state, json(change.document), change.state === 'live' ? null : baseVersion, actor],
          )
        : await em.execute<StoredRow[]>(
            `update "lattice_draft_document" set "state" = ?, "document" = ?::jsonb, "revision" = "revision" + 1,
               "base_version" = case when ? = 'live' then null when "state" = 'live' then ? else "base_version" end,
               "position" = case when ? = 'live' then null else "position" end, "updated_at" = now(), "updated_by" = ?
             where "draft" = ? and "section" = ? and "key" = ? and "revision" = ? returning ${COLUMNS}`,
            [change.state, json(change.document), change.state, baseVersion, change.state, actor, draft, id.section, id.key, read],
          );
    if (rows[0]) return entryOf(rows[0]);
    throw staleSave(draft, id, read, await this.entry(draft, id, em));
  }

  /** Stores the changes of a whole-set save in one transaction, each over whatever its document has (the set is the newest word). */
  async changeAll(draft: string, changes: readonly { id: DocumentId; state: DraftState; document: unknown; position: number | null }[], actor: string, baseVersion: number): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      for (const { id, state, document, position } of changes) {
        await tx.execute(
          `insert into "lattice_draft_document" (${COLUMNS}) values (?, ?, ?, ?, ?::jsonb, 1, ?, ?, now(), ?)
           on conflict ("draft", "section", "key") do update set "state" = excluded."state", "document" = excluded."document", "revision" = "lattice_draft_document"."revision" + 1,
             "base_version" = case when excluded."state" = 'live' then null when "lattice_draft_document"."state" = 'live' then excluded."base_version" else "lattice_draft_document"."base_version" end,
             "position" = case when excluded."state" = 'live' then null else coalesce(excluded."position", "lattice_draft_document"."position") end,
             "updated_at" = excluded."updated_at", "updated_by" = excluded."updated_by"`,
          [draft, id.section, id.key, state, json(document), state === 'live' ? null : baseVersion, position, actor],
        );
      }
    });
  }

  /**
   * After a publish of the draft, in its transaction: the documents it
   * published are the live ones now. An entry saved again since the draft
   * was read (another revision) is not what was published, and stays.
   */
  async clearPublished(tx: EntityManager, draft: string, published: readonly DraftEntry[], actor: string): Promise<void> {
    for (const entry of published.filter((e) => e.state !== 'live')) {
      await tx.execute(
        `update "lattice_draft_document" set "state" = 'live', "document" = null, "revision" = "revision" + 1, "base_version" = null, "position" = null, "updated_at" = now(), "updated_by" = ?
         where "draft" = ? and "section" = ? and "key" = ? and "revision" = ?`,
        [actor, draft, entry.section, entry.key, entry.revision],
      );
    }
  }
}

function entryOf(row: StoredRow): DraftEntry {
  const document = typeof row.document === 'string' ? (JSON.parse(row.document) as unknown) : row.document;
  return { section: row.section, key: row.key, state: row.state, document: row.state === 'edited' ? document : null, revision: Number(row.revision), baseVersion: row.base_version === null ? null : Number(row.base_version), position: row.position === null ? null : Number(row.position), updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

/** A save from a revision that is no longer the draft's: who changed the document since, and when. */
function staleSave(draft: string, id: DocumentId, read: number, now: DraftEntry | undefined): LatticeError {
  const path = documentPath(id);
  if (!now) return LatticeError.conflict(`${path} is not in draft "${draft}" at version ${read}: it has never been saved there (read it again: its version is 0)`, { path, version: 0, readVersion: read });
  const what = now.state === 'live' ? 'published or discarded (the draft has it as live now)' : now.state === 'removed' ? 'removed' : 'saved';
  return LatticeError.conflict(`${path} was ${what} in draft "${draft}" by ${now.updatedBy ?? 'someone'} at ${now.updatedAt.toISOString()} since you read version ${read}; it is at version ${now.revision}. Nothing was saved: read it again and redo your edit`, {
    path, version: now.revision, readVersion: read, changedBy: now.updatedBy, changedAt: now.updatedAt.toISOString(),
  });
}
