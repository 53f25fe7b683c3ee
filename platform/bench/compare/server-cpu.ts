import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of the processes that serve a read, in milliseconds, by process:
 * this one (the platform's node, and PGlite when the database is embedded),
 * PostGraphile's, and the Postgres server's backends of the benchmark's
 * database (found by their process title, which names the database). Read
 * from /proc, so Linux only; elsewhere only this process is counted.
 */
export class ServerCpu {
  constructor(private readonly options: { readonly otherPids: () => readonly number[]; readonly databaseName?: string }) {}

  sample(): Map<string, number> {
    const usage = process.cpuUsage();
    const sample = new Map<string, number>([['node', (usage.user + usage.system) / 1000]]);
    for (const pid of this.options.otherPids()) sample.set(`pid:${pid}`, cpuOfPid(pid) ?? 0);
    if (this.options.databaseName) for (const pid of backendsOf(this.options.databaseName)) sample.set(`pg:${pid}`, cpuOfPid(pid) ?? 0);
    return sample;
  }

  /** Milliseconds spent between two samples: by this process, by the other processes, by Postgres backends (one started meanwhile counts whole). */
  static spent(before: Map<string, number>, after: Map<string, number>): { readonly node: number; readonly others: number; readonly postgres: number } {
    let node = 0;
    let others = 0;
    let postgres = 0;
    for (const [key, value] of after) {
      const spent = value - (before.get(key) ?? 0);
      if (key === 'node') node += spent;
      else if (key.startsWith('pg:')) postgres += spent;
      else others += spent;
    }
    return { node, others, postgres };
  }
}

function cpuOfPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function backendsOf(databaseName: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${databaseName} `)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
