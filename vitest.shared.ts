/**
 * Reporters for every package: the default one, plus a JSON report per
 * package and run when CI asks for one (`.ci/run` adds them up).
 */
export function reporters(packageName: string): Array<string | [string, Record<string, unknown>]> {
  const dir = process.env['LATTICE_TEST_RESULTS'];
  if (!dir) return ['default'];
  return ['default', ['json', { outputFile: `${dir}/${packageName}-${process.env['LATTICE_TEST_RUN'] ?? 'run'}.json` }]];
}
