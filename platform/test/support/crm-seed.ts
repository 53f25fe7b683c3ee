import { dataOf, type GraphqlResult, type TestPlatform } from './test-platform.js';
import { crmFixture } from './crm-fixture.js';

export const PLAN = `query($source: JSON) { plan(source: $source) { hash ddl blocked confirmationsRequired risks { id kind entity field rows blocking message hint } apiChanges { kind description breaking } } }`;
export const PUBLISH = `mutation($source: JSON, $draft: String, $planHash: String, $baseVersion: Int, $confirm: [String!], $comment: String) {
  publish(source: $source, draft: $draft, planHash: $planHash, baseVersion: $baseVersion, confirm: $confirm, comment: $comment) { version unchanged plan { ddl risks { id kind rows blocking } } } }`;

const PLAN_TO_PUBLISH = `query($source: JSON, $draft: String) { plan(source: $source, draft: $draft) { hash fromVersion } }`;

/** A call to the admin API as someone (`lattice.admin`, or `as(token).admin`). */
export type AdminCall = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResult<any>>;

/**
 * Publishes as an admin who reviewed the plan: plans `source` (or the draft
 * when none is given), then publishes with that plan's hash and base
 * version. Answers the publish's result, errors included.
 */
export async function publishReviewed(admin: AdminCall, source?: unknown, options: { confirm?: string[]; comment?: string; draft?: string } = {}): Promise<GraphqlResult<any>> {
  const { draft, confirm = [], comment } = options;
  const plan = (await admin(PLAN_TO_PUBLISH, { source, draft })).data?.plan;
  return admin(PUBLISH, { source, draft, planHash: plan?.hash, baseVersion: plan?.fromVersion, confirm, comment });
}

/** Rolls back to `toVersion` as an admin who reviewed its plan (`planRollback`), like `publishReviewed`. */
export async function rollbackReviewed(admin: AdminCall, toVersion: number, options: { confirm?: string[] } = {}): Promise<GraphqlResult<any>> {
  const plan = (await admin(`query($v: Int!) { planRollback(toVersion: $v) { hash fromVersion } }`, { v: toVersion })).data?.planRollback;
  return admin(`mutation($v: Int!, $planHash: String, $baseVersion: Int, $confirm: [String!]) { rollback(toVersion: $v, planHash: $planHash, baseVersion: $baseVersion, confirm: $confirm) { version } }`, {
    v: toVersion,
    planHash: plan?.hash,
    baseVersion: plan?.fromVersion,
    confirm: options.confirm ?? [],
  });
}

/** Publishes metadata through the admin API (the CRM fixture by default); returns the new version number. */
export async function publishModel(lattice: TestPlatform, source: unknown = crmFixture(), confirm: string[] = []): Promise<number> {
  return dataOf(await publishReviewed(lattice.admin, source, { confirm })).publish.version;
}

/** The first error of a GraphQL result, failing loudly when there is none. */
export function errorOf(result: GraphqlResult<unknown>) {
  const error = result.errors?.[0];
  if (!error) throw new Error(`Expected an error, got data: ${JSON.stringify(result.data)}`);
  return error;
}

/** Problem paths of the first error, sorted. */
export function problemPaths(result: GraphqlResult<unknown>): string[] {
  return (errorOf(result).extensions?.problems ?? []).map((p) => p.path).sort();
}

/** Creates products through the batch mutation; returns their ids by code. */
export async function createProducts(lattice: TestPlatform, products: { code: string; title: string; monthlyFee: string }[]): Promise<Record<string, string>> {
  const created: { id: string; code: string }[] = dataOf(await lattice.records(`mutation($inputs: [ProductCreateInput!]!) { createProducts(inputs: $inputs) { id code } }`, { inputs: products })).createProducts;
  return Object.fromEntries(created.map((p) => [p.code, p.id]));
}

/** Creates customers through the batch mutation; returns their ids in input order. */
export async function createCustomers(lattice: TestPlatform, inputs: Record<string, unknown>[]): Promise<string[]> {
  const created: { id: string }[] = dataOf(await lattice.records(`mutation($inputs: [CustomerCreateInput!]!) { createCustomers(inputs: $inputs) { id } }`, { inputs })).createCustomers;
  return created.map((c) => c.id);
}

/** Creates subscriptions through the batch mutation; returns their ids in input order. */
export async function createSubscriptions(lattice: TestPlatform, inputs: Record<string, unknown>[]): Promise<string[]> {
  const created: { id: string }[] = dataOf(await lattice.records(`mutation($inputs: [SubscriptionCreateInput!]!) { createSubscriptions(inputs: $inputs) { id } }`, { inputs })).createSubscriptions;
  return created.map((s) => s.id);
}
