import { describe, expect, it } from 'vitest';
import { dataOf, type GraphqlResult } from '../support/test-platform.js';
import { customerInput, exampleWithOrg } from '../support/example-org.js';

const UPDATE = (alias: string, id: string, name: string, version = 1) => `${alias}: updateCustomer(id: "${id}", version: ${version}, input: { name: "${name}" }) { id name version }`;

/** All or none: a request's mutations commit together, or nothing of them does, and the answer says which. */
describe('atomic requests of several mutations', () => {
  const lattice = exampleWithOrg();
  const createOwn = async (name: string) => (await (await lattice().accessAs('wh.counter')).create('Customer', customerInput(name))).id;
  const createForeign = async (name: string) => (await (await lattice().accessAs('jn.counter')).create('Customer', customerInput(name))).id;
  const stored = async (id: string) => (await lattice().sql(`select name, version from customer where id = $1`, [id]))[0];
  const updatesAudited = async (ids: string[]) => (await lattice().sql(`select count(*)::int as n from lattice_audit_entry where action = 'update' and record_id = any($1::uuid[])`, [ids]))[0].n;
  const post = async (query: string, token: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${lattice().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as GraphqlResult<any> & { extensions?: Record<string, unknown> }) };
  };
  const tokenOf = async (login: string, password: string) => (await lattice().signIn(login, password)).accessToken;

  it('commits nothing of "a: update own, b: update foreign, c: update own", and answers the error with no data', async () => {
    const [a, b, c] = [await createOwn('甲'), await createForeign('乙'), await createOwn('丙')];
    const token = await tokenOf('wh.counter', 'Lattice-wh-2026');
    const answer = await post(`mutation { ${UPDATE('a', a, '甲改')} ${UPDATE('b', b, '乙改')} ${UPDATE('c', c, '丙改')} }`, token);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'NOT_FOUND']]);
    expect(answer.extensions).toMatchObject({ rolledBack: true });
    expect(JSON.stringify(answer)).not.toContain('甲改');
    expect(await stored(a)).toEqual({ name: '甲', version: 1 });
    expect(await stored(b)).toEqual({ name: '乙', version: 1 });
    expect(await stored(c)).toEqual({ name: '丙', version: 1 });
    expect(await updatesAudited([a, b, c])).toBe(0);
  });

  it('rolls back what came before a failure late in the request: a create and updates alike', async () => {
    const [a, b] = [await createOwn('丁'), await createOwn('戊')];
    const before = (await lattice().sql(`select count(*)::int as n from customer`))[0].n;
    const token = await tokenOf('wh.counter', 'Lattice-wh-2026');
    const answer = await post(`mutation($input: CustomerCreateInput!) {
      n: createCustomer(input: $input) { id }
      ${UPDATE('d', b, '戊改')}
      ${UPDATE('a', a, '丁改')}
      ${UPDATE('stale', a, '丁再改', 1)}
    }`, token, { input: customerInput('新客户') });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code]), JSON.stringify(answer.errors)).toEqual([[['stale'], 'CONFLICT']]);
    expect((await lattice().sql(`select count(*)::int as n from customer`))[0].n).toBe(before);
    expect(await stored(b)).toEqual({ name: '戊', version: 1 });
    expect(await stored(a)).toEqual({ name: '丁', version: 1 });
  });

  it('commits every mutation of a request that fails nowhere, each seeing the one before', async () => {
    const a = await createOwn('己');
    const token = await tokenOf('wh.counter', 'Lattice-wh-2026');
    const answer = await post(`mutation { ${UPDATE('first', a, '己一')} ${UPDATE('second', a, '己二', 2)} }`, token);
    expect(dataOf(answer)).toEqual({ first: { id: a, name: '己一', version: 2 }, second: { id: a, name: '己二', version: 3 } });
    expect(answer.extensions?.['rolledBack']).toBeUndefined();
    expect(await stored(a)).toEqual({ name: '己二', version: 3 });
    expect(await updatesAudited([a])).toBe(2);
  });

  it('refuses to combine a mutation whose effects cannot be rolled back with others, before anything runs', async () => {
    const a = await createOwn('庚');
    const token = await tokenOf('wh.counter', 'Lattice-wh-2026');
    const answer = await post(`mutation { ${UPDATE('a', a, '庚改')} s: serveAnywhere(entity: "Customer", match: { phone: "13800000000" }, reason: "x") { expiresAt } }`, token);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect(answer.errors?.[0]?.message).toMatch(/^serveAnywhere cannot be combined with other mutations/);
    expect(await stored(a)).toEqual({ name: '庚', version: 1 });
  });

  it('keeps 20 parallel requests of several mutations each all-or-none', async () => {
    const token = await tokenOf('wh.counter', 'Lattice-wh-2026');
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => createOwn(`并发 ${i}`)));
    const foreign = await createForeign('别处');
    // the odd requests end with an update outside the caller's scope
    const answers = await Promise.all(ids.map((id, i) => post(`mutation { ${UPDATE('a', id, `并发改 ${i}`)} ${UPDATE('b', i % 2 ? foreign : id, '再改', i % 2 ? 1 : 2)} }`, token)));
    answers.forEach((answer, i) => expect(answer.data ?? null, JSON.stringify(answer)).toEqual(i % 2 ? null : expect.anything()));
    const rows = await Promise.all(ids.map(stored));
    rows.forEach((row, i) => expect(row).toEqual(i % 2 ? { name: `并发 ${i}`, version: 1 } : { name: '再改', version: 3 }));
  });
});
