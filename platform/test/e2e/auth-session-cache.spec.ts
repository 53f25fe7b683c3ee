import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createTestUser } from '../support/test-users.js';
import { countStatements } from '../support/statement-counter.js';
import { useTwoNodes } from '../support/two-nodes.js';

const SIGN_OUT = `mutation($t: String) { signOut(refreshToken: $t) }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;

/** The HTTP status of a small record API call with this token, on this node. */
async function statusOf(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ metadataVersion }' }) });
  await response.arrayBuffer();
  return response.status;
}

/** How long until this node refuses the token (fails the test past `withinMs`). */
async function msUntilRefused(url: string, token: string, withinMs: number): Promise<number> {
  const started = performance.now();
  while ((await statusOf(url, token)) !== 401) {
    if (performance.now() - started > withinMs) throw new Error(`Still accepted after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}

/** A node remembers tokens it checked a moment ago: the end of their session must still be felt on the next request. */
describe('recent session checks and the end of a session', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('checks a token once, then serves it without a session lookup', async () => {
    await createTestUser(lattice, 'tan.wei', 'Zigong-desk-11');
    const { accessToken } = await lattice.signIn('tan.wei', 'Zigong-desk-11');
    expect(await statusOf(lattice.url, accessToken)).toBe(200);
    const { statements } = await countStatements(() => statusOf(lattice.url, accessToken));
    expect(statements.filter((s) => s.includes('lattice_session'))).toEqual([]);
  });

  it('refuses a token checked a moment ago once its session is signed out, at once', async () => {
    await createTestUser(lattice, 'hu.jing', 'Suining-desk-12');
    const session = await lattice.signIn('hu.jing', 'Suining-desk-12');
    expect(await statusOf(lattice.url, session.accessToken)).toBe(200);
    dataOf(await lattice.signInApi(SIGN_OUT, { t: session.refreshToken }));
    expect(await statusOf(lattice.url, session.accessToken)).toBe(401);
  });

  it('refuses the other sessions of a password change at once, and keeps the one that made it', async () => {
    await createTestUser(lattice, 'ma.lin', 'Neijiang-desk-13');
    const keeper = await lattice.signIn('ma.lin', 'Neijiang-desk-13');
    const other = await lattice.signIn('ma.lin', 'Neijiang-desk-13');
    expect([await statusOf(lattice.url, keeper.accessToken), await statusOf(lattice.url, other.accessToken)]).toEqual([200, 200]);
    dataOf(await lattice.signInApi(CHANGE, { c: 'Neijiang-desk-13', n: 'Neijiang-desk-14' }, { token: keeper.accessToken }));
    expect(await statusOf(lattice.url, other.accessToken)).toBe(401);
    expect(await statusOf(lattice.url, keeper.accessToken)).toBe(200);
  });

  it('refuses a token checked a moment ago once its user is disabled, even by hand in SQL', async () => {
    const userId = await createTestUser(lattice, 'yan.bo', 'Meishan-desk-15');
    const { accessToken } = await lattice.signIn('yan.bo', 'Meishan-desk-15');
    expect(await statusOf(lattice.url, accessToken)).toBe(200);
    await lattice.sql(`update lattice_user set status = 'disabled' where id = $1`, [userId]);
    expect(await msUntilRefused(lattice.url, accessToken, 1000)).toBeLessThan(1000);
  });
});

describe.skipIf(!process.env['DATABASE_URL'])('the end of a session reaches every node', () => {
  const nodes = useTwoNodes();

  it('refuses, on another node, a token it checked a moment ago, within a second of the sign-out', async () => {
    const { first, second } = nodes;
    await createTestUser(first, 'luo.fang', 'Yibin-desk-16');
    const session = await first.signIn('luo.fang', 'Yibin-desk-16');
    expect(await statusOf(second.url, session.accessToken)).toBe(200);
    dataOf(await first.signInApi(SIGN_OUT, { t: session.refreshToken }));
    expect(await statusOf(first.url, session.accessToken)).toBe(401);
    expect(await msUntilRefused(second.url, session.accessToken, 1000)).toBeLessThan(1000);
  });

  it('refuses, on every node, the tokens of a user deleted by hand in SQL', async () => {
    const { first, second } = nodes;
    const userId = await createTestUser(first, 'qin.hao', 'Dazhou-desk-17');
    const { accessToken } = await first.signIn('qin.hao', 'Dazhou-desk-17');
    expect([await statusOf(first.url, accessToken), await statusOf(second.url, accessToken)]).toEqual([200, 200]);
    await first.sql(`delete from lattice_user where id = $1`, [userId]);
    expect(await msUntilRefused(first.url, accessToken, 1000)).toBeLessThan(1000);
    expect(await msUntilRefused(second.url, accessToken, 1000)).toBeLessThan(1000);
  });
});
