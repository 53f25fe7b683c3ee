import type { Measurement } from '../measure.js';

export interface ComparisonRow {
  readonly read: string;
  readonly system: string;
  readonly concurrency: number;
  readonly measurement: Measurement;
  /** CPU of every serving process (the node, PostGraphile's, Postgres' backends) per request. */
  readonly cpuMsPerRequest: number;
  /** Of which the Postgres server's backends (undefined on PGlite, which runs inside the node). */
  readonly postgresMsPerRequest: number | undefined;
}

/** One table per read and concurrency, the first row (hand SQL) the reference of the ratios. */
export function printComparison(rows: readonly ComparisonRow[]): void {
  const groups = new Map<string, ComparisonRow[]>();
  for (const row of rows) {
    const key = `${row.read}  c=${row.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [title, group] of groups) {
    const reference = group[0];
    if (!reference) continue;
    console.log(`\n## ${title}`);
    console.log(`${'system'.padEnd(30)} ${'req/s'.padStart(7)} ${'× SQL'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'CPU ms/req'.padStart(11)} ${'of it Postgres'.padStart(15)}`);
    for (const row of group) {
      const m = row.measurement;
      console.log(
        `${row.system.padEnd(30)} ${m.requestsPerSecond.toFixed(0).padStart(7)} ${(m.requestsPerSecond / reference.measurement.requestsPerSecond).toFixed(2).padStart(6)} ${m.p50.toFixed(2).padStart(7)} ${m.p99.toFixed(2).padStart(7)} ${row.cpuMsPerRequest.toFixed(3).padStart(11)} ${(row.postgresMsPerRequest === undefined ? 'in the node' : row.postgresMsPerRequest.toFixed(3)).padStart(15)}`,
      );
    }
    const admin = group.find((r) => r.system === 'Lattice, platform admin');
    const operator = group.find((r) => r.system === 'Lattice, hall operator');
    if (admin && operator) console.log(`hall operator / platform admin, p50: ${(operator.measurement.p50 / admin.measurement.p50).toFixed(2)}× (aim: under 1.3×)`);
  }
}
