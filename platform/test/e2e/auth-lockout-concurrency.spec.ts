import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN, startTestPlatform, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { createTestUser } from '../support/test-users.js';

const LIMIT = 5;

interface Timed {
  readonly p50: number;
  readonly answers: Set<string>;
}

/** Lock-out under parallel attempts, and what a locked login tells an attacker: nothing about whether it exists. */
describe('password lock-out under concurrency', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform({ auth: { lockoutAttempts: LIMIT, lockoutSeconds: 600 } });
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const signIn = (login: string, password: string) => lattice.signInApi(SIGN_IN, { login, password });
  const codeOf = (result: GraphqlResult<unknown>) => result.errors?.[0]?.extensions?.code ?? 'OK';
  /** An error answer with the lock's end (the one value that differs between two locks) blanked. */
  const shapeOf = (result: GraphqlResult<unknown>) => JSON.stringify(result).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<until>');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  /** Sign-ins of two logins in turn (so that neither profits from a warmer node), each one's answers and median time. */
  const timedInTurn = async (logins: [string, string], password: string, tries: number) => {
    const results = logins.map(() => ({ times: [] as number[], answers: new Set<string>() }));
    for (let i = 0; i < tries; i++) {
      for (const [k, login] of logins.entries()) {
        const started = performance.now();
        results[k]!.answers.add(shapeOf(await signIn(login, password)));
        results[k]!.times.push(performance.now() - started);
      }
    }
    return results.map(({ times, answers }) => ({ p50: median(times), answers }));
  };

  it('verifies at most the limit of 20 parallel wrong passwords, then refuses even the right one', async () => {
    await createTestUser(lattice, 'chen.jie', 'Zigong-counter-4');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn('chen.jie', `wrong-guess-${i}`)));
    const codes = answers.map(codeOf);
    // the first LIMIT - 1 failures say "wrong", the LIMIT-th locks, the other 15 are refused without a verification
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(LIMIT - 1);
    expect(codes.filter((c) => c === 'LIMIT_EXCEEDED')).toHaveLength(20 - (LIMIT - 1));
    const [stored] = await lattice.sql(`select attempts, locked_until from lattice_sign_in_attempt where login = 'chen.jie'`);
    expect(stored.attempts).toBe(20);
    expect(new Date(stored.locked_until).getTime()).toBeGreaterThan(Date.now() + 500_000);
    expect(codeOf(await signIn('chen.jie', 'Zigong-counter-4'))).toBe('LIMIT_EXCEEDED');
  });

  it('lets the right password in on the last attempt allowed, which lifts the lock that attempt set', async () => {
    await createTestUser(lattice, 'he.ping', 'Leshan-window-8');
    for (let i = 0; i < LIMIT - 1; i++) expect(codeOf(await signIn('he.ping', `nope-${i}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await signIn('he.ping', 'Leshan-window-8'))).toBe('OK');
    expect(await lattice.sql(`select * from lattice_sign_in_attempt where login = 'he.ping'`)).toEqual([]);
    expect(codeOf(await signIn('he.ping', 'nope-again'))).toBe('UNAUTHENTICATED');
  });

  it('answers a locked account and a locked unknown login alike, byte for byte but the lock end, in the same time', async () => {
    await createTestUser(lattice, 'luo.min', 'Yibin-desk-12');
    for (const login of ['luo.min', 'nobody.here']) {
      for (let i = 0; i < LIMIT; i++) await signIn(login, `wrong-${i}`);
    }
    const [locked, unknown] = (await timedInTurn(['luo.min', 'nobody.here'], 'Yibin-desk-12', 20)) as [Timed, Timed];
    expect([...locked.answers]).toHaveLength(1);
    expect([...unknown.answers]).toEqual([...locked.answers]);
    expect(JSON.parse([...locked.answers][0]!).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    console.info(`locked account p50 ${locked.p50.toFixed(1)} ms, locked unknown login p50 ${unknown.p50.toFixed(1)} ms`);
    // neither path verifies a password: both answer in the time of one counting statement
    expect(Math.abs(locked.p50 - unknown.p50)).toBeLessThan(Math.max(5, 0.5 * Math.max(locked.p50, unknown.p50)));
  });

  it('spends a verification on an unknown login before the limit, as on a wrong password', async () => {
    await createTestUser(lattice, 'du.yan', 'Neijiang-hall-5');
    // Keeps both logins from locking during the forty measured failures (the lock has its own tests).
    await lattice.sql(`insert into lattice_sign_in_attempt (login, attempts, last_attempt_at) values ('du.yan', -100, now()), ('nobody.else', -100, now())`);
    const [wrong, unknown] = (await timedInTurn(['du.yan', 'nobody.else'], 'not-it', 20)) as [Timed, Timed];
    expect([...unknown.answers]).toEqual([...wrong.answers]);
    console.info(`wrong password p50 ${wrong.p50.toFixed(1)} ms, unknown login p50 ${unknown.p50.toFixed(1)} ms`);
    // without the dummy verification an unknown login answers in a few milliseconds, a wrong password in tens or more
    expect(unknown.p50).toBeGreaterThan(wrong.p50 * 0.4);
  });

  it('refuses a login no user can have with VALIDATION, before counting anything', async () => {
    const nul = await signIn('bad\u0000login', 'x');
    expect(codeOf(nul)).toBe('VALIDATION');
    expect(codeOf(await signIn('x'.repeat(101), 'x'))).toBe('VALIDATION');
    expect(await lattice.sql(`select login from lattice_sign_in_attempt where login like 'bad%' or length(login) > 100`)).toEqual([]);
  });
});
