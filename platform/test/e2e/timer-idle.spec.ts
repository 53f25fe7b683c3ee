import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { countStatements } from '../support/statement-counter.js';

// Sweeps every second here, so a few seconds show several idle sweeps and outbox polls.
process.env['LATTICE_TIMER_SWEEP_MS'] = '1000';
process.env['LATTICE_OUTBOX_INTERVAL_MS'] = '1000';

/** The statements run between `begin` and its `commit`/`rollback`, one list per transaction (PGlite: one session, so they do not interleave). */
function transactionsOf(statements: readonly string[]): string[][] {
  const out: string[][] = [];
  let open: string[] | undefined;
  for (const statement of statements.map((s) => s.trim())) {
    if (/^begin\b/i.test(statement)) open = [];
    else if (/^(commit|rollback)\b/i.test(statement)) {
      if (open) out.push(open);
      open = undefined;
    } else open?.push(statement);
  }
  return out;
}

describe("an idle node's timer and outbox polls", () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(() => lattice?.stop());

  it('cost one statement each and open no transaction while nothing is due', async () => {
    const { statements } = await countStatements(() => new Promise((r) => setTimeout(r, 5_000)));
    const sweeps = statements.filter((s) => /from lattice_timer where state = 'scheduled' and due_at <= now\(\)/.test(s));
    const outboxChecks = statements.filter((s) => /select exists \(select 1 from lattice_workflow_outbox/.test(s));
    expect(sweeps.length).toBeGreaterThanOrEqual(3);
    expect(outboxChecks.length).toBeGreaterThanOrEqual(3);
    // Transactions may run meanwhile (the version check's deferred drops), but none of them is the timers' or the outbox's.
    // Only PGlite runs one statement at a time, so only there do statements between a begin and its commit belong to that transaction.
    if (!lattice.database.embedded) return;
    const theirs = transactionsOf(statements).filter((tx) => tx.some((s) => /lattice_timer|lattice_workflow_outbox|pgboss\./.test(s)));
    expect(theirs).toEqual([]);
  });
});
