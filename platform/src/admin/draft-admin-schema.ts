import type { MetadataService } from '../publish/metadata-service.js';
import type { DraftView } from '../publish/draft-service.js';
import { documentPath, type DocumentId } from '../publish/draft-documents.js';
import type { AdminContext } from './admin-context.js';

export const draftTypeDefs = /* GraphQL */ `
  """
  One document of a draft, by section and key (key null: the section's one document, the tariff catalog).
  state: edited, removed, or live (the draft has no edit of it). version: what a save of it names (0: never saved in this draft).
  baseVersion: the live version it was read at
  """
  type DraftDocument { section: String!, key: String, path: String!, state: String!, document: JSON, version: Int!, baseVersion: Int, updatedAt: DateTime, updatedBy: String }
  type DraftDocumentSaved { document: DraftDocument!, "The problems of the draft seen whole" problems: [Problem!]! }
  type Draft {
    "The live metadata with the draft's documents applied"
    source: JSON!
    "The oldest live version one of its documents was read at (the live version when it has none)"
    baseVersion: Int
    updatedAt: DateTime
    problems: [Problem!]!
    "The documents it edits or removes"
    documents: [DraftDocument!]!
  }
  extend type Query {
    "One document as the draft has it (the live one when the draft has no edit of it), with its version"
    draftDocument(section: String!, key: String, draft: String = "main"): DraftDocument!
  }
  extend type Mutation {
    """
    Saves one document into the draft. version: the version you read it at (draftDocument's, 0 when it was not in the draft);
    CONFLICT, naming who changed it since and when, when the draft has it at another version (nothing is stored).
    baseVersion: the live version you read it at
    """
    saveDocument(section: String!, key: String, document: JSON!, version: Int!, baseVersion: Int, draft: String = "main"): DraftDocumentSaved!
    "Removes a document in the draft: publishing it deletes the document. version as for saveDocument"
    removeDocument(section: String!, key: String, version: Int!, baseVersion: Int, draft: String = "main"): DraftDocumentSaved!
    "Drops the draft's edit or removal of a document (the live one stands). version as for saveDocument"
    discardDocument(section: String!, key: String, version: Int!, draft: String = "main"): DraftDocumentSaved!
  }
`;

type Args = Record<string, any>;

const idOf = (a: Args): DocumentId => ({ section: String(a['section']), key: a['key'] ?? '' });
const nameOf = (a: Args): string => a['draft'] ?? 'main';

/** A draft as the API answers it: the whole set, and its documents with their versions. */
export async function draftAnswer(metadata: MetadataService, view: DraftView) {
  return {
    source: view.source,
    baseVersion: view.baseVersion,
    updatedAt: view.updatedAt,
    problems: await metadata.problemsOf(view.source),
    documents: view.entries.map((e) => ({ section: e.section, key: e.key || null, path: documentPath(e), state: e.state, document: e.document, version: e.revision, baseVersion: e.baseVersion, updatedAt: e.updatedAt.toISOString(), updatedBy: e.updatedBy })),
  };
}

const answered = <T extends { document: { key: string } }>(saved: T) => ({ ...saved, document: { ...saved.document, key: saved.document.key || null } });

/** The per-document part of the draft API: reading with metadata.read, changing with metadata.publish (layers: `saveLayer`). */
export function draftResolvers(metadata: MetadataService) {
  return {
    Query: {
      draftDocument: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.read');
        return answered({ document: await metadata.drafts.document(nameOf(a), idOf(a)) }).document;
      },
    },
    Mutation: {
      saveDocument: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.publish');
        return answered(await metadata.drafts.saveDocument(nameOf(a), idOf(a), a['document'], a['version'], c.actor, a['baseVersion'] ?? undefined));
      },
      removeDocument: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.publish');
        return answered(await metadata.drafts.removeDocument(nameOf(a), idOf(a), a['version'], c.actor, a['baseVersion'] ?? undefined));
      },
      discardDocument: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.publish');
        return answered(await metadata.drafts.discardDocument(nameOf(a), idOf(a), a['version'], c.actor));
      },
    },
  };
}
