import { canonicalJson, type MetadataSet, type Problem } from '@lattice/runtime';

/**
 * A draft is a set of edited documents over the live metadata. A document
 * is one element of a section of the set, by its key (`forms[customer_main]`),
 * or a section's one document when it holds a single object (`tariffs`,
 * whose key is '').
 */
export interface DocumentId {
  readonly section: string;
  readonly key: string;
}

/** What a draft holds for one document: its edit (`edited`), its removal, or nothing any more (`live`: as published). */
export type DraftState = 'edited' | 'removed' | 'live';

export interface DraftEntry extends DocumentId {
  readonly state: DraftState;
  readonly document: unknown;
  /** Counts the saves of this document in this draft; a save names the revision it read (0: never saved). */
  readonly revision: number;
  /** The live version the document was read at when its edit began: what was published since is a risk to confirm. */
  readonly baseVersion: number | null;
  /** For a document the live set lacks: where it came in the set it was saved with (new ones follow in this order). */
  readonly position: number | null;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/** A document as one admin reads it: the draft's edit, or the live document when the draft has none. */
export interface DocumentSplit extends DocumentId {
  readonly document: unknown;
  readonly position: number;
}

export const documentPath = ({ section, key }: DocumentId): string => (key === '' ? section : `${section}[${key}]`);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The documents of a set, each by section and key; a document a keyed section holds without a string key is a problem at its path. */
export function splitDocuments(set: unknown, sections: readonly string[]): { documents: DocumentSplit[]; problems: Problem[] } {
  if (!isObject(set)) return { documents: [], problems: [{ code: 'draft.not-a-set', path: '', message: 'A draft is a metadata set: an object with entities, layers and the other sections', hint: 'Send { entities: [...], ... }' }] };
  const documents: DocumentSplit[] = [];
  const problems: Problem[] = [];
  for (const [section, value] of Object.entries(set)) {
    if (!sections.includes(section)) {
      problems.push({ code: 'draft.unknown-section', path: section, message: `The metadata set has no section "${section}"`, hint: `Sections: ${sections.join(', ')}` });
      continue;
    }
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      documents.push({ section, key: '', document: value, position: 0 });
      continue;
    }
    value.forEach((document, index) => {
      const key = isObject(document) ? document['key'] : undefined;
      if (typeof key === 'string' && key !== '') documents.push({ section, key, document, position: index });
      else problems.push({ code: 'draft.document-without-key', path: `${section}[${index}]`, message: `Document ${index} of ${section} has no key: a draft keeps each document by its key`, hint: 'Give every document a key' });
    });
    const seen = new Set<string>();
    for (const d of documents.filter((x) => x.section === section)) {
      if (seen.has(d.key)) problems.push({ code: 'draft.duplicate-key', path: documentPath(d), message: `Two documents of ${section} have the key "${d.key}"` });
      seen.add(d.key);
    }
  }
  return { documents, problems };
}

/**
 * The draft seen whole: the live set with the draft's documents applied.
 * The live set's documents keep their order (an edit in place, a removal
 * dropped); documents the live set lacks follow, in the order they were
 * saved in. Sections without edits are the live ones as they are.
 */
export function applyDraft(live: MetadataSet, entries: readonly DraftEntry[]): MetadataSet {
  const out: Record<string, unknown> = { ...live };
  const bySection = new Map<string, DraftEntry[]>();
  for (const entry of entries) if (entry.state !== 'live') bySection.set(entry.section, [...(bySection.get(entry.section) ?? []), entry]);
  for (const [section, edits] of bySection) {
    const current = (live as Record<string, unknown>)[section];
    const single = edits.find((e) => e.key === '');
    if (single) {
      if (single.state === 'edited') out[section] = single.document;
      else delete out[section];
      continue;
    }
    const list = Array.isArray(current) ? (current as Record<string, unknown>[]) : [];
    const edit = new Map(edits.map((e) => [e.key, e]));
    const kept = list.flatMap((d) => {
      const e = edit.get(String(d['key']));
      return !e ? [d] : e.state === 'edited' ? [e.document as Record<string, unknown>] : [];
    });
    const liveKeys = new Set(list.map((d) => String(d['key'])));
    const added = edits
      .filter((e) => e.state === 'edited' && !liveKeys.has(e.key))
      .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.updatedAt.getTime() - b.updatedAt.getTime() || a.key.localeCompare(b.key))
      .map((e) => e.document as Record<string, unknown>);
    const result = [...kept, ...added];
    if (result.length || current !== undefined || section === 'entities') out[section] = result;
    else delete out[section];
  }
  return out as MetadataSet;
}

/** One document of a set by section and key (undefined when the set lacks it). */
export function documentOf(set: MetadataSet, { section, key }: DocumentId): unknown {
  const value = (set as Record<string, unknown>)[section];
  if (key === '') return Array.isArray(value) ? undefined : (value ?? undefined);
  return Array.isArray(value) ? value.find((d) => isObject(d) && d['key'] === key) : undefined;
}

/**
 * What a save of a whole set does to each document, against the live set
 * and the draft's entries: every document that differs from the live one
 * is an edit, a live one the set lacks a removal, and an entry the set no
 * longer needs (it equals the live one again) is discarded. Entries that
 * already say so are left alone, so their versions stay.
 */
export function wholeSetChanges(source: readonly DocumentSplit[], live: MetadataSet, entries: readonly DraftEntry[], sections: readonly string[]): { id: DocumentId; state: DraftState; document: unknown; position: number | null }[] {
  const entryOf = new Map(entries.map((e) => [documentPath(e), e]));
  const given = new Map(source.map((d) => [documentPath(d), d]));
  const liveDocs = splitDocuments(live, sections).documents;
  const changes: { id: DocumentId; state: DraftState; document: unknown; position: number | null }[] = [];
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  for (const d of source) {
    const entry = entryOf.get(documentPath(d));
    const liveDoc = documentOf(live, d);
    if (liveDoc !== undefined && same(liveDoc, d.document)) {
      if (entry && entry.state !== 'live') changes.push({ id: d, state: 'live', document: null, position: null });
    } else if (!(entry?.state === 'edited' && same(entry.document, d.document))) {
      changes.push({ id: d, state: 'edited', document: d.document, position: liveDoc === undefined ? d.position : null });
    }
  }
  for (const d of liveDocs) if (!given.has(documentPath(d)) && entryOf.get(documentPath(d))?.state !== 'removed') changes.push({ id: d, state: 'removed', document: null, position: null });
  for (const e of entries) if (e.state === 'edited' && !given.has(documentPath(e)) && documentOf(live, e) === undefined) changes.push({ id: e, state: 'live', document: null, position: null });
  return changes;
}
