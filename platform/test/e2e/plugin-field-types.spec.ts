import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freshDatabase, startCli, type CliProcess } from '../support/cli-process.js';
import { errorOf, publishReviewed, type AdminCall } from '../support/crm-seed.js';
import { dataOf, startTestPlatform, type GraphqlResult } from '../support/test-platform.js';
import { simCardMetadata } from '../../../plugins/telecom-numbers/testing/sim-card-metadata.js';

/**
 * A plugin's field type and fact, as a deployment uses them: the built
 * plugin module loaded by `lattice serve --plugin`, metadata that needs it
 * published through the admin API, records written and read over HTTP.
 */
const PLUGIN = resolve(import.meta.dirname, '../../../plugins/telecom-numbers/dist/src/index.js');
const ADMIN_PASSWORD = 'Sim-Lattice-2026x';
/** Luhn check digits computed for illustrative cards of three issuers (898600, 898603, 898607). */
const MOBILE_SIM = '89860012345678901238';
const TELECOM_SIM = '89860312345678901235';
const OTHER_SIM = '89860712345678901231';
/** A hall with one clerk who registers SIM cards (illustrative): forms apply to users who hold a position. */
const CLERK_PASSWORD = 'Sim-Clerk-2026x';
const ORG = {
  unitKinds: [{ key: 'hall', label: { en: 'Hall' } }],
  units: [{ key: 'hall', name: { en: 'Kehua hall' }, kind: 'hall' }],
  roles: [{ key: 'sim_clerk', label: { en: 'SIM clerk' }, permissions: { entities: { sim_card: { read: 'unit', create: 'unit', update: 'unit', fields: { '*': 'write' } } } } }],
  users: [{ login: 'sim.clerk', displayName: 'SIM clerk', password: CLERK_PASSWORD, positions: [{ unit: 'hall', role: 'sim_clerk', primary: true }] }],
};
const CREATE = `mutation($input: SimCardCreateInput!) { createSimCard(input: $input) { id iccid roamingPack } }`;

type Problem = { code: string; path: string; message: string };
const problemsOf = (result: GraphqlResult<unknown>): Problem[] => (errorOf(result).extensions?.problems ?? []).map(({ code, path, message }: Problem) => ({ code, path, message }));

