import { describe, expect, it } from 'vitest';
import { sessionFetch, type SessionTokens } from './session-fetch.js';

const later = () => new Date(Date.now() + 600_000).toISOString();

/** A platform stand-in that accepts only the current token, as /graphql does (401 otherwise). */
function platformAccepting(current: () => string) {
  const seen: string[] = [];
  const fetchFn = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const header = new Headers(init?.headers).get('authorization') ?? '';
    seen.push(header);
    return new Response(JSON.stringify({ ok: header === `Bearer ${current()}` }), { status: header === `Bearer ${current()}` ? 200 : 401 });
  }) as typeof fetch;
  return { fetchFn, seen };
}

describe('requests with the session\'s token', () => {
  it('refresh once for every request refused at the same time, then retry them with the new token', async () => {
    let tokens: SessionTokens = { accessToken: 'old', refreshToken: 'r1', accessTokenExpiresAt: later() };
    let refreshes = 0;
    const server = platformAccepting(() => 'new');
    const send = sessionFetch({ tokens: () => tokens, refresh: async () => { refreshes += 1; tokens = { accessToken: 'new', refreshToken: 'r2', accessTokenExpiresAt: later() }; return tokens; }, ended: () => undefined }, server.fetchFn);
    const answers = await Promise.all([send('/graphql', { method: 'POST' }), send('/graphql', { method: 'POST' })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(refreshes).toBe(1);
  });

  it('renew a token about to expire before sending', async () => {
    let tokens: SessionTokens = { accessToken: 'old', refreshToken: 'r1', accessTokenExpiresAt: new Date(Date.now() + 5_000).toISOString() };
    const server = platformAccepting(() => 'new');
    const send = sessionFetch({ tokens: () => tokens, refresh: async () => (tokens = { accessToken: 'new', refreshToken: 'r2', accessTokenExpiresAt: later() }), ended: () => undefined }, server.fetchFn);
    expect((await send('/graphql')).status).toBe(200);
    expect(server.seen).toEqual(['Bearer new']);
  });

  it('end the session when no refresh works', async () => {
    let ended = false;
    const server = platformAccepting(() => 'never');
    const send = sessionFetch({ tokens: () => ({ accessToken: 'old', refreshToken: 'r1', accessTokenExpiresAt: later() }), refresh: async () => null, ended: () => (ended = true) }, server.fetchFn);
    expect((await send('/graphql')).status).toBe(401);
    expect(ended).toBe(true);
  });
});
