import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createTestUser } from '../support/test-users.js';
import { CookieJar, signInAtProvider, startTestProvider, type TestProvider } from '../support/oidc-test-provider.js';

/** The address the provider sends browsers back to; the test carries each redirect to the platform by hand. */
const REDIRECT_URI = 'http://crm.lattice.test/auth/oidc/callback';
const EXCHANGE = `mutation($code: String!) { exchangeSignInCode(code: $code) { accessToken refreshToken user { id login } } }`;

describe('OpenID Connect sign-in against a real provider (authorization code + PKCE)', () => {
  let provider: TestProvider;
  let lattice: TestPlatform;
  let zhangId: string;
  beforeAll(async () => {
    provider = await startTestProvider(REDIRECT_URI, { 'idp-li': 'Li.Na', 'idp-nobody': 'no.such.user' });
    lattice = await startTestPlatform({
      auth: { oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: REDIRECT_URI, scope: 'openid profile', autoLinkClaim: 'preferred_username', allowInsecureHttp: true } },
    });
    zhangId = await createTestUser(lattice, 'zhang.wei', 'Chengdu-hall-7');
    await createTestUser(lattice, 'li.na', 'Mianyang-desk-3');
    await lattice.auth.identities.link(provider.issuer, 'idp-zhang', zhangId);
  });
  afterAll(async () => {
    await lattice?.stop();
    await provider?.close();
  });

  /** One browser: Lattice's login redirect, the provider's screens, back to Lattice's callback (with `tamper` applied to the provider URL). */
  async function signInWithProvider(login: string, tamper: (url: URL) => void = () => {}) {
    const browser = new CookieJar();
    const start = await browser.fetch(`${lattice.url}/auth/oidc/login`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(start.headers.get('set-cookie')).toMatch(/^lattice_oidc=[^;]+; Path=\/auth\/oidc; HttpOnly; SameSite=Lax/);
    tamper(authorization);
    const back = await signInAtProvider(browser, authorization.href, login, REDIRECT_URI);
    const callback = await browser.fetch(`${lattice.url}/auth/oidc/callback${back.search}`);
    return { status: callback.status, body: (await callback.json()) as { code?: string; errors?: { message: string; extensions: { code: string } }[] }, browser, back };
  }

  it('tells a sign-in screen, without a token, that OpenID Connect is configured', async () => {
    expect(dataOf(await lattice.signInApi('{ signInOptions { openIdConnect } }')).signInOptions).toEqual({ openIdConnect: true });
  });

  it('signs in a linked identity: a one-time code, exchanged once for Lattice tokens', async () => {
    const { status, body } = await signInWithProvider('idp-zhang');
    expect(status).toBe(200);
    expect(body.code).toMatch(/^[\w-]{43}$/);
    const session = dataOf(await lattice.signInApi(EXCHANGE, { code: body.code })).exchangeSignInCode;
    expect(session.user).toEqual({ id: zhangId, login: 'zhang.wei' });
    expect(dataOf(await lattice.records('{ metadataVersion }', {}, { token: session.accessToken })).metadataVersion).toBe(0);
    const again = await lattice.signInApi(EXCHANGE, { code: body.code });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(again.errors?.[0]?.message).toMatch(/sign-in code is unknown, used or expired/);
  });

  it('links by preferred_username to an existing login on first sign-in, and never creates a user', async () => {
    const users = await lattice.sql('select count(*)::int as n from lattice_user');
    const linked = await signInWithProvider('idp-li');
    expect(linked.status).toBe(200);
    expect(dataOf(await lattice.signInApi(EXCHANGE, { code: linked.body.code })).exchangeSignInCode.user.login).toBe('li.na');
    expect(await lattice.sql('select subject from lattice_external_identity where issuer = $1 order by subject', [provider.issuer])).toEqual([{ subject: 'idp-li' }, { subject: 'idp-zhang' }]);

    const unknown = await signInWithProvider('idp-nobody');
    expect(unknown.status).toBe(403);
    expect(unknown.body.errors?.[0]).toEqual({ message: `No Lattice user is linked to this identity at ${provider.issuer}: ask an administrator to link it`, extensions: { code: 'FORBIDDEN' } });
    expect(await lattice.sql('select count(*)::int as n from lattice_user')).toEqual(users);
  });

  it('refuses a linked identity whose user is disabled', async () => {
    const userId = await createTestUser(lattice, 'gone.user', 'Dazhou-shop-11', 'disabled');
    await lattice.auth.identities.link(provider.issuer, 'idp-gone', userId);
    const { status, body } = await signInWithProvider('idp-gone');
    expect(status).toBe(200);
    const refused = await lattice.signInApi(EXCHANGE, { code: body.code });
    expect(refused.errors?.[0]).toMatchObject({ message: 'This account is disabled: ask an administrator', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a callback whose state or nonce does not match what this browser sent', async () => {
    const state = await signInWithProvider('idp-zhang', (url) => url.searchParams.set('state', 'attacker-state'));
    expect(state.status).toBe(401);
    expect(state.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(state.body.errors?.[0]?.message).toMatch(/^Signing in with the identity provider failed: .*state/);

    const nonce = await signInWithProvider('idp-zhang', (url) => url.searchParams.set('nonce', 'attacker-nonce'));
    expect(nonce.status).toBe(401);
    expect(nonce.body.errors?.[0]?.message).toMatch(/^Signing in with the identity provider failed: .*nonce/);
  });

  it("refuses a callback in a browser that did not start the sign-in (someone else's code and state)", async () => {
    const { back } = await signInWithProvider('idp-zhang');
    const victim = new CookieJar();
    await victim.fetch(`${lattice.url}/auth/oidc/login`);
    for (const browser of [victim, new CookieJar()]) {
      const response = await browser.fetch(`${lattice.url}/auth/oidc/callback${back.search}`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^Signing in with the identity provider failed/);
    }
  });

  it('with a post-sign-in page, redirects there with the one-time code in the fragment, not the query', async () => {
    const withPage = await startTestPlatform({
      auth: { oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: REDIRECT_URI, scope: 'openid', postSignInUrl: 'https://crm.lattice.test/signed-in', allowInsecureHttp: true } },
    });
    try {
      const userId = await createTestUser(withPage, 'zhang.wei', 'Chengdu-hall-7');
      await withPage.auth.identities.link(provider.issuer, 'idp-zhang', userId);
      const browser = new CookieJar();
      const start = await browser.fetch(`${withPage.url}/auth/oidc/login`);
      const back = await signInAtProvider(browser, start.headers.get('location')!, 'idp-zhang', REDIRECT_URI);
      const callback = await browser.fetch(`${withPage.url}/auth/oidc/callback${back.search}`);
      expect(callback.status).toBe(302);
      const landing = new URL(callback.headers.get('location')!);
      expect(landing.origin + landing.pathname + landing.search).toBe('https://crm.lattice.test/signed-in');
      const code = new URLSearchParams(landing.hash.slice(1)).get('code')!;
      expect(dataOf(await withPage.signInApi(EXCHANGE, { code })).exchangeSignInCode.user.login).toBe('zhang.wei');
    } finally {
      await withPage.stop();
    }
  });
});
