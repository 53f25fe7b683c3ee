import { canonicalJson } from '@lattice/runtime';

/** One value that differs between the live and the next version of a document, at its path. */
export interface DocumentChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** Elements named by key: `offerings[mobile_199].components[monthly_fee].amount`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const keyed = (v: unknown): v is { key: string }[] => Array.isArray(v) && v.length > 0 && v.every((e) => isObject(e) && typeof e['key'] === 'string');

/**
 * Key-based diff of two JSON documents (a tariff catalog, rule sets): lists
 * of elements with a `key` are matched by key, objects property by
 * property; every other value is compared whole. An added or removed
 * element is one change carrying the element. Cost O(size of both).
 */
export function diffDocuments(before: unknown, after: unknown, path = ''): DocumentChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (before === undefined) return [{ change: 'added', path, after }];
  if (after === undefined) return [{ change: 'removed', path, before }];
  if ((keyed(before) || (Array.isArray(before) && before.length === 0)) && (keyed(after) || (Array.isArray(after) && after.length === 0)) && (keyed(before) || keyed(after))) {
    const old = new Map((before as { key: string }[]).map((e) => [e.key, e]));
    const changes: DocumentChange[] = [];
    for (const element of after as { key: string }[]) changes.push(...diffDocuments(old.get(element.key), element, `${path}[${element.key}]`));
    const kept = new Set((after as { key: string }[]).map((e) => e.key));
    for (const element of before as { key: string }[]) if (!kept.has(element.key)) changes.push({ change: 'removed', path: `${path}[${element.key}]`, before: element });
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    // In name order: the order of a document's properties (as written, or as the database keeps them) says nothing.
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.flatMap((name) => diffDocuments(before[name], after[name], path ? `${path}.${name}` : name));
  }
  return [{ change: 'changed', path, before, after }];
}
