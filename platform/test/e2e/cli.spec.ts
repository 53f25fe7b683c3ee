import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { dataOf, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/test-platform.js';
import { publishReviewed } from '../support/crm-seed.js';
import { crmFixture } from '../support/crm-fixture.js';
import { runLatticeCli, type CliResult } from '../support/lattice-cli.js';

/** The `lattice` CLI in its own process, against the running platform over HTTP, signed in as the test admin. */
async function lattice(url: string, ...args: string[]): Promise<CliResult> {
  return latticeWith({ LATTICE_LOGIN: TEST_ADMIN.login, LATTICE_PASSWORD: TEST_ADMIN.password }, url, ...args);
}

async function latticeWith(env: Record<string, string>, url: string, ...args: string[]): Promise<CliResult> {
  return runLatticeCli([...args, '--url', url], env);
}

// Each command is a process of its own that compiles the CLI as it starts: on a busy machine a test takes minutes.
describe('metadata as code with the lattice CLI', { timeout: 300_000 }, () => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    dataOf(await publishReviewed(platform.admin, crmFixture()));
    dir = await mkdtemp(join(tmpdir(), 'lattice-cli-'));
  });
  afterAll(async () => {
    await platform?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports, plans and applies a new Customer field, which the API serves at once; rollback removes it', async () => {
    const exported = await lattice(platform.url, 'export', '--out', dir);
    expect(exported.stdout).toMatch(/Exported version 1: 3 files/);
    const file = join(dir, 'entities', 'customer.yaml');
    const customer = parse(await readFile(file, 'utf8'));
    customer.fields.push({ key: 'wechat_id', name: 'wechatId', type: 'text', maxLength: 40, label: { en: 'WeChat ID', 'zh-CN': '微信号' } });
    await writeFile(file, stringify(customer));

    const planned = await lattice(platform.url, 'plan', dir);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/field\.added customer field=wechat_id name=wechatId/);
    expect(planned.stdout).toMatch(/alter table "customer" add "wechat_id" varchar\(40\) null;/);
    expect(planned.stdout).toMatch(/Customer\.wechatId was added/);

    const applied = await lattice(platform.url, 'apply', dir, '--comment', 'WeChat for customer managers');
    expect(applied.stdout).toMatch(/Published version 2\./);
    const created = dataOf(await platform.records(`mutation { createCustomer(input: { name: "李娜", wechatId: "lina_cd" }) { id wechatId } }`)).createCustomer;
    expect(created.wechatId).toBe('lina_cd');

    const refused = await lattice(platform.url, 'rollback', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/CONFIRMATION_REQUIRED: .*drop-column:customer\.wechat_id/);
    const rolledBack = await lattice(platform.url, 'rollback', '1', '--confirm', 'drop-column:customer.wechat_id');
    expect(rolledBack.stdout).toMatch(/Published version 3 \(the metadata of version 1\)/);
    const gone = await platform.records(`{ customers { nodes { wechatId } } }`);
    expect(gone.errors?.[0]?.message).toMatch(/Cannot query field "wechatId"/);

    const versions = await lattice(platform.url, 'versions');
    expect(versions.stdout.split('\n')[0]).toMatch(/^3\t.*rollback to 1$/);
  });

  it('says what is wrong with a bad file, with its path, and publishes nothing', async () => {
    const file = join(dir, 'entities', 'customer.yaml');
    const customer = parse(await readFile(file, 'utf8'));
    customer.fields.push({ key: 'bad', name: 'select', type: 'text' });
    await writeFile(file, stringify(customer));
    const applied = await lattice(platform.url, 'apply', dir);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/VALIDATION/);
    expect(applied.stderr).toMatch(/entities\[customer\]\.fields\[bad\]\.name: Field name "select" is a reserved word/);
    expect(dataOf(await platform.records('{ metadataVersion }')).metadataVersion).toBe(3);
  });

  it('signs in with --login/--password, and says how when no credentials are given or they are wrong', async () => {
    const flags = await latticeWith({}, platform.url, 'versions', '--login', TEST_ADMIN.login, '--password', TEST_ADMIN.password);
    expect(flags.code).toBe(0);
    expect(flags.stdout.split('\n')[0]).toMatch(/^3\t/);
    const anonymous = await latticeWith({}, platform.url, 'versions');
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/requires signing in: set LATTICE_LOGIN and LATTICE_PASSWORD/);
    const wrong = await latticeWith({ LATTICE_LOGIN: TEST_ADMIN.login, LATTICE_PASSWORD: 'not-the-passw0rd' }, platform.url, 'versions');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/UNAUTHENTICATED: The login or the password is wrong/);
  });

  it('applies a folder exported before someone else published: shows what it would undo, asks to confirm it, then says when nothing changed', async () => {
    const stale = await mkdtemp(join(tmpdir(), 'lattice-cli-stale-'));
    try {
      expect((await lattice(platform.url, 'export', '--out', stale)).stdout).toMatch(/Exported version 3/);
      expect((await readFile(join(stale, '.lattice-version'), 'utf8')).trim()).toBe('3');
      const source = dataOf(await platform.admin('{ liveMetadata { source } }')).liveMetadata.source;
      source.entities[0].fields.push({ key: 'line_id', name: 'lineId', type: 'text', maxLength: 40 });
      expect(dataOf(await publishReviewed(platform.admin, source)).publish.version).toBe(4);

      const refused = await lattice(platform.url, 'apply', stale);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/started from version 3/);
      expect(refused.stdout).toMatch(/\[confirm reverts:customer\.line_id\] Field "lineId" of customer was added since version 3/);
      expect(refused.stderr).toMatch(/CONFIRMATION_REQUIRED: .*reverts:customer\.line_id/);
      const applied = await lattice(platform.url, 'apply', stale, '--confirm', 'reverts:customer.line_id');
      expect(applied.stdout).toMatch(/Published version 5\./);
      expect((await readFile(join(stale, '.lattice-version'), 'utf8')).trim()).toBe('5');
      const again = await lattice(platform.url, 'apply', stale);
      expect(again.stdout).toMatch(/No changes\.\n\nNothing to publish: version 5 already has this metadata\./);
      expect(dataOf(await platform.admin('{ versions { version } }')).versions).toHaveLength(5);
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });

  it('imports an org file, and reports a bad one with its path', async () => {
    const file = join(dir, 'org.yaml');
    await writeFile(file, stringify({ unitKinds: [{ key: 'province', label: '省公司', mayOwnLayer: true }, { key: 'hall', label: '营业厅' }], units: [{ key: 'gd', name: '广东', kind: 'province' }, { key: 'gd_h1', name: '天河营业厅', kind: 'hall', parent: 'gd' }] }));
    const imported = await lattice(platform.url, 'org-import', file);
    expect(imported.stdout).toMatch(/Imported 2 units \(0 moved\)/);
    expect((await platform.sql(`select path from lattice_org_unit where key = 'gd_h1'`))[0].path).toBe('/gd/gd_h1/');
    await writeFile(file, stringify({ units: [{ key: 'gd_h2', name: '越秀营业厅', kind: 'hall', parent: 'nowhere' }] }));
    const bad = await lattice(platform.url, 'org-import', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/units\[0\]\.parent/);
  });

  it('finds the platform on PORT, or at LATTICE_URL, when no --url is given', async () => {
    const credentials = { LATTICE_LOGIN: TEST_ADMIN.login, LATTICE_PASSWORD: TEST_ADMIN.password };
    const expected = (await lattice(platform.url, 'versions')).stdout;
    expect(expected).toMatch(/^\d+\t/);
    const byPort = await runLatticeCli(['versions'], { ...credentials, PORT: new URL(platform.url).port });
    expect(byPort.stderr).toBe('');
    expect(byPort.stdout).toBe(expected);
    const byUrl = await runLatticeCli(['versions'], { ...credentials, PORT: '9', LATTICE_URL: platform.url });
    expect(byUrl.stdout).toBe(expected);
    const nowhere = await runLatticeCli(['versions'], { ...credentials, PORT: '9' });
    expect(nowhere.stderr).toMatch(/Cannot reach the Lattice platform at http:\/\/127\.0\.0\.1:9/);
  });

  it('tells the user when no platform answers', async () => {
    const result = await lattice('http://127.0.0.1:9', 'versions');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach the Lattice platform at http:\/\/127\.0\.0\.1:9/);
  });
});
