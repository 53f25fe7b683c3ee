import type { Viewer } from '../shell/console-metadata.js';

/**
 * A shared view's filter may name the reader (`{ $user: id | unitId |
 * unitPath | roles }`, runtime/src/views): the record API takes plain
 * values, so the console puts in the signed-in user's, from their primary
 * position (the one the server folds their metadata for).
 */
export function resolveUserOperands(filter: unknown, viewer: Viewer): unknown {
  const primary = viewer.positions.find((p) => p.primary) ?? viewer.positions[0];
  const facts: Record<string, unknown> = {
    id: viewer.id,
    unitId: primary?.unitId ?? null,
    unitPath: primary?.unitPath ?? [],
    roles: [...new Set(viewer.positions.map((p) => p.role))],
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0]![0] === '$user') return facts[String(entries[0]![1])] ?? null;
    return Object.fromEntries(entries.map(([key, inner]) => [key, walk(inner)]));
  };
  return walk(filter);
}
