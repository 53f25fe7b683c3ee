import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { exampleWithOrg, signedInAs } from '../support/example-org.js';

const VIEWER = `{ viewer { id login displayName positions { unitId unitKey unitName unitPath role roleLabel primary } } }`;

describe('viewer: the signed-in user\'s own positions, for the console', () => {
  const platform = exampleWithOrg();

  it('gives the Wuhou counter operator their hall, its path, their role\'s label and which position is primary', async () => {
    const counter = await signedInAs(platform(), 'wh.counter');
    const { viewer } = dataOf(await counter.records(VIEWER));
    expect(viewer.login).toBe('wh.counter');
    expect(viewer.positions).toEqual([
      { unitId: expect.any(String), unitKey: 'sc_cd_wh_h1', unitName: expect.objectContaining({ en: expect.any(String) }), unitPath: ['group', 'sc', 'sc_cd', 'sc_cd_wh', 'sc_cd_wh_h1'], role: 'counter_operator', roleLabel: { en: 'Counter operator', 'zh-CN': '营业员' }, primary: true },
    ]);
  });

  it('tells each user only their own positions, and nothing to a caller without a token', async () => {
    const hq = dataOf(await (await signedInAs(platform(), 'hq.admin')).records(VIEWER)).viewer;
    const counter = dataOf(await (await signedInAs(platform(), 'wh.counter')).records(VIEWER)).viewer;
    expect(hq.positions.map((p: { unitKey: string; role: string }) => `${p.role}@${p.unitKey}`)).toEqual(['hq_business_admin@group']);
    expect(counter.id).not.toBe(hq.id);
    const anonymous = await fetch(`${platform().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: VIEWER }) });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(await anonymous.json())).not.toContain('sc_cd_wh_h1');
  });
});

describe('viewer.capabilities: what the console offers each user', () => {
  const platform = exampleWithOrg();
  const capabilities = async (login: string) => dataOf(await (await signedInAs(platform(), login)).records('{ viewer { capabilities } }')).viewer.capabilities as string[];

  it('names the metadata capabilities of the HQ admin and the regional admin, and none to the counter operator', async () => {
    expect(await capabilities('hq.admin')).toEqual(expect.arrayContaining(['metadata.read', 'metadata.publish']));
    expect(await capabilities('cd.admin')).toEqual(expect.arrayContaining(['metadata.read', 'layers.edit']));
    expect(await capabilities('cd.admin')).not.toContain('metadata.publish');
    const counter = await capabilities('wh.counter');
    expect(counter.filter((c) => c.startsWith('metadata.') || c === 'layers.edit')).toEqual([]);
  });

  it('tells the sign-in page there is no OpenID Connect when none is configured', async () => {
    expect(dataOf(await platform().signInApi('{ signInOptions { openIdConnect } }')).signInOptions).toEqual({ openIdConnect: false });
  });

  it('is what the admin API then allows: the counter operator is refused the draft', async () => {
    const counter = await signedInAs(platform(), 'wh.counter');
    expect(JSON.stringify(await counter.admin('{ draft { baseVersion } }'))).toContain('FORBIDDEN');
  });
});

describe('the console at /, beside the APIs', () => {
  let dir: string;
  let lattice: TestPlatform;
  const previous = process.env['LATTICE_CONSOLE_DIR'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lattice-console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>console</title><div id="app"></div>');
    await writeFile(join(dir, 'assets', 'main-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))})`);
    process.env['LATTICE_CONSOLE_DIR'] = dir;
    lattice = await startTestPlatform();
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env['LATTICE_CONSOLE_DIR'];
    else process.env['LATTICE_CONSOLE_DIR'] = previous;
    await lattice?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, accept = 'text/html') => fetch(`${lattice.url}${path}`, { headers: { accept } });

  it('serves the app\'s page at / and at any page address the app routes (history fallback), never cached', async () => {
    expect(lattice.servesConsole).toBe(true);
    for (const path of ['/', '/sign-in', '/records/Customer?page=2']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<div id="app">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      // Only its own scripts, only this origin, never in a frame: an injected script could read the session.
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets cached for good, and a missing asset is a 404, not the page', async () => {
    const asset = await get('/assets/main-abc123.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Sent gzipped to a browser that accepts it (fetch decompresses it again).
    const gzipped = await fetch(`${lattice.url}/assets/main-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect((await gzipped.text()).length).toBe(4000 + 'console.log("")'.length);
    expect((await get('/assets/gone-000.js', '*/*')).status).toBe(404);
    expect((await get('/assets/gone-000.js')).status).toBe(404);
  });

  it('never answers for the APIs: /graphql, the admin API, sign-in and /health keep their own answers', async () => {
    const health = await get('/health');
    expect(health.headers.get('content-type')).toContain('application/json');
    for (const path of ['/graphql', '/admin/graphql', '/auth/graphql', '/graphql/anything']) {
      const answer = await get(path);
      expect(await answer.text(), path).not.toContain('<div id="app">');
    }
    const signedIn = await lattice.records(`{ metadataVersion }`);
    expect(signedIn.errors).toBeUndefined();
  });

  it('without a built console the APIs work alone', async () => {
    process.env['LATTICE_CONSOLE_DIR'] = join(dir, 'no-such-folder');
    const bare = await startTestPlatform();
    try {
      expect(bare.servesConsole).toBe(false);
      expect((await fetch(`${bare.url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
      expect(dataOf(await bare.records(`{ metadataVersion }`))).toEqual({ metadataVersion: expect.any(Number) });
    } finally {
      process.env['LATTICE_CONSOLE_DIR'] = dir;
      await bare.stop();
    }
  });
});
