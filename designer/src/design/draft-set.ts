import { compileModel, createBuiltinRegistry, type CompiledModel, type MetadataSet, type Problem } from '@lattice/runtime';

/** The field types the designer offers and checks with: the runtime's own registry. */
export const fieldTypes = createBuiltinRegistry();

type Section = 'entities' | 'forms' | 'views' | 'layers' | 'facts' | 'ruleSets';

/** The set with one document put in (replacing the one with its key, or appended). */
export function withDocument(set: MetadataSet, section: Section, document: { key: string }): MetadataSet {
  const documents = ((set[section] ?? []) as { key: string }[]).slice();
  const at = documents.findIndex((d) => d.key === document.key);
  if (at >= 0) documents[at] = document;
  else documents.push(document);
  return { ...set, [section]: documents } as MetadataSet;
}

export type SetCheck = { ok: true; model: CompiledModel; problems: [] } | { ok: false; problems: readonly Problem[] };

/**
 * The runtime's checks of a whole set, as publish will run them (shapes,
 * names, references, forms, views, layers): the designer shows their
 * problems beside what is being edited, before anything is sent.
 */
export function checkSet(set: MetadataSet): SetCheck {
  const compiled = compileModel(set, fieldTypes);
  return compiled.ok ? { ok: true, model: compiled.value, problems: [] } : { ok: false, problems: compiled.problems };
}

/** Problems at or below one document path (`entities[customer]`, `forms[customer_main]`). */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** A deep copy of a metadata document to edit (documents are JSON; a reactive proxy cannot be structured-cloned). */
export function copyDocument<T>(document: T): T {
  return JSON.parse(JSON.stringify(document)) as T;
}
