import { dataOf, type GraphqlResult, type TestPlatform } from './test-platform.js';
import { crmFixture } from './crm-fixture.js';

export const PLAN = `query($source: JSON) { plan(source: $source) { hash ddl blocked confirmationsRequired risks { id kind entity field rows blocking message hint } apiChanges { kind description breaking } } }`;
export const PUBLISH = `mutation($source: JSON, $planHash: String, $confirm: [String!]) {
  publish(source: $source, planHash: $planHash, confirm: $confirm) { version plan { ddl risks { id kind rows blocking } } } }`;

/** Publishes metadata through the admin API (the CRM fixture by default); returns the new version number. */
export async function publishModel(lattice: TestPlatform, source: unknown = crmFixture(), confirm: string[] = []): Promise<number> {
  return dataOf(await lattice.admin(PUBLISH, { source, confirm })).publish.version;
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
