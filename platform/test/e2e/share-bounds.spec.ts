import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, type GraphqlResult } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';

type Api = Awaited<ReturnType<typeof signedInAs>>;

const SHARE = `mutation($id: ID!, $user: String, $unit: String, $access: String, $until: DateTime, $reason: String) {
  shareRecord(entity: "Customer", id: $id, user: $user, unit: $unit, access: $access, until: $until, reason: $reason) { id user unit access kind reason grantedBy expiresAt } }`;
const READ = `query($id: ID!) { customer(id: $id) { name } }`;
const SERVE = `mutation($m: JSON!) { serveAnywhere(entity: "Customer", match: $m, reason: "客户来成都出差办理业务") { recordId expiresAt } }`;
const CREATE = `mutation($i: CustomerCreateInput!) { createCustomer(input: $i) { id } }`;
const codeOf = (result: GraphqlResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code)[0] ?? 'OK';
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('a share is bounded by the sharer’s own rights, says who, why and until when, and ends', () => {
  const lattice = exampleWithOrg();
  let wuhou: Api;
  let jinniu: Api;
  let mine: string;

  beforeAll(async () => {
    wuhou = await signedInAs(lattice(), 'wh.counter');
    jinniu = await signedInAs(lattice(), 'jn.counter');
    mine = dataOf(await wuhou.records(CREATE, { i: customerInput('武侯共享客户') })).createCustomer.id;
  });

  it('shares a record until a given instant, and the owning unit reads who, why and until when in its access log', async () => {
    const until = inAnHour();
    const share = dataOf(await wuhou.records(SHARE, { id: mine, user: 'jn.counter', until, reason: '金牛营业厅协助办理' })).shareRecord;
    expect(share).toMatchObject({ user: 'jn.counter', access: 'read', kind: 'share', reason: '金牛营业厅协助办理', grantedBy: 'wh.counter', expiresAt: until });
    expect(dataOf(await jinniu.records(READ, { id: mine })).customer).toEqual({ name: '武侯共享客户' });
    const LOG = `{ accessLog(kind: "share") { entries { login kind entity recordIds units reason details } } }`;
    const log = dataOf(await (await signedInAs(lattice(), 'wh.supervisor')).records(LOG)).accessLog.entries;
    expect(log).toEqual([{ login: 'wh.counter', kind: 'share', entity: 'customer', recordIds: [mine], units: ['sc_cd_wh_h1'], reason: '金牛营业厅协助办理', details: { shareId: share.id, user: 'jn.counter', access: 'read', until } }]);
    expect(dataOf(await (await signedInAs(lattice(), 'fj.admin')).records(LOG)).accessLog.entries).toEqual([]);
  });

  it('refuses a share without an end or a reason, or with an end that is not an instant in the future', async () => {
    const refusal = async (variables: Record<string, unknown>) => {
      const error = errorOf(await wuhou.records(SHARE, { id: mine, user: 'jn.counter', ...variables }));
      return [error.extensions?.code, error.extensions?.problems?.[0]?.path];
    };
    expect(await refusal({ reason: '协助办理' })).toEqual(['VALIDATION', 'until']);
    expect(await refusal({ reason: '协助办理', until: 'tomorrow' })).toEqual(['VALIDATION', 'until']);
    expect(await refusal({ reason: '协助办理', until: '2020-01-01T00:00:00Z' })).toEqual(['VALIDATION', 'until']);
    expect(await refusal({ until: inAnHour() })).toEqual(['VALIDATION', 'reason']);
  });

  it('stops giving access when the share ends', async () => {
    const other = dataOf(await wuhou.records(CREATE, { i: customerInput('短期共享客户') })).createCustomer.id;
    dataOf(await wuhou.records(SHARE, { id: other, unit: 'sc_cd_jn_h1', access: 'update', until: new Date(Date.now() + 1500).toISOString(), reason: '临时协办' }));
    expect(dataOf(await jinniu.records(READ, { id: other })).customer).toEqual({ name: '短期共享客户' });
    await new Promise((r) => setTimeout(r, 2000));
    expect(dataOf(await jinniu.records(READ, { id: other })).customer).toBeNull();
    expect(dataOf(await wuhou.records(`query($id: ID!) { recordShares(entity: "Customer", id: $id) { id } }`, { id: other })).recordShares).toEqual([]);
  });

  it('does not let access from serving a customer from anywhere, or from a colleague’s share, be shared further', async () => {
    const visitor = await (await lattice().accessAs('gl.counter')).create('Customer', customerInput('福州访客', { idType: 'resident_id', idNumber: '350102199001016666', phone: '13905916666' }));
    expect(dataOf(await wuhou.records(SERVE, { m: { phone: '13905916666', idNumber: '350102199001016666' } })).serveAnywhere.recordId).toBe(visitor.id);
    for (const to of [{ user: 'jn.counter' }, { unit: 'sc_cd_wh_h1' }]) {
      const result = await wuhou.records(SHARE, { id: visitor.id, ...to, access: 'read', until: inAnHour(), reason: '转给同事继续办理' });
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(errorOf(result).message).toContain('is shared with you, not yours to share');
    }
    expect(await lattice().sql(`select kind, user_id is not null as to_user from lattice_record_share where record_id = $1`, [visitor.id])).toEqual([{ kind: 'serve', to_user: true }]);
    expect(dataOf(await jinniu.records(READ, { id: visitor.id })).customer).toBeNull();
    // Nor who else was given the record.
    expect(codeOf(await wuhou.records(`query($id: ID!) { recordShares(entity: "Customer", id: $id) { user reason } }`, { id: visitor.id }))).toBe('FORBIDDEN');

    // Update access from a colleague is not the right to share, nor to end someone else's share.
    const share = dataOf(await wuhou.records(SHARE, { id: mine, user: 'jn.counter', access: 'update', until: inAnHour(), reason: '金牛协办' })).shareRecord;
    expect(codeOf(await jinniu.records(SHARE, { id: mine, user: 'gl.counter', until: inAnHour(), reason: '再转福建' }))).toBe('FORBIDDEN');
    const REVOKE = `mutation($s: ID!) { revokeShare(entity: "Customer", shareId: $s) }`;
    expect(codeOf(await jinniu.records(REVOKE, { s: share.id }))).toBe('FORBIDDEN');
    expect(dataOf(await wuhou.records(REVOKE, { s: share.id })).revokeShare).toBe(true);
    const revoked = dataOf(await (await signedInAs(lattice(), 'wh.supervisor')).records(`{ accessLog(kind: "share-revoked") { entries { login recordIds units details } } }`)).accessLog.entries;
    expect(revoked).toEqual([{ login: 'wh.counter', recordIds: [mine], units: ['sc_cd_wh_h1'], details: { shareId: share.id, kind: 'share', grantedBy: 'wh.counter' } }]);
  });
});

