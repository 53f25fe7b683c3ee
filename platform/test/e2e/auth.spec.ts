import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { dataOf, SIGN_IN, startTestPlatform, TEST_ADMIN, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { publishReviewed } from '../support/crm-seed.js';
import { createTestUser } from '../support/test-users.js';

const LOCKOUT_SECONDS = 2;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { login } } }`;
const SIGN_OUT = `mutation($t: String) { signOut(refreshToken: $t) }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const ME = `{ me { id login displayName } }`;

/** Sign-in and the attacks on it, against the running server over HTTP. */
describe('sign-in, sessions and tokens', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform({ auth: { lockoutAttempts: 3, lockoutSeconds: LOCKOUT_SECONDS } });
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const signInResult = (login: string, password: string) => lattice.signInApi(SIGN_IN, { login, password });
  const errorOf = (result: GraphqlResult<unknown>) => {
    expect(result.errors).toHaveLength(1);
    return result.errors![0]!;
  };
  /** A raw POST, to see the HTTP status too. */
  const post = async (path: string, headers: Record<string, string>, query = '{ __typename }') => {
    const response = await fetch(`${lattice.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as GraphqlResult<any> };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('signs in with a password: an access token for the APIs, a refresh token, and the user', async () => {
    await createTestUser(lattice, 'zhang.wei', 'Chengdu-hall-7');
    const session = await lattice.signIn('Zhang.Wei', 'Chengdu-hall-7');
    expect(session.user.login).toBe('zhang.wei');
    expect(new Date(session.accessTokenExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(new Date(session.refreshTokenExpiresAt).getTime()).toBeGreaterThan(new Date(session.accessTokenExpiresAt).getTime());
    expect(dataOf(await lattice.signInApi(ME, {}, { token: session.accessToken })).me).toMatchObject({ login: 'zhang.wei', displayName: 'User zhang.wei' });
    expect((await post('/graphql', bearer(session.accessToken))).body.data).toEqual({ __typename: 'Query' });
    expect((await post('/admin/graphql', bearer(session.accessToken))).body.data).toEqual({ __typename: 'Query' });
    // Only digests are stored: neither the password nor the refresh token appears in the database.
    const stored = JSON.stringify(await lattice.sql('select c.password_hash, t.token_hash from lattice_credential c, lattice_refresh_token t'));
    expect(stored).not.toContain('Chengdu-hall-7');
    expect(stored).not.toContain(session.refreshToken);
    expect(stored).toContain('$argon2id$v=19$m=19456,t=2,p=1$');
  });

  it('gives an unknown login and a wrong password the same error', async () => {
    const unknown = errorOf(await signInResult('nobody.here', 'whatever-1234'));
    const wrong = errorOf(await signInResult('zhang.wei', 'wrong-passw0rd'));
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ message: 'The login or the password is wrong', path: ['signIn'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('spends about as long on an unknown login as on a wrong password (a dummy hash is verified)', async () => {
    await createTestUser(lattice, 'timing.user', 'Suining-desk-9');
    const median = async (login: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await signInResult(login, `wrong-${i}`);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    // Keeps the account from locking during the ten measured failures (lock-out has its own test).
    await lattice.sql(`insert into lattice_sign_in_attempt (login, attempts, last_attempt_at) values ('timing.user', -100, now()), ('no.such.login', -100, now())`);
    const [unknown, wrong] = [await median('no.such.login'), await median('timing.user')];
    // Without the dummy verification an unknown login answers in about a millisecond, a wrong password in tens.
    expect(unknown).toBeGreaterThan(wrong * 0.4);
  });

  it('locks an account after repeated failures, says until when, and unlocks after the period', async () => {
    await createTestUser(lattice, 'li.na', 'Mianyang-desk-3');
    expect(errorOf(await signInResult('li.na', 'guess-1')).extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await signInResult('li.na', 'guess-2')).extensions?.code).toBe('UNAUTHENTICATED');
    const locked = errorOf(await signInResult('li.na', 'guess-3'));
    expect(locked.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(locked.message).toMatch(/^Too many failed sign-ins: this account is locked until \d{4}-\d\d-\d\dT/);
    const until = new Date(String(locked.extensions?.['lockedUntil']));
    expect(until.getTime() - Date.now()).toBeGreaterThan(LOCKOUT_SECONDS * 1000 - 1500);
    // While locked, even the right password is refused.
    expect(errorOf(await signInResult('li.na', 'Mianyang-desk-3')).extensions?.code).toBe('LIMIT_EXCEEDED');
    await new Promise((r) => setTimeout(r, until.getTime() - Date.now() + 100));
    expect((await lattice.signIn('li.na', 'Mianyang-desk-3')).user.login).toBe('li.na');
    // A success starts the count again: two failures do not lock.
    await signInResult('li.na', 'guess-4');
    await signInResult('li.na', 'guess-5');
    expect((await lattice.signIn('li.na', 'Mianyang-desk-3')).user.login).toBe('li.na');
  });

  it('names each password rule a new password breaks', async () => {
    const userId = await createTestUser(lattice, 'wang.fang', 'Deyang-counter-1');
    const { accessToken } = await lattice.signIn('wang.fang', 'Deyang-counter-1');
    const change = (next: string) => lattice.signInApi(CHANGE, { c: 'Deyang-counter-1', n: next }, { token: accessToken });
    const short = errorOf(await change('abc'));
    expect(short.extensions?.code).toBe('VALIDATION');
    expect(short.extensions?.problems?.map((p) => p.code)).toEqual(['password.too-short', 'password.letter-and-digit']);
    expect(short.message).toMatch(/at least 10 characters.*one letter and one digit/);
    const withLogin = errorOf(await change('x-wang.fang-2026'));
    expect(withLogin.extensions?.problems).toEqual([{ code: 'password.contains-login', path: 'password', message: 'The password must not contain the login', hint: expect.any(String) }]);
    expect(errorOf(await change('onlyletterslong')).extensions?.problems?.map((p) => p.code)).toEqual(['password.letter-and-digit']);
    await expect(lattice.auth.setPassword(userId, 'short1')).rejects.toThrow(/at least 10 characters/);
    expect(dataOf(await change('Guangyuan-window-2')).changePassword).toBe(true);
    expect((await lattice.signIn('wang.fang', 'Guangyuan-window-2')).user.login).toBe('wang.fang');
  });

  it('changing a password ends the other sessions and keeps the current one', async () => {
    await createTestUser(lattice, 'chen.jie', 'Leshan-hall-22');
    const other = await lattice.signIn('chen.jie', 'Leshan-hall-22');
    const current = await lattice.signIn('chen.jie', 'Leshan-hall-22');
    const wrongCurrent = errorOf(await lattice.signInApi(CHANGE, { c: 'not-it-1234', n: 'Leshan-hall-23' }, { token: current.accessToken }));
    expect(wrongCurrent.extensions?.code).toBe('UNAUTHENTICATED');
    dataOf(await lattice.signInApi(CHANGE, { c: 'Leshan-hall-22', n: 'Leshan-hall-23' }, { token: current.accessToken }));
    expect((await post('/graphql', bearer(other.accessToken))).status).toBe(401);
    expect((await post('/graphql', bearer(current.accessToken))).status).toBe(200);
    expect(errorOf(await signInResult('chen.jie', 'Leshan-hall-22')).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses forged tokens: another key, alg none, a tampered payload, garbage', async () => {
    const victimId = await createTestUser(lattice, 'zhao.lei', 'Yibin-office-5');
    const { accessToken } = await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    const [header, payload] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(randomBytes(32));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: victimId })).toString('base64url')}.${accessToken.split('.')[2]}`;
    const later = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url')}.${accessToken.split('.')[2]}`;
    for (const token of [otherKey, none, tampered, later, 'not-a-token', `${accessToken}x`]) {
      for (const path of ['/graphql', '/admin/graphql']) {
        const { status, body } = await post(path, bearer(token));
        expect(status).toBe(401);
        expect(body).toEqual({ errors: [{ message: 'The access token is not valid (malformed, or not signed by this platform)', extensions: { code: 'UNAUTHENTICATED', reason: 'invalid' } }] });
      }
      expect(errorOf(await lattice.signInApi(ME, {}, { token })).extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await post('/graphql', { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` })).status).toBe(401);
    expect((await post('/graphql', bearer(accessToken))).status).toBe(200);
  });

  it('rotates the refresh token; a rotated one presented again revokes the whole session', async () => {
    await createTestUser(lattice, 'liu.yang', 'Zigong-store-8');
    const first = await lattice.signIn('liu.yang', 'Zigong-store-8');
    const second = dataOf(await lattice.signInApi(REFRESH, { t: first.refreshToken })).refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.login).toBe('liu.yang');
    expect((await post('/graphql', bearer(second.accessToken))).status).toBe(200);
    const reused = errorOf(await lattice.signInApi(REFRESH, { t: first.refreshToken }));
    expect(reused).toMatchObject({ message: 'This refresh token was already used: the session is revoked for safety, sign in again', extensions: { code: 'UNAUTHENTICATED', reason: 'reused' } });
    // The thief's copy and the rightful holder's newest token are both dead now, and so are the session's access tokens.
    expect(errorOf(await lattice.signInApi(REFRESH, { t: second.refreshToken })).extensions?.['reason']).toBe('invalid');
    const refused = await post('/graphql', bearer(second.accessToken));
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'revoked' });
    expect(errorOf(await lattice.signInApi(REFRESH, { t: 'made-up-token' })).extensions?.['reason']).toBe('invalid');
  });

  it('signs out by refresh token or by the current session; the access token is refused afterwards', async () => {
    const byRefresh = await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    expect(dataOf(await lattice.signInApi(SIGN_OUT, { t: byRefresh.refreshToken })).signOut).toBe(true);
    const refused = await post('/admin/graphql', bearer(byRefresh.accessToken));
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toMatch(/This session has ended/);
    expect(errorOf(await lattice.signInApi(REFRESH, { t: byRefresh.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');

    const byAccess = await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    expect(dataOf(await lattice.signInApi(SIGN_OUT, {}, { token: byAccess.accessToken })).signOut).toBe(true);
    expect((await post('/graphql', bearer(byAccess.accessToken))).status).toBe(401);
    // Other sessions of the same user go on.
    expect((await post('/graphql', bearer(lattice.token))).status).toBe(200);
  });

  it('refuses calls without a token to /graphql and /admin/graphql with 401 UNAUTHENTICATED, while signIn needs none', async () => {
    for (const path of ['/graphql', '/admin/graphql']) {
      const { status, body } = await post(path, {}, '{ metadataVersion }');
      expect(status).toBe(401);
      expect(body.errors).toEqual([{ message: expect.stringMatching(/^Sign in first: send "Authorization: Bearer <access token>"/), extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    }
    const response = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await lattice.signIn(TEST_ADMIN.login, TEST_ADMIN.password)).accessToken).toMatch(/^ey/);
    expect(errorOf(await lattice.signInApi(ME)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a disabled user, and ends the sessions of a user disabled while signed in', async () => {
    await createTestUser(lattice, 'sun.li', 'Luzhou-branch-4', 'disabled');
    expect(errorOf(await signInResult('sun.li', 'Luzhou-branch-4'))).toMatchObject({ message: 'This account is disabled: ask an administrator', extensions: { code: 'UNAUTHENTICATED' } });
    expect(errorOf(await signInResult('sun.li', 'wrong-guess-1')).message).toBe('The login or the password is wrong');

    const userId = await createTestUser(lattice, 'zhou.min', 'Nanchong-desk-6');
    const session = await lattice.signIn('zhou.min', 'Nanchong-desk-6');
    await lattice.sql(`update lattice_user set status = 'disabled' where id = $1`, [userId]);
    expect((await post('/graphql', bearer(session.accessToken))).status).toBe(401);
    expect(errorOf(await lattice.signInApi(REFRESH, { t: session.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND on the OpenID Connect routes when no provider is configured', async () => {
    const response = await fetch(`${lattice.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as GraphqlResult<unknown>).errors?.[0]?.message).toMatch(/^OpenID Connect sign-in is not configured/);
  });

  it('records who published: the admin API acts as the signed-in user, with their grants', async () => {
    const userId = await createTestUser(lattice, 'meta.admin', 'Publish-version-1');
    const { accessToken } = await lattice.signIn('meta.admin', 'Publish-version-1');
    const source = { entities: [{ kind: 'entity', key: 'note', name: 'Note', label: { en: 'Note' }, fields: [{ key: 'note_text', name: 'text', type: 'text', maxLength: 40, label: { en: 'Text' } }] }] };
    // Signed in but holding no role: refused.
    expect(errorOf(await publishReviewed(lattice.as(accessToken).admin, source)).extensions?.code).toBe('FORBIDDEN');
    await lattice.sql(`update lattice_user set platform_admin = true where id = $1`, [userId]);
    await lattice.org.refresh();
    dataOf(await publishReviewed(lattice.as(accessToken).admin, source, { comment: 'by a person' }));
    const [latest] = dataOf(await lattice.admin(`{ versions { publishedBy comment } }`)).versions;
    expect(latest).toEqual({ publishedBy: 'meta.admin', comment: 'by a person' });
  });
});
