import { describe, expect, it } from 'vitest';
import { SessionCheckCache } from './session-check-cache.js';

const user = { userId: 'u1', sessionId: 's1', login: 'li.na', displayName: 'Li Na' };
const inAMinute = () => new Date(Date.now() + 60_000);

describe('SessionCheckCache', () => {
  const counted = () => {
    let checks = 0;
    return { check: async () => ((checks += 1), { user, expiresAt: inAMinute() }), count: () => checks };
  };

  it('checks a token once, and again after its session ended', async () => {
    const cache = new SessionCheckCache({ ttlMs: 10_000, maxEntries: 10 });
    const { check, count } = counted();
    await cache.userOf('t', check);
    await cache.userOf('t', check);
    expect(count()).toBe(1);
    cache.ended({ kind: 'session', sessionId: 's1' });
    await cache.userOf('t', check);
    cache.ended({ kind: 'user', userId: 'u1' });
    await cache.userOf('t', check);
    expect(count()).toBe(3);
  });

  it('does not keep a check that was running when a session ended (it may have read it just before)', async () => {
    const cache = new SessionCheckCache({ ttlMs: 10_000, maxEntries: 10 });
    const { check, count } = counted();
    await cache.userOf('t', async () => {
      cache.ended({ kind: 'session', sessionId: 'another' });
      return check();
    });
    await cache.userOf('t', check);
    expect(count()).toBe(2);
  });

  it('keeps nothing once notices can no longer be heard, nor past the token expiry, nor a failed check', async () => {
    const deaf = new SessionCheckCache({ ttlMs: 10_000, maxEntries: 10 });
    deaf.ended({ kind: 'unheard' });
    const a = counted();
    await deaf.userOf('t', a.check);
    await deaf.userOf('t', a.check);
    expect(a.count()).toBe(2);
    deaf.ended({ kind: 'heard' });
    await deaf.userOf('t', a.check);
    await deaf.userOf('t', a.check);
    expect(a.count()).toBe(3);

    const cache = new SessionCheckCache({ ttlMs: 10_000, maxEntries: 10 });
    let checks = 0;
    const expiring = async () => ((checks += 1), { user, expiresAt: new Date(Date.now() - 1) });
    await cache.userOf('t', expiring);
    await cache.userOf('t', expiring);
    expect(checks).toBe(2);
    await expect(cache.userOf('bad', async () => Promise.reject(new Error('forged')))).rejects.toThrow('forged');
    await expect(cache.userOf('bad', async () => Promise.reject(new Error('forged')))).rejects.toThrow('forged');
  });
});
