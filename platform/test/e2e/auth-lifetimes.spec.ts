import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/test-platform.js';

const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;

describe('access tokens expire; sessions survive a restart', () => {
  let lattice: TestPlatform;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = process.env['DATABASE_URL'] ? undefined : await mkdtemp(join(tmpdir(), 'lattice-auth-'));
    lattice = await startTestPlatform({ ...(dataDir ? { dataDir } : {}), auth: { accessTokenSeconds: 4 } });
  });
  afterAll(async () => {
    await lattice?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const status = async (token: string | null) => {
    const response = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query: '{ __typename }' }) });
    return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: { code: string; reason?: string } }[] } };
  };

  it('refuses an expired access token, saying so; its refresh token still gets a new one', async () => {
    const session = await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    expect((await status(session.accessToken)).status).toBe(200);
    // Waits for the expiry the token states (a lifetime of a few seconds leaves a loaded machine time for the first request).
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(session.accessTokenExpiresAt) - Date.now()) + 1100));
    const expired = await status(session.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.body.errors).toEqual([{ message: 'The access token has expired: refresh the session (refreshSession at /auth/graphql) or sign in again', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } }]);
    const next = dataOf(await lattice.signInApi(REFRESH, { t: session.refreshToken })).refreshSession.accessToken;
    expect((await status(next)).status).toBe(200);
  });

  it.skipIf(Boolean(process.env['DATABASE_URL']))('keeps the signing key across a restart on the same data folder', async () => {
    const session = await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    const key = Buffer.from(lattice.auth.keys.accessToken).toString('hex');
    await lattice.stop();
    lattice = await startTestPlatform({ dataDir: dataDir as string, auth: { accessTokenSeconds: 60 } });
    expect(Buffer.from(lattice.auth.keys.accessToken).toString('hex')).toBe(key);
    const next = dataOf(await lattice.signInApi(REFRESH, { t: session.refreshToken })).refreshSession.accessToken;
    expect((await status(next)).status).toBe(200);
    expect(await lattice.sql('select count(*)::int as n from lattice_user')).toEqual([{ n: 1 }]);
  });
});
