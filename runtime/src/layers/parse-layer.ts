import { zodProblems } from '../documents/parse-documents.js';
import { failed, ok, type Checked } from '../problems/problem.js';
import { layerDocumentSchema, type LayerDocument } from './layer.document.js';
import { layerPaths } from './layer-paths.js';

/** A missing JSON value fails every branch of its union; say what is missing instead of "Invalid input". */
const missingValue = (issue: { code?: string; input?: unknown }) =>
  issue.code === 'invalid_union' && issue.input === undefined ? 'Missing: a set entry has a value and the base it overrode (null when it was unset)' : undefined;

/** Checks the shape of one layer document; problem paths start at `layers[<key>]`. */
export function parseLayerDocument(input: unknown): Checked<LayerDocument> {
  const parsed = layerDocumentSchema.safeParse(input, { error: missingValue });
  if (parsed.success) return ok(parsed.data);
  const key = input !== null && typeof input === 'object' ? (input as { key?: unknown }).key : undefined;
  return failed(zodProblems(parsed.error, input, layerPaths.layer(typeof key === 'string' && key !== '' ? key : '?')));
}
