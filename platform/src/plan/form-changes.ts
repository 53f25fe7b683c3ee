import { canonicalJson, type MetadataSet } from '@lattice/runtime';
import type { DocumentChange } from './diff-documents.js';

type Keyed = { key: string };

/**
 * The screens' documents a publish changes: forms, shared views, computed
 * facts, and each layer's form layouts (`layers[sc_cd].forms[customer_main]`).
 * One change per document, carrying it whole: a form is reviewed as a
 * screen, not value by value. None of them makes DDL.
 */
export function formDocumentChanges(live: MetadataSet | undefined, next: MetadataSet): DocumentChange[] {
  const changes: DocumentChange[] = [];
  for (const section of ['forms', 'views', 'facts'] as const) changes.push(...keyedChanges(live?.[section] as Keyed[] | undefined, next[section] as Keyed[] | undefined, section));
  const overlays = (set: MetadataSet | undefined) => new Map(((set?.layers ?? []) as (Keyed & { forms?: Keyed[] })[]).map((l) => [l.key, l.forms]));
  const before = overlays(live);
  const after = overlays(next);
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) changes.push(...keyedChanges(before.get(key), after.get(key), `layers[${key}].forms`));
  return changes;
}

function keyedChanges(before: readonly Keyed[] = [], after: readonly Keyed[] = [], path: string): DocumentChange[] {
  const old = new Map(before.map((d) => [d.key, d]));
  const changes: DocumentChange[] = [];
  for (const document of after) {
    const was = old.get(document.key);
    if (!was) changes.push({ change: 'added', path: `${path}[${document.key}]`, after: document });
    else if (canonicalJson(was) !== canonicalJson(document)) changes.push({ change: 'changed', path: `${path}[${document.key}]`, before: was, after: document });
  }
  const kept = new Set(after.map((d) => d.key));
  for (const document of before) if (!kept.has(document.key)) changes.push({ change: 'removed', path: `${path}[${document.key}]`, before: document });
  return changes;
}
