import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { startPlatform, type LatticePlatform } from '../../src/app/lattice-platform.js';
import { dataOf, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, publishExampleWithOrg } from '../support/example-org.js';
import { errorOf, PUBLISH } from '../support/crm-seed.js';

const PLAN = `query($s: JSON) { plan(source: $s) { hash fromVersion parts catalogChanges { path } formChanges { path } } }`;

type Offering = { key: string; label: Record<string, string>; components: { amount: string }[]; allowances: { key: string; included: number }[] };

/** The example with one offering relabelled, repriced and given more minutes (changes in several properties of one document), and a form relabelled. */
function edited(live: MetadataSet): MetadataSet {
  const next = structuredClone(live);
  const offering = (next.tariffs as unknown as { offerings: Offering[] }).offerings.find((o) => o.key === 'm_5g_129')!;
  offering.label['en'] = '5G plan 129 plus';
  offering.components[0]!.amount = '125.00';
  offering.allowances.find((a) => a.key === 'voice')!.included = 600;
  const form = (next.forms as { key: string; label: Record<string, string> }[]).find((f) => f.key === 'order_main')!;
  form.label['en'] = 'Service order';
  return next;
}

describe('a plan is a pure function of the live version and the metadata', () => {
  const platform = exampleWithOrg();

  it('plans the same metadata twice, with records, drafts and catch-ups written in between, to the same hash, and publishes it', async () => {
    const lattice = platform();
    const source = edited(lattice.metadata.liveSource());
    const first = dataOf(await lattice.admin(PLAN, { s: source })).plan;
    expect(first.catalogChanges.length).toBe(3);
    const access = lattice.access();
    const concurrent = [
      ...Array.from({ length: 10 }, (_, i) => access.create('Customer', customerInput(`并发客户${i}`))),
      ...Array.from({ length: 5 }, () => lattice.metadata.catchUpLatest()),
      lattice.admin(`mutation($s: JSON!) { saveDraft(source: $s) { updatedAt } }`, { s: source }),
      lattice.admin(PLAN, { s: source }),
    ];
    const [again] = await Promise.all([lattice.admin(PLAN, { s: source }), ...concurrent]);
    expect(dataOf(again).plan).toEqual(first);
    const published = dataOf(await lattice.admin(PUBLISH, { source, planHash: first.hash, baseVersion: first.fromVersion })).publish;
    expect(published.unchanged).toBe(false);
  });

  it('says which parts of the plan changed when publish’s plan differs from the reviewed one', async () => {
    const lattice = platform();
    const live = lattice.metadata.liveSource();
    const next = structuredClone(live);
    const address = next.entities.find((e) => e.key === 'customer')!.fields.find((f) => f.key === 'address')!;
    Object.assign(address, { maxLength: 20 });
    await lattice.access().create('Customer', customerInput('长地址一', { address: '四川省成都市武侯区玉林北路社区一号院二单元' }));
    const reviewed = dataOf(await lattice.admin(PLAN, { s: next })).plan;
    // Another customer's address is too long now: the plan's data at risk is not the reviewed one.
    await lattice.access().create('Customer', customerInput('长地址二', { address: '四川省成都市武侯区玉林北路社区三号院四单元' }));
    const stale = errorOf(await lattice.admin(PUBLISH, { source: next, planHash: reviewed.hash, baseVersion: reviewed.fromVersion, confirm: ['lossy-conversion:customer.address'] }));
    expect(stale.extensions).toMatchObject({ code: 'PLAN_STALE', changedParts: ['risks'] });
    expect(stale.message).toMatch(/\(changed: risks\)/);
  });
});

describe('a plan made on one node publishes on another that loaded the version from its row', () => {
  const serverUrl = process.env['DATABASE_URL'];
  let first: TestPlatform;
  let second: LatticePlatform | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (!serverUrl) dataDir = await mkdtemp(join(tmpdir(), 'lattice-plan-'));
    first = await startTestPlatform(dataDir ? { dataDir } : {});
    await publishExampleWithOrg(first);
  });
  afterAll(async () => {
    await second?.close();
    if (serverUrl) await first?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes the reviewed plan on the other node (the embedded database: after a restart) without PLAN_STALE', async () => {
    const source = edited(first.metadata.liveSource());
    const reviewed = dataOf(await first.admin(PLAN, { s: source })).plan;
    // On the embedded database one process holds the folder: the other node is the same folder started again.
    if (!serverUrl) await first.close();
    second = await startPlatform({ port: 0, ...(serverUrl ? { databaseUrl: first.config.databaseUrl as string } : { dataDir: dataDir as string }), auth: { adminPassword: TEST_ADMIN.password } });
    const post = async (query: string, variables: Record<string, unknown>, token?: string) =>
      (await (await fetch(`${second!.url}${token ? '/admin/graphql' : '/auth/graphql'}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) })).json()) as { data?: any; errors?: { message: string }[] };
    const token = (await post(`mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }`, { l: TEST_ADMIN.login, p: TEST_ADMIN.password })).data.signIn.accessToken as string;
    expect(second.live.version).toBe(reviewed.fromVersion);
    expect((await post(PLAN, { s: source }, token)).data.plan.parts).toEqual(reviewed.parts);
    const published = await post(PUBLISH, { source, planHash: reviewed.hash, baseVersion: reviewed.fromVersion }, token);
    expect(published.errors).toBeUndefined();
    expect(published.data.publish.version).toBe(reviewed.fromVersion + 1);
  });
});
