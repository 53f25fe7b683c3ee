import type { ReadPlan } from './read-plan.js';

/**
 * The answer of an operation that reads no record (`{ metadataVersion }`,
 * `{ __typename }`), made here: nothing in it depends on the database or
 * on the actor, so it costs no statement and no access point. Undefined when
 * any root reads records.
 */
export function constantAnswer(plan: ReadPlan, version: number): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const root of plan.roots) {
    if (root.kind === 'typename') data[root.key] = 'Query';
    else if (root.kind === 'metadataVersion') data[root.key] = Math.trunc(version);
    else return undefined;
  }
  return data;
}
