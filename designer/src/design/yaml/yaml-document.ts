import { parse, stringify, YAMLParseError } from 'yaml';

/** A document as the YAML an admin keeps in git (the CLI's `export` writes the same shape). */
export function documentYaml(document: unknown): string {
  return stringify(readingOrder(document), { lineWidth: 0 });
}

/** What a document is comes first (the platform stores keys sorted): kind, key, what it belongs to, its name and label, then the rest as stored. */
const FIRST = ['kind', 'key', 'entity', 'name', 'pluralName', 'label', 'pluralLabel', 'default'];
function readingOrder(document: unknown): unknown {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return document;
  const entries = Object.entries(document as Record<string, unknown>);
  const rank = (key: string) => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);
  return Object.fromEntries(entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => rank(a[0]) - rank(b[0]) || i - j).map(([e]) => e));
}

/** YAML text read back into a document, or why it is not YAML (with the line). */
export function parseDocumentYaml(text: string): { ok: true; document: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, document: parse(text) };
  } catch (e) {
    if (e instanceof YAMLParseError) return { ok: false, message: e.message.split('\n')[0] ?? e.message };
    throw e;
  }
}
