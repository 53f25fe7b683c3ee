import type { z } from 'zod';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { metadataSetSchema, type MetadataSet } from './entity.document.js';

/** Turns zod issues into problems whose path names elements by key where one is known. */
export function zodProblems(error: z.ZodError, root: unknown, prefix = ''): Problem[] {
  return error.issues.map((issue) =>
    problem(`document.${issue.code}`, joinPath(prefix, describePath(root, issue.path)), issue.message),
  );
}

/** `['entities', 0, 'fields', 2, 'name']` → `entities[customer].fields[phone].name` when keys are known. */
export function describePath(root: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = root;
  let out = '';
  for (const segment of path) {
    const next = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      // Elements are named by their key (entities, fields) or value (picklist options) when they have one.
      const named = next !== null && typeof next === 'object' ? (next as { key?: unknown; value?: unknown }) : undefined;
      const key = typeof named?.key === 'string' ? named.key : named?.value;
      out += typeof key === 'string' && key !== '' ? `[${key}]` : `[${segment}]`;
    } else {
      out += out === '' ? String(segment) : `.${String(segment)}`;
    }
    node = next;
  }
  return out;
}

function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Checks the shape of a whole metadata set. */
export function parseMetadataSet(input: unknown): Checked<MetadataSet> {
  const parsed = metadataSetSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : failed(zodProblems(parsed.error, input));
}
