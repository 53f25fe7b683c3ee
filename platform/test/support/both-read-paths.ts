import { expect } from 'vitest';
import { RESPONSE_TEXT, type GraphqlResult, type TestPlatform } from './test-platform.js';
import type { FallbackReason } from '../../src/sql-reads/fallback-reasons.js';

type Records = TestPlatform['records'];

/**
 * Runs one request through both read paths of a platform — compiled to one
 * SQL statement, then with the compiled reads switched off (the resolvers) —
 * and asserts the two answers are the same text (data, errors, key order).
 * Answers the compiled path's result and which path answered it: `compiled`,
 * or the fallback reason.
 */
export async function throughBothPaths<T = any>(lattice: TestPlatform, records: Records, query: string, variables?: Record<string, unknown>): Promise<{ result: GraphqlResult<T>; path: 'compiled' | FallbackReason }> {
  const switches = lattice.compiledReads;
  const before = snapshot(lattice);
  switches.enabled = true;
  const compiled = await records<T>(query, variables);
  const after = snapshot(lattice);
  switches.enabled = false;
  let resolved: GraphqlResult<T>;
  try {
    resolved = await records<T>(query, variables);
  } finally {
    switches.enabled = true;
  }
  expect(JSON.stringify(compiled), query).toBe(JSON.stringify(resolved));
  // Byte for byte as sent: the compiled path writes Postgres's JSON text into the response unparsed.
  const sent = (result: GraphqlResult<T>) => (result as unknown as Record<symbol, string | undefined>)[RESPONSE_TEXT];
  if (sent(compiled) !== undefined || sent(resolved) !== undefined) expect(sent(compiled), query).toBe(sent(resolved));
  const path = after.compiled > before.compiled ? 'compiled' : ((Object.keys(after.fallback) as FallbackReason[]).find((r) => after.fallback[r] > before.fallback[r]) ?? 'switched-off');
  return { result: compiled, path };
}

function snapshot(lattice: TestPlatform) {
  const { compiled, fallback } = lattice.compiledReads.stats;
  return { compiled, fallback: { ...fallback } };
}
