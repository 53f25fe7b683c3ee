import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION, type LatticePlugin } from '@lattice/runtime';
import { dataOf, startTestPlatform, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs, TELECOM_EXAMPLE } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';
import { openExample } from '../../src/seed/example-package.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';

/** A reporting plugin as a third party would write it: queries over customers, through the context it is given. */
const reports: LatticePlugin = {
  key: 'reports',
  apiVersion: PLUGIN_API_VERSION,
  graphql: {
    typeDefs: `
      extend type Query {
        "The customers of a city"
        customersInCity(city: String!): CustomerConnection!
        "One customer, for a 360° view"
        customerCard(id: ID!): Customer
        "How many customers have a value tier"
        customersInTier(tier: String!): Int!
        "How many customers of a type there are"
        customerCount(customerType: String!): Int!
        "A customer as a JSON text, for an export"
        customerExport(id: ID!): String
      }`,
    resolvers: {
      Query: {
        customersInCity: (_parent, args, { records }) => records.list('Customer', { filter: { city: { eq: args['city'] } }, first: 50 }),
        customerCard: (_parent, args, { records }) => records.get('Customer', args['id'] as string),
        customersInTier: async (_parent, args, { records }) => (await records.list('Customer', { filter: { valueTier: { eq: args['tier'] } }, first: 1 })).totalCount ?? 0,
        customerCount: async (_parent, args, { records }) => (await records.list('Customer', { filter: { customerType: { eq: args['customerType'] } }, first: 1 })).totalCount ?? 0,
        customerExport: async (_parent, args, { records }) => JSON.stringify(await records.get('Customer', args['id'] as string)),
      },
    },
  },
};

const codes = (result: GraphqlResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);

describe('GraphQL from a plugin reaches records only as the caller may', () => {
  let lattice: TestPlatform;
  let operator: Awaited<ReturnType<typeof signedInAs>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    lattice = await startTestPlatform({ plugins: [reports] });
    await publishExampleWithOrg(lattice);
    const wuhou = await lattice.accessAs('wh.counter');
    const jinniu = await lattice.accessAs('jn.counter');
    ids['mine'] = (await wuhou.create('Customer', customerInput('武侯甲', { city: 'chengdu' }))).id;
    ids['theirs'] = (await jinniu.create('Customer', customerInput('金牛乙', { city: 'chengdu' }))).id;
    await lattice.access().update('Customer', ids['theirs']!, 1, { valueTier: 'strategic' });
    operator = await signedInAs(lattice, 'wh.counter');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('lists only the records in the caller\'s row scope, as the generated list does', async () => {
    const plugin = dataOf(await operator.records(`{ customersInCity(city: "chengdu") { nodes { id name } totalCount } }`)).customersInCity;
    const generated = dataOf(await operator.records(`{ customers(filter: { city: { eq: "chengdu" } }) { nodes { id name } totalCount } }`)).customers;
    expect(plugin).toEqual({ nodes: [{ id: ids['mine'], name: '武侯甲' }], totalCount: 1 });
    expect(plugin).toEqual(generated);
    expect(dataOf(await operator.records(`{ customerCount(customerType: "individual") }`)).customerCount).toBe(1);
    expect(dataOf(await lattice.records(`{ customerCount(customerType: "individual") }`)).customerCount).toBe(2);
    expect(dataOf(await operator.records(`query($id: ID!) { customerCard(id: $id) { name } }`, { id: ids['theirs'] })).customerCard).toBeNull();
  });

  it('refuses a field the caller may not read, in the selection or in the plugin\'s own filter, as the generated API does', async () => {
    const selected = await operator.records(`{ customersInCity(city: "chengdu") { nodes { name valueTier } } }`);
    const generated = await operator.records(`{ customers { nodes { name valueTier } } }`);
    expect(codes(selected)).toEqual(['FORBIDDEN']);
    expect(errorOf(selected).message).toBe(errorOf(generated).message);
    expect(codes(await operator.records(`query($id: ID!) { customerCard(id: $id) { valueTier } }`, { id: ids['mine'] }))).toEqual(['FORBIDDEN']);
    // A count over a hidden field would tell its values apart: refused, not zero.
    expect(codes(await operator.records(`{ customersInTier(tier: "strategic") }`))).toEqual(['FORBIDDEN']);
    expect(dataOf(await lattice.records(`{ customersInTier(tier: "strategic") }`)).customersInTier).toBe(1);
    // A plugin field that answers no record type gets the fields the caller may read, and only those.
    const exported = (id: string, as: typeof operator) => as.records(`query($id: ID!) { customerExport(id: $id) }`, { id }).then((r) => JSON.parse(dataOf(r).customerExport) as Record<string, unknown> | null);
    expect(await exported(ids['mine']!, operator)).toMatchObject({ id: ids['mine'], name: '武侯甲' });
    expect(Object.keys((await exported(ids['mine']!, operator)) ?? {})).not.toContain('valueTier');
    expect(await exported(ids['theirs']!, operator)).toBeNull();
    expect(await exported(ids['theirs']!, lattice)).toMatchObject({ valueTier: 'strategic' });
  });

  it('logs the personal data a plugin query shows, like any read', async () => {
    await operator.records(`{ customersInCity(city: "chengdu") { nodes { phone idNumber } } }`);
    const entries = (await (await lattice.accessAs('wh.supervisor')).part(SHARING).accessLog({ kind: 'personal-data', first: 500 })).entries;
    const shown = entries.filter((e) => e.login === 'wh.counter' && e.recordIds.includes(ids['mine']!)).flatMap((e) => (e.details as { fields?: string[] }).fields ?? []);
    expect(shown).toEqual(expect.arrayContaining(['phone', 'idNumber']));
    expect(entries.filter((e) => e.recordIds.includes(ids['theirs']!))).toEqual([]);
  });
});

describe('GraphQL from a plugin that clashes with the record API', () => {
  const clashing = (key: string, typeDefs: string, field: string): LatticePlugin => ({ key, apiVersion: PLUGIN_API_VERSION, graphql: { typeDefs, resolvers: { Query: { [field]: () => 0 } } } });

  it('stops the start when it takes a name every API has, naming the plugin', async () => {
    await expect(startTestPlatform({ plugins: [clashing('versions', 'extend type Query { metadataVersion: Int }', 'metadataVersion')] })).rejects.toThrow(
      'Plugin "versions" extends the GraphQL API, but its typeDefs do not fit the record API: Field "Query.metadataVersion" already exists in the schema',
    );
  });

  it('refuses at plan time metadata whose generated API would take a name the plugin has', async () => {
    const lattice = await startTestPlatform({ plugins: [clashing('counts', 'extend type Query { customers: Int }', 'customers')] });
    try {
      const refused = await lattice.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: await openExample(TELECOM_EXAMPLE).metadata() });
      expect(errorOf(refused).extensions?.problems).toEqual([expect.objectContaining({ code: 'plugin.graphql', path: 'plugins[counts].graphql', message: expect.stringContaining('Field "Query.customers" already exists in the schema') })]);
    } finally {
      await lattice.stop();
    }
  });
});
