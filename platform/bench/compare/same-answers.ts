import { resolve } from 'node:path';
import type pg from 'pg';
import { openExample } from '../../src/seed/example-package.js';
import type { BenchPlatform } from './bench-platform.js';
import { OPERATOR_LOGIN } from './bench-platform.js';
import { latticePageFilter, normalise, type BenchRead } from './bench-reads.js';
import type { ReadWorkload } from './compare-reads.js';

/** How many of the workload's ids are read by every system and compared. */
const CHECKED_IDS = 20;

/**
 * Reads a sample of the workload through every system and stops the
 * benchmark when any two answers differ (in the normalised form of
 * `normalise`): numbers of systems that answer differently mean nothing.
 */
export async function checkSameAnswers(bench: BenchPlatform, postgraphileUrl: string, raw: pg.Pool, reads: { byId: BenchRead; operatorById: BenchRead; page: BenchRead }, w: ReadWorkload): Promise<void> {
  const model = bench.platform.live.current.model;
  const api = `${bench.platform.url}/graphql`;
  const sql = async (text: string, values: unknown[]) => JSON.parse((await raw.query<{ answer: string | null }>(text, values)).rows[0]?.answer ?? 'null') as unknown;
  const same = (what: string, answers: Record<string, unknown>) => {
    const [[firstName, first], ...rest] = Object.entries(answers).map(([name, answer]) => [name, normalise(model, answer)] as const) as [[string, string], ...[string, string][]];
    if (first === '[null]' || first === '[]') throw new Error(`${what}: ${firstName} found nothing to compare`);
    for (const [name, answer] of rest) if (answer !== first) throw new Error(`${what}: ${name} answered differently from ${firstName}\n${firstName}: ${first.slice(0, 600)}\n${name}: ${answer.slice(0, 600)}`);
  };
  for (const id of w.ids.slice(0, CHECKED_IDS)) {
    same(`customer ${id}`, {
      'hand SQL': await sql(reads.byId.sql, [id]),
      PostGraphile: ((await graphql(postgraphileUrl, reads.byId.postgraphile, { id })) as { customerByRowId: unknown }).customerByRowId,
      'Lattice (admin)': ((await graphql(api, reads.byId.lattice, { id }, bench.tokens.admin)) as { customer: unknown }).customer,
      'Lattice (admin), resolvers': await resolved(bench, async () => ((await graphql(api, reads.byId.lattice, { id }, bench.tokens.admin)) as { customer: unknown }).customer),
    });
  }
  for (const id of w.hallIds.slice(0, CHECKED_IDS)) {
    same(`hall customer ${id}`, {
      'hand SQL, scoped': await sql(reads.operatorById.scopedSql, [id, w.hallUnits]),
      'Lattice (hall operator)': ((await graphql(api, reads.operatorById.lattice, { id }, bench.tokens.operator)) as { customer: unknown }).customer,
    });
  }
  const latticePage = async (city: string, token: string) => ((await graphql(api, reads.page.lattice, latticePageFilter(city), token)) as { customers: { nodes: unknown } }).customers.nodes;
  same(`page of ${w.city}`, {
    'hand SQL': await sql(reads.page.sql, [w.city]),
    PostGraphile: ((await graphql(postgraphileUrl, reads.page.postgraphile, { city: w.city })) as { allCustomers: { nodes: unknown } }).allCustomers.nodes,
    'Lattice (admin)': await latticePage(w.city, bench.tokens.admin),
    'Lattice (admin), resolvers': await resolved(bench, () => latticePage(w.city, bench.tokens.admin)),
  });
  same(`hall operator's page of ${w.hallCity}`, { 'hand SQL, scoped': await sql(reads.page.scopedSql, [w.hallCity, w.hallUnits]), 'Lattice (hall operator)': await latticePage(w.hallCity, bench.tokens.operator) });
}

/** An answer with the compiled reads switched off (the resolvers). */
async function resolved<T>(bench: BenchPlatform, read: () => Promise<T>): Promise<T> {
  bench.platform.compiledReads.enabled = false;
  try {
    return await read();
  } finally {
    bench.platform.compiledReads.enabled = true;
  }
}

/** The customer field keys the example's hall operator role may read. */
export async function operatorReadableFields(): Promise<ReadonlySet<string>> {
  const org = (await openExample(resolve(import.meta.dirname, '../../../examples/telecom-crm')).org()) as {
    users: { login: string; positions: { role: string }[] }[];
    roles: { key: string; permissions: { entities: Record<string, { fields?: Record<string, string> }> } }[];
  };
  const role = org.users.find((u) => u.login === OPERATOR_LOGIN)?.positions[0]?.role;
  const fields = org.roles.find((r) => r.key === role)?.permissions.entities['customer']?.fields ?? {};
  return new Set(Object.keys(fields));
}

async function graphql(url: string, query: string, variables: object, token?: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${url}: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}
