import type { EntityManager } from '@mikro-orm/postgresql';
import type { MetadataSet, Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from '../security/actor.js';
import { applyDraft, documentOf, documentPath, splitDocuments, wholeSetChanges, type DocumentId, type DraftEntry, type DraftState } from './draft-documents.js';
import type { DraftStore } from './draft-store.js';

/** A draft seen whole: the live set with its documents applied, and the entries it is made of. */
export interface DraftView {
  readonly source: MetadataSet;
  /** The oldest live version one of its documents was read at (the live version when it has none): what was published since is a risk. */
  readonly baseVersion: number;
  readonly updatedAt: string | null;
  /** Its entries as read, edits and removals first: publish clears exactly these revisions. */
  readonly entries: readonly DraftEntry[];
}

/** One document as the draft has it, with the version a save of it names. */
export interface DraftDocumentView extends DocumentId {
  readonly path: string;
  readonly state: DraftState;
  /** The draft's edit, or the live document (null: neither has it, or the draft removes it). */
  readonly document: unknown;
  readonly version: number;
  readonly baseVersion: number | null;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/**
 * Drafts as sets of edited documents over the live metadata
 * (`draft-documents.ts`), stored per document with a version
 * (`draft-store.ts`). `saveDraft` of a whole set is a save of every
 * document that differs, unchecked (the set is the newest word);
 * `saveDocument`, `removeDocument` and `discardDocument` name the version
 * read, and a stale one is CONFLICT.
 */
export class DraftService {
  constructor(
    private readonly store: DraftStore,
    /** The live metadata and its version, as served now. */
    private readonly live: () => { source: MetadataSet; version: number },
    /** The sections a set may have: entities, layers and each document kind's. */
    private readonly sections: readonly string[],
    private readonly problemsOf: (source: unknown) => Promise<Problem[]>,
  ) {}

  async get(name: string): Promise<DraftView> {
    const entries = await this.store.entries(name);
    const { source, version } = this.live();
    const edits = entries.filter((e) => e.state !== 'live');
    const bases = edits.flatMap((e) => (e.baseVersion === null ? [] : [e.baseVersion]));
    const latest = edits.reduce<Date | null>((at, e) => (at && at > e.updatedAt ? at : e.updatedAt), null);
    return { source: applyDraft(source, edits), baseVersion: bases.length ? Math.min(...bases) : version, updatedAt: latest?.toISOString() ?? null, entries: edits };
  }

  /** Stores every document of `source` that differs from the draft as it is; returns the problems the draft still has. */
  async saveWhole(source: unknown, actor: Actor, name: string): Promise<Problem[]> {
    const { documents, problems } = splitDocuments(source, this.sections);
    const all = [...nameProblems(name), ...problems, ...documents.flatMap((d) => keyProblems(d.key, documentPath(d)))];
    if (all.length) throw LatticeError.invalidMetadata(all);
    const live = this.live();
    await this.store.changeAll(name, wholeSetChanges(documents, live.source, await this.store.entries(name), this.sections), actor.name, live.version);
    return this.problemsOf((await this.get(name)).source);
  }

  async document(name: string, id: DocumentId): Promise<DraftDocumentView> {
    this.checkId(id, undefined, name);
    const entry = await this.store.entry(name, id);
    const live = this.live();
    const edited = entry && entry.state !== 'live';
    return {
      section: id.section, key: id.key, path: documentPath(id), state: entry?.state ?? 'live',
      document: (edited ? entry.document : documentOf(live.source, id)) ?? null,
      version: entry?.revision ?? 0, baseVersion: edited ? entry.baseVersion : live.version,
      updatedAt: entry?.updatedAt.toISOString() ?? null, updatedBy: entry?.updatedBy ?? null,
    };
  }

  /**
   * Saves one document read at `version`; `baseVersion`: the live version
   * it was read at (the live one now when not given). Its key is the key it
   * is saved under; the tariff catalog is its section's one document (key '').
   */
  async saveDocument(name: string, id: DocumentId, document: unknown, version: number, actor: Actor, baseVersion?: number): Promise<{ document: DraftDocumentView; problems: Problem[] }> {
    this.checkId(id, document, name);
    await this.store.change(name, id, { state: 'edited', document }, version, actor.name, this.baseOf(baseVersion));
    return this.outcome(name, id);
  }

  /** Removes a document from the draft (publishing it deletes it), from `version`. */
  async removeDocument(name: string, id: DocumentId, version: number, actor: Actor, baseVersion?: number): Promise<{ document: DraftDocumentView; problems: Problem[] }> {
    this.checkId(id, undefined, name);
    if (documentOf((await this.get(name)).source, id) === undefined) throw LatticeError.notFound(`Document ${documentPath(id)} in draft "${name}"`);
    // A document only the draft has goes with its edit; a live one is removed by the publish.
    const state = documentOf(this.live().source, id) === undefined ? 'live' : 'removed';
    await this.store.change(name, id, { state, document: null }, version, actor.name, this.baseOf(baseVersion));
    return this.outcome(name, id);
  }

  /** Drops the draft's edit or removal of a document, from `version`: the draft has it as live again. */
  async discardDocument(name: string, id: DocumentId, version: number, actor: Actor): Promise<{ document: DraftDocumentView; problems: Problem[] }> {
    this.checkId(id, undefined, name);
    if (version !== 0 || (await this.store.entry(name, id))) await this.store.change(name, id, { state: 'live', document: null }, version, actor.name, this.live().version);
    return this.outcome(name, id);
  }

  /** In the publish transaction: the published documents' entries are live now (entries saved again since stay). */
  async clearPublished(tx: EntityManager, name: string, entries: readonly DraftEntry[], actor: Actor): Promise<void> {
    await this.store.clearPublished(tx, name, entries, actor.name);
  }

  private baseOf(given: number | undefined): number {
    const live = this.live().version;
    return given === undefined || given === null ? live : Math.min(given, live);
  }

  private async outcome(name: string, id: DocumentId) {
    return { document: await this.document(name, id), problems: await this.problemsOf((await this.get(name)).source) };
  }

  /** A known section; a keyed one's document carries the key it is saved under. */
  private checkId(id: DocumentId, document: unknown, name: string): void {
    const problems: Problem[] = [...nameProblems(name), ...keyProblems(id.key, 'key')];
    if (!this.sections.includes(id.section)) problems.push({ code: 'draft.unknown-section', path: 'section', message: `The metadata set has no section "${id.section}"`, hint: `Sections: ${this.sections.join(', ')}` });
    const single = id.key === '';
    if (single && id.section !== 'tariffs' && this.sections.includes(id.section)) problems.push({ code: 'draft.key-required', path: 'key', message: `${id.section} holds documents by key: name the key of the one you save`, hint: 'Give key' });
    if (!single && id.section === 'tariffs') problems.push({ code: 'draft.single-document', path: 'key', message: 'The tariff catalog is the one document of its section: it has no key', hint: 'Leave key out' });
    if (document !== undefined) {
      if (document === null || typeof document !== 'object' || Array.isArray(document)) problems.push({ code: 'draft.not-a-document', path: 'document', message: `${documentPath(id)} must be an object`, hint: 'Send the document as JSON' });
      else if (!single && (document as { key?: unknown }).key !== id.key) problems.push({ code: 'draft.key-mismatch', path: 'document.key', message: `The document's key is ${JSON.stringify((document as { key?: unknown }).key ?? null)}, but it is saved as ${documentPath(id)}`, hint: 'Save a document under its own key (a new key is a new document; remove the old one)' });
    }
    if (problems.length) throw LatticeError.invalidMetadata(problems);
  }
}

/** The columns' bounds, said as the rule they are rather than as a database error. */
function nameProblems(name: string): Problem[] {
  return name.length >= 1 && name.length <= 100 ? [] : [{ code: 'draft.name', path: 'draft', message: `A draft's name has 1 to 100 characters (this one has ${name.length})`, hint: 'Leave it out for the main draft' }];
}

function keyProblems(key: string, path: string): Problem[] {
  return key.length <= 200 ? [] : [{ code: 'draft.key-too-long', path, message: `A document key has at most 200 characters (this one has ${key.length})` }];
}
