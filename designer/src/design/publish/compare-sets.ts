import { stringify } from 'yaml';
import type { MetadataSet } from '@lattice/runtime';

/** One document that differs between two versions: its path, its YAML on each side (null where it is absent), and the lines that changed. */
export interface DocumentDifference {
  path: string;
  before: string | null;
  after: string | null;
  lines: DiffLine[];
}

export interface DiffLine {
  change: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The lines of `after` against `before`, by their longest common
 * subsequence (the textbook dynamic programme, O(n·m) in lines: a document
 * is a few hundred lines at most).
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) common[i]![j] = before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      lines.push({ change: 'same', text: before[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || common[i]![j + 1]! >= common[i + 1]![j]!)) lines.push({ change: 'added', text: after[j++]! });
    else lines.push({ change: 'removed', text: before[i++]! });
  }
  return lines;
}

/** The changed lines with `context` unchanged lines around each run; a gap is one `…` line. */
export function changedWithContext(lines: readonly DiffLine[], context = 2): DiffLine[] {
  const near = lines.map((_l, index) => lines.slice(Math.max(0, index - context), index + context + 1).some((l) => l.change !== 'same'));
  const shown: DiffLine[] = [];
  let skipped = false;
  lines.forEach((line, index) => {
    if (!near[index]) {
      skipped = true;
      return;
    }
    if (skipped) shown.push({ change: 'same', text: '…' });
    skipped = false;
    shown.push(line);
  });
  if (skipped) shown.push({ change: 'same', text: '…' });
  return shown;
}

function documentsOf(set: MetadataSet): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  for (const [section, value] of Object.entries(set)) {
    if (Array.isArray(value)) for (const d of value) documents.set(`${section}[${(d as { key?: string }).key ?? '?'}]`, d);
    else if (value) documents.set(section, value);
  }
  return documents;
}

const yamlOf = (document: unknown) => stringify(document, { lineWidth: 0 });

/** The documents two metadata versions hold differently, matched by section and key, in the newer version's order. */
export function compareSets(older: MetadataSet, newer: MetadataSet): DocumentDifference[] {
  const before = documentsOf(older);
  const after = documentsOf(newer);
  const paths = [...after.keys(), ...[...before.keys()].filter((p) => !after.has(p))];
  return paths.flatMap((path) => {
    const a = before.has(path) ? yamlOf(before.get(path)) : null;
    const b = after.has(path) ? yamlOf(after.get(path)) : null;
    return a === b ? [] : [{ path, before: a, after: b, lines: changedWithContext(diffLines(a?.split('\n') ?? [], b?.split('\n') ?? [])) }];
  });
}
