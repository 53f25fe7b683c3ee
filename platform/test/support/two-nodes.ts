import { afterAll, beforeAll } from 'vitest';
import { startPlatform, type LatticePlatform } from '../../src/app/lattice-platform.js';
import { startTestPlatform, type TestPlatform } from './test-platform.js';
import type { OperationsConfig } from '../../src/config/operations-config.js';

/**
 * Two platform nodes on one Postgres server (DATABASE_URL), for the
 * describe block that calls it: `first` is a test platform, `second` another
 * node on its database. `prepare` runs once both are up; `operations`
 * sets each node's operations settings.
 */
export function useTwoNodes(prepare?: (first: TestPlatform) => Promise<void>, operations: { first?: Partial<OperationsConfig>; second?: Partial<OperationsConfig> } = {}): { readonly first: TestPlatform; readonly second: LatticePlatform } {
  const nodes = {} as { first: TestPlatform; second: LatticePlatform };
  beforeAll(async () => {
    nodes.first = await startTestPlatform(operations.first ? { operations: operations.first } : {});
    nodes.second = await startPlatform({ port: 0, databaseUrl: nodes.first.config.databaseUrl as string, ...(operations.second ? { operations: operations.second } : {}) });
    await prepare?.(nodes.first);
  });
  afterAll(async () => {
    await nodes.second?.close();
    await nodes.first?.stop();
  });
  return nodes;
}
