// Adds up the JSON reports every Vitest run wrote and prints the closing line.
// A test file counts once: its tests when they ran, or one failure when the
// file itself failed (an import error, a failing hook) with no failed test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0, files: 0 };
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const run = { passed: 0, failed: 0, skipped: 0 };
  for (const suite of report.testResults ?? []) {
    const tests = suite.assertionResults ?? [];
    const failedTests = tests.filter((t) => t.status === 'failed').length;
    run.passed += tests.filter((t) => t.status === 'passed').length;
    run.failed += failedTests || (suite.status === 'failed' ? 1 : 0);
    run.skipped += tests.filter((t) => t.status === 'skipped' || t.status === 'pending' || t.status === 'todo').length;
  }
  const suites = report.testResults?.length ?? 0;
  console.log(`${file}: ${suites} files, ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
  totals.passed += run.passed;
  totals.failed += run.failed;
  totals.skipped += run.skipped;
  totals.files += suites;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${totals.files} test files)`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