describe('a plugin field type, fact and record hook, loaded with lattice serve --plugin', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let node: CliProcess;
  let records: AdminCall;

  beforeAll(async () => {
    db = await freshDatabase();
    const port = await freePort();
    node = startCli(['serve', '--plugin', PLUGIN], { ...db.env, PORT: String(port), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    await node.waitForOutput(/Press Ctrl\+C to stop/);
    const call = (path: string, token?: string): AdminCall => async (query, variables) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlResult<any>;
    };
    const signIn = async (login: string, password: string) => dataOf(await call('/auth/graphql')(`mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }`, { l: login, p: password })).signIn.accessToken as string;
    const admin = call('/admin/graphql', await signIn('admin', ADMIN_PASSWORD));
    const published = dataOf(await publishReviewed(admin, simCardMetadata()));
    expect(published.publish.version).toBe(1);
    dataOf(await admin(`mutation($s: JSON!) { importOrg(source: $s) { users } }`, { s: ORG }));
    records = call('/graphql', await signIn('sim.clerk', CLERK_PASSWORD));
  }, 240_000);

  afterAll(async () => {
    node?.signal('SIGKILL');
    await node?.exited;
    await db?.drop();
  });

  it('stores the field in the column its storage kind says, served and filtered as a String, canonical however it was typed', async () => {
    expect(node.stdout()).toMatch(/Plugins: telecom-numbers/);
    const created = dataOf(await records(CREATE, { input: { iccid: '8986 0012 3456 7890 1238', holder: '李娜', roamingPack: 'asia' } })).createSimCard;
    expect(created).toMatchObject({ iccid: MOBILE_SIM, roamingPack: 'asia' });
    const listed = dataOf(await records(`{ simCards(filter: { iccid: { startsWith: "898600" } }, orderBy: [{ field: iccid }]) { nodes { id iccid } totalCount } }`)).simCards;
    expect(listed).toEqual({ nodes: [{ id: created.id, iccid: MOBILE_SIM }], totalCount: 1 });
    // The filters are the field type's own: no `contains` on an ICCID.
    expect(errorOf(await records(`{ simCards(filter: { iccid: { contains: "0012" } }) { totalCount } }`)).message).toMatch(/"contains" is not defined by type "IccidFilter"/);
  });

  it('validates with the plugin codec: a mistyped check digit is refused with the field, the digit it should be, and nothing stored', async () => {
    const refused = await records(CREATE, { input: { iccid: '89860012345678901239' } });
    expect(errorOf(refused).extensions?.code).toBe('VALIDATION');
    expect(problemsOf(refused)).toEqual([{ code: 'record.invalid-value', path: 'iccid', message: expect.stringContaining('its check digit is 9, the Luhn check digit of the others is 8') }]);
    const duplicate = await records(CREATE, { input: { iccid: MOBILE_SIM } });
    expect(problemsOf(duplicate)).toMatchObject([{ code: 'record.duplicate', path: 'iccid' }]);
    expect(dataOf(await records(`{ simCards { totalCount } }`)).simCards.totalCount).toBe(1);
  });

  it('computes the fact in a form condition (a field hidden for other issuers) and in a rule (an issuer refused)', async () => {
    const hidden = await records(CREATE, { input: { iccid: TELECOM_SIM, roamingPack: 'asia' } });
    expect(problemsOf(hidden)).toMatchObject([{ code: 'form.hidden-field', path: 'roamingPack' }]);
    expect(dataOf(await records(CREATE, { input: { iccid: TELECOM_SIM } })).createSimCard).toMatchObject({ iccid: TELECOM_SIM, roamingPack: null });
    const other = await records(CREATE, { input: { iccid: OTHER_SIM } });
    expect(problemsOf(other)).toEqual([{ code: 'rule.validation', path: 'iccid', message: 'SIM cards of this issuer cannot be registered here' }]);
    expect(dataOf(await records(`{ simCards { totalCount } }`)).simCards.totalCount).toBe(2);
  });

  it("runs the plugin's record hook on every update: a card's ICCID cannot change, whatever else may", async () => {
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: SimCardUpdateInput!) { updateSimCard(id: $id, version: $version, input: $input) { iccid holder version } }`;
    const [card] = dataOf(await records(`{ simCards(filter: { iccid: { eq: "${MOBILE_SIM}" } }) { nodes { id version } } }`)).simCards.nodes;
    const renumbered = await records(UPDATE, { id: card.id, version: card.version, input: { iccid: '89860012345678901246' } });
    expect(errorOf(renumbered).extensions?.code).toBe('VALIDATION');
    expect(problemsOf(renumbered)).toEqual([{ code: 'iccid.fixed', path: 'iccid', message: expect.stringContaining('The ICCID of a SIM card cannot change') }]);
    // The same number typed with spaces is no change; the holder may change.
    const renamed = dataOf(await records(UPDATE, { id: card.id, version: card.version, input: { iccid: '8986 0012 3456 7890 1238', holder: '王芳' } })).updateSimCard;
    expect(renamed).toEqual({ iccid: MOBILE_SIM, holder: '王芳', version: card.version + 1 });
  });

  it('keeps the values canonical in a column of the storage kind the field type names', async () => {
    // Stopped first: an embedded database is read from its folder once the node has let go of it.
    node.signal('SIGTERM');
    expect((await node.exited).code).toBe(0);
    const [column] = await db.sql<{ data_type: string; length: number }>(`select data_type, character_maximum_length as length from information_schema.columns where column_name = 'iccid'`);
    expect(column).toEqual({ data_type: 'character varying', length: 20 });
    const stored = await db.sql<{ iccid: string }>(`select iccid from sim_card order by iccid`);
    expect(stored.map((r) => r.iccid)).toEqual([MOBILE_SIM, TELECOM_SIM]);
  });

  it('will not serve the published metadata again without the plugin, saying which field needs what', async () => {
    const without = startCli(['serve'], { ...db.env, PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect((await without.exited).code).not.toBe(0);
    expect(without.stderr().trim().split('\n')).toEqual([
      'lattice serve: cannot start: Stored metadata version 1 no longer compiles: entities[sim_card].fields[iccid].type: Unknown field type "iccid" (a plugin it was published with is not loaded: start with --plugin <module>)',
    ]);
  });
});

describe('a plugin that does not fit stops lattice serve at once, with one line naming it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lattice-plugins-'));
    const source = JSON.stringify(pathToFileURL(PLUGIN).href);
    await writeFile(join(dir, 'copy.mjs'), `import numbers from ${source};\nexport default { key: 'sim-copy', apiVersion: numbers.apiVersion, fieldTypes: numbers.fieldTypes };\n`);
    await writeFile(join(dir, 'old.mjs'), `import numbers from ${source};\nexport default { ...numbers, key: 'sim-old', apiVersion: '0.9.0' };\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function failedStart(...plugins: string[]): Promise<string[]> {
    const cli = startCli(['serve', ...plugins.flatMap((p) => ['--plugin', p])], { LATTICE_DATA_DIR: join(dir, 'data'), PORT: String(await freePort()), LATTICE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect((await cli.exited).code).not.toBe(0);
    return cli.stderr().trim().split('\n');
  }

  it('refuses a field type name another plugin has, and a plugin written against another major of the plugin API', async () => {
    expect(await failedStart(PLUGIN, join(dir, 'copy.mjs'))).toEqual(['lattice serve: cannot start: Plugin "sim-copy" registers the field type "iccid", which plugin "telecom-numbers" already have']);
    expect(await failedStart(join(dir, 'old.mjs'))).toEqual([expect.stringMatching(/^lattice serve: cannot start: Plugin "sim-old" was written against plugin API 0\.9\.0; this platform implements 1\.\d+\.\d+, whose major version differs/)]);
  });
});

describe('metadata using a plugin field type, on a platform without the plugin', () => {
  it('is refused at plan time with the field path', async () => {
    const lattice = await startTestPlatform();
    try {
      const refused = await lattice.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: simCardMetadata() });
      expect(problemsOf(refused)).toEqual(expect.arrayContaining([{ code: 'field.unknown-type', path: 'entities[sim_card].fields[iccid].type', message: 'Unknown field type "iccid"' }]));
    } finally {
      await lattice.stop();
    }
  });
});