describe('the serve-anywhere wrong-guess limit holds under concurrency', () => {
  const lattice = exampleWithOrg();

  it('evaluates at most the limit of 20 parallel wrong guesses, on every node’s database', async () => {
    const visitor = await (await lattice().accessAs('gl.counter')).create('Customer', customerInput('福州来客', { idType: 'resident_id', idNumber: '350102199001017777', phone: '13905917777' }));
    const prober = await signedInAs(lattice(), 'jn.counter'); // counter operators: 5 refusals in 15 minutes
    const guesses = Array.from({ length: 20 }, (_, i) => prober.records(SERVE, { m: { phone: '13905917777', idNumber: `3501021990010180${String(i).padStart(2, '0')}` } }));
    const codes = (await Promise.all(guesses)).map(codeOf);
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LIMIT_EXCEEDED')).toHaveLength(15);
    const evaluated = await lattice().sql(`select count(*)::int as n from lattice_access_log where login = 'jn.counter' and kind = 'serve-refused'`);
    expect(evaluated[0].n).toBe(5);
    // The right pair, after the limit, is refused too: nothing is evaluated until the window passes.
    expect(codeOf(await prober.records(SERVE, { m: { phone: '13905917777', idNumber: '350102199001017777' } }))).toBe('LIMIT_EXCEEDED');
    expect(dataOf(await prober.records(READ, { id: visitor.id })).customer).toBeNull();
  });
});
