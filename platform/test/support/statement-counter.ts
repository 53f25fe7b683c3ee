import pg from 'pg';

/**
 * Counts the SQL statements the platform sends while `work` runs, by wrapping
 * pg's Client.prototype.query (the platform runs in the test's process, and
 * Kysely, hence MikroORM, sends every statement through it). Run one request
 * at a time: every statement of the process is counted.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const original = pg.Client.prototype.query;
  const statements: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === 'string' ? first : String(first?.text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await work();
    return { result, statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}
