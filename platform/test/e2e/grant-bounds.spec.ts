import { describe, expect, it } from 'vitest';
import { dataOf, type GraphqlResult } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';

type Api = Awaited<ReturnType<typeof signedInAs>>;

const IMPORT = `mutation($s: JSON!) { importOrg(source: $s) { units users positionsStarted positionsEnded } }`;
const POSITIONS = `query($l: String!) { user(login: $l) { status positions { unit { key } role } } }`;
const CUSTOMERS = `{ customers(first: 200) { totalCount nodes { id name } } }`;
const codeOf = (result: GraphqlResult<unknown>) => errorOf(result).extensions?.code;
const problemsOf = (result: GraphqlResult<unknown>) => (errorOf(result).extensions?.problems ?? []).map((p) => [p.path, p.message]);

/**
 * A regional admin (cd.admin, Chengdu) tries, through the running server,
 * to give rights he does not hold, to himself or to a user he creates, and
 * to edit users above him; each refused file stores nothing.
 */
describe('nobody grants more than they hold', () => {
  const lattice = exampleWithOrg();
  let cdAdmin: Api;
  const countUsers = async () => (await lattice().sql(`select count(*)::int as n from lattice_user`))[0].n as number;
  const signInCode = (login: string, password: string) => lattice().signIn(login, password).then(() => 'OK', (e: Error) => e.message.split(':')[0]);

  it('refuses a user created with a role beyond the admin’s own, names the role, unit and rights, and stores nothing of the file', async () => {
    const fujian = await (await lattice().accessAs('gl.counter')).create('Customer', customerInput('福州客户', { idType: 'resident_id', idNumber: '350102199001015555', phone: '13905915555' }));
    cdAdmin = await signedInAs(lattice(), 'cd.admin');
    const users = await countUsers();
    const result = await cdAdmin.admin(IMPORT, {
      s: {
        units: [{ key: 'sc_cd_wh_h7', name: '武侯新厅', kind: 'hall', parent: 'sc_cd_wh' }],
        users: [{ login: 'cd.helper', displayName: '助手', password: 'Helper-pass-2026', positions: [{ unit: 'sc_cd', role: 'hq_business_admin' }] }],
      },
    });
    expect(codeOf(result)).toBe('FORBIDDEN');
    const [[path, message]] = problemsOf(result) as [[string, string]];
    expect(path).toBe('users[0].positions[0].role');
    expect(message).toContain('Role "hq_business_admin" in "sc_cd" gives more than you hold there');
    expect(message).toContain('the capability "metadata.publish"');
    expect(message).toContain('read "all" on every other entity');
    expect(await countUsers()).toBe(users);
    expect(await lattice().sql(`select key from lattice_org_unit where key = 'sc_cd_wh_h7'`)).toEqual([]);
    expect(await signInCode('cd.helper', 'Helper-pass-2026')).toBe('UNAUTHENTICATED');
    // Nor can a user he may create read the Fujian customer or publish.
    dataOf(await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'cd.helper', displayName: '助手', password: 'Helper-pass-2026', positions: [{ unit: 'sc_cd_wh', role: 'regional_admin' }] }] } }));
    const { accessToken } = await lattice().signIn('cd.helper', 'Helper-pass-2026');
    const helper = lattice().as(accessToken);
    const seen = dataOf(await helper.records(CUSTOMERS)).customers.nodes.map((n: { id: string }) => n.id);
    expect(seen).not.toContain(fujian.id);
    expect(dataOf(await helper.records(`query($id: ID!) { customer(id: $id) { idNumber phone } }`, { id: fujian.id })).customer).toBeNull();
    expect(codeOf(await helper.admin(`mutation { saveDraft(source: {}) { updatedAt } }`))).toBe('FORBIDDEN');
    expect(codeOf(await helper.admin(IMPORT, { s: { users: [{ login: 'cd.helper', displayName: '助手', positions: [{ unit: 'sc_cd_wh', role: 'hq_business_admin' }] }] } }))).toBe('FORBIDDEN');
  });

  it('refuses an admin who gives himself a role beyond his own', async () => {
    const self = await cdAdmin.admin(IMPORT, {
      s: { users: [{ login: 'cd.admin', displayName: '成都分公司业务管理员 黄磊', positions: [{ unit: 'sc_cd', role: 'regional_admin', primary: true }, { unit: 'sc_cd', role: 'platform_admin' }] }] },
    });
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(problemsOf(self)).toEqual([['users[0].positions[1].role', expect.stringContaining('Role "platform_admin" in "sc_cd"')]]);
    expect(codeOf(await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'cd.admin', displayName: 'x', platformAdmin: true }] } }))).toBe('FORBIDDEN');
    expect(dataOf(await lattice().admin(POSITIONS, { l: 'cd.admin' })).user.positions).toEqual([{ unit: { key: 'sc_cd' }, role: 'regional_admin' }]);
    expect((await lattice().sql(`select platform_admin from lattice_user where login = 'cd.admin'`))[0].platform_admin).toBe(false);
  });

  it('refuses to edit a platform admin, a user outside the subtree, or one holding rights the admin lacks', async () => {
    const strip = await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'admin', displayName: '被降级', email: 'admin@example.com' }] } });
    expect(codeOf(strip)).toBe('FORBIDDEN');
    expect(problemsOf(strip)).toEqual([['users[0]', 'User "admin" is a platform admin: only a platform admin may change them']]);
    expect(await lattice().sql(`select display_name, email, platform_admin from lattice_user where login = 'admin'`)).toEqual([{ display_name: 'Administrator', email: null, platform_admin: true }]);
    expect(dataOf(await lattice().admin(`{ users { login } }`)).users.length).toBeGreaterThan(10); // the bootstrap admin keeps every right

    for (const login of ['sc.admin', 'gl.counter']) {
      const outside = await cdAdmin.admin(IMPORT, { s: { users: [{ login, displayName: '改名', status: 'disabled' }] } });
      expect(codeOf(outside)).toBe('FORBIDDEN');
      expect(problemsOf(outside)[0]?.[1]).toContain(`User "${login}" also holds a position in`);
    }
    // A platform admin placed an HQ business admin inside Chengdu: cd.admin holds less than she does.
    dataOf(await lattice().admin(IMPORT, { s: { users: [{ login: 'cd.auditor', displayName: '驻成都稽核', positions: [{ unit: 'sc_cd_wh', role: 'hq_business_admin' }] }] } }));
    for (const change of [{ displayName: '改名' }, { displayName: '驻成都稽核', status: 'disabled' }, { displayName: '驻成都稽核', positions: [{ unit: 'sc_cd_wh', role: 'counter_operator' }] }]) {
      const result = await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'cd.auditor', ...change }] } });
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(problemsOf(result)[0]?.[1]).toContain('User "cd.auditor" holds role "hq_business_admin" in "sc_cd_wh", which gives more than you hold there');
    }
    expect(await lattice().sql(`select display_name, status from lattice_user where login = 'cd.auditor'`)).toEqual([{ display_name: '驻成都稽核', status: 'active' }]);
    expect(dataOf(await lattice().admin(POSITIONS, { l: 'cd.auditor' })).user.positions).toEqual([{ unit: { key: 'sc_cd_wh' }, role: 'hq_business_admin' }]);
  });

  it('refuses to make his unit a top unit (whose admins would edit roles)', async () => {
    const result = await cdAdmin.admin(IMPORT, { s: { units: [{ key: 'sc_cd', name: '成都', kind: 'city' }] } });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(problemsOf(result)).toEqual([['units[0].parent', 'Unit "sc_cd" would become a top unit: only a platform admin may make one']]);
    expect((await lattice().sql(`select path from lattice_org_unit where key = 'sc_cd'`))[0].path).toBe('/group/sc/sc_cd/');
  });

  it('bounds the role edits of an admin of the top unit who is not a platform admin by his own rights', async () => {
    dataOf(await lattice().admin(IMPORT, { s: { users: [{ login: 'group.org', displayName: '集团组织管理员', password: 'Group-org-2026', positions: [{ unit: 'group', role: 'regional_admin' }] }] } }));
    const { accessToken } = await lattice().signIn('group.org', 'Group-org-2026');
    const groupAdmin = lattice().as(accessToken);
    const publisher = await groupAdmin.admin(IMPORT, { s: { roles: [{ key: 'publisher', label: '发布员', permissions: { capabilities: ['metadata.publish'] } }] } });
    expect(codeOf(publisher)).toBe('FORBIDDEN');
    expect(problemsOf(publisher)).toEqual([['roles[0].permissions', 'Role "publisher" would give more than you hold: the capability "metadata.publish"']]);
    const demote = await groupAdmin.admin(IMPORT, { s: { roles: [{ key: 'platform_admin', label: '平台管理员', permissions: {} }] } });
    expect(codeOf(demote)).toBe('FORBIDDEN');
    expect(problemsOf(demote)[0]?.[1]).toContain('Role "platform_admin" holds rights you lack');
    expect(await lattice().sql(`select key from lattice_role where key = 'publisher'`)).toEqual([]);
    // A role within his rights he may define, and give.
    const role = { key: 'hall_viewer', label: '营业厅查询', permissions: { entities: { customer: { read: 'unit', fields: { cust_name: 'read' } } } } };
    expect(dataOf(await groupAdmin.admin(IMPORT, { s: { roles: [role], users: [{ login: 'wh.viewer', displayName: '查询员', positions: [{ unit: 'sc_cd_wh_h1', role: 'hall_viewer' }] }] } })).importOrg).toMatchObject({ users: 1, positionsStarted: 1 });
  });

  it('bounds the sharing rules of an admin of the top unit by what he may do with the records everywhere', async () => {
    const keeper = { key: 'org_keeper', label: '组织维护', permissions: { entities: { customer: { read: 'subtree', fields: { cust_name: 'read' } } }, capabilities: ['org.manage'] } };
    dataOf(await lattice().admin(IMPORT, { s: { roles: [keeper], users: [{ login: 'group.keeper', displayName: '组织维护员', password: 'Group-keep-2026', positions: [{ unit: 'group', role: 'org_keeper' }] }] } }));
    const { accessToken } = await lattice().signIn('group.keeper', 'Group-keep-2026');
    const rule = (access: string) => ({ sharingRules: [{ key: 'vip_everywhere', entity: 'customer', criteria: { valueTier: { eq: 'strategic' } }, shareWith: { everyone: true }, access }] });
    const update = await lattice().as(accessToken).admin(IMPORT, { s: rule('update') });
    expect(codeOf(update)).toBe('FORBIDDEN');
    expect(problemsOf(update)).toEqual([['sharingRules[0].access', 'Sharing rule "vip_everywhere" would share more than you hold: update "subtree" on entity "customer"']]);
    expect(await lattice().sql(`select key from lattice_sharing_rule where key = 'vip_everywhere'`)).toEqual([]);
    dataOf(await lattice().as(accessToken).admin(IMPORT, { s: rule('read') }));
    expect(await lattice().sql(`select key from lattice_sharing_rule where key = 'vip_everywhere'`)).toEqual([{ key: 'vip_everywhere' }]);
  });

  it('still lets a regional admin create a counter operator in his subtree, move, rename and disable users below him', async () => {
    const created = await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'wh.newcounter', displayName: '新营业员', password: 'Counter-pass-2026', supervisor: 'wh.supervisor', positions: [{ unit: 'sc_cd_wh_h1', role: 'counter_operator', primary: true }] }] } });
    expect(dataOf(created).importOrg).toMatchObject({ users: 1, positionsStarted: 1 });
    const { accessToken } = await lattice().signIn('wh.newcounter', 'Counter-pass-2026');
    const counter = lattice().as(accessToken);
    const customer = dataOf(await counter.records(`mutation($i: CustomerCreateInput!) { createCustomer(input: $i) { id } }`, { i: customerInput('新营业员的客户') })).createCustomer;
    expect(customer.id).toBeTruthy();

    const moved = await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'wh.newcounter', displayName: '新营业员', positions: [{ unit: 'sc_cd_jn_h1', role: 'counter_operator', primary: true }] }] } });
    expect(dataOf(moved).importOrg).toMatchObject({ positionsStarted: 1, positionsEnded: 1 });
    // A rename that lists no positions keeps them.
    dataOf(await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'wh.newcounter', displayName: '金牛新营业员' }] } }));
    expect(dataOf(await cdAdmin.admin(POSITIONS, { l: 'wh.newcounter' })).user).toEqual({ status: 'active', positions: [{ unit: { key: 'sc_cd_jn_h1' }, role: 'counter_operator' }] });

    // A new hall and its counter operator, in one file.
    const hall = { units: [{ key: 'sc_cd_wh_h8', name: '武侯八号厅', kind: 'hall', parent: 'sc_cd_wh' }], users: [{ login: 'wh.h8counter', displayName: '八号厅营业员', positions: [{ unit: 'sc_cd_wh_h8', role: 'counter_operator', primary: true }] }] };
    expect(dataOf(await cdAdmin.admin(IMPORT, { s: hall })).importOrg).toMatchObject({ units: 1, users: 1, positionsStarted: 1 });

    dataOf(await cdAdmin.admin(IMPORT, { s: { users: [{ login: 'wh.newcounter', displayName: '金牛新营业员', status: 'disabled' }] } }));
    expect(await signInCode('wh.newcounter', 'Counter-pass-2026')).toBe('UNAUTHENTICATED');
    expect(codeOf(await counter.records(CUSTOMERS))).toBe('UNAUTHENTICATED');
  });
});

describe('admin reads are gated by capabilities and the reader’s subtree', () => {
  const lattice = exampleWithOrg();
  const logins = (result: GraphqlResult<{ users: { login: string }[] }>) => dataOf(result).users.map((u) => u.login);

  it('shows a regional admin only the users of his subtree, and nobody the contact data of users outside it', async () => {
    dataOf(await lattice().admin(IMPORT, { s: { users: [{ login: 'hq.admin', displayName: '集团业务管理员 王建国', email: 'wang@hq.example.com', phone: '13800000001' }, { login: 'gl.counter', displayName: '东街营业厅营业员 郑琳', email: 'zheng@fj.example.com', phone: '13905900001' }] } }));
    const scAdmin = await signedInAs(lattice(), 'sc.admin');
    const sichuan = logins(await scAdmin.admin(`{ users { login } }`));
    expect(sichuan).toEqual(expect.arrayContaining(['sc.admin', 'cd.admin', 'wh.counter']));
    expect(sichuan).not.toEqual(expect.arrayContaining(['gl.counter']));
    expect(sichuan.filter((l) => l.startsWith('fj.') || l.startsWith('gl.') || l === 'hq.admin' || l === 'admin')).toEqual([]);
    expect(codeOf(await scAdmin.admin(`{ users(unit: "fj") { login } }`))).toBe('FORBIDDEN');
    expect(dataOf(await scAdmin.admin(`{ user(login: "gl.counter") { login email } }`)).user).toBeNull();
    // Up the reporting line and at the head of a unit: who, but not how to reach them.
    const line = dataOf(await scAdmin.admin(`{ user(login: "cd.manager") { reportingLine { login email phone positions { role } } } }`)).user.reportingLine;
    expect(line.at(-1)).toEqual({ login: 'hq.admin', email: null, phone: null, positions: [] });
    expect(dataOf(await scAdmin.admin(`{ orgUnit(key: "group") { head { login email phone } } }`)).orgUnit.head).toEqual({ login: 'hq.admin', email: null, phone: null });

    const counter = await signedInAs(lattice(), 'wh.counter');
    expect(codeOf(await counter.admin(`{ users { login } }`))).toBe('FORBIDDEN');
    expect(codeOf(await counter.admin(`{ user(login: "gl.counter") { email } }`))).toBe('FORBIDDEN');
    expect(dataOf(await counter.admin(`{ orgUnit(key: "group") { head { login email phone positions { role } } } }`)).orgUnit.head).toEqual({ login: 'hq.admin', email: null, phone: null, positions: [] });
    expect(dataOf(await lattice().admin(`{ orgUnit(key: "group") { head { email } } }`)).orgUnit.head).toEqual({ email: 'wang@hq.example.com' });
    expect(dataOf(await (await signedInAs(lattice(), 'fj.admin')).admin(`{ user(login: "gl.counter") { email } }`)).user).toEqual({ email: 'zheng@fj.example.com' });
  });

  it('shows the audit log of others’ records only to holders of audit.read; without it, only one’s own records', async () => {
    const wuhou = await lattice().accessAs('wh.counter');
    const mine = await wuhou.create('Customer', customerInput('营业员自己的客户'));
    const colleagues = await wuhou.create('Customer', customerInput('同事的客户'));
    await lattice().sql(`update customer set owner_id = (select id from lattice_user where login = 'wh.supervisor') where id = $1`, [colleagues.id]);
    const AUDIT = `query($id: ID) { auditLog(entity: "Customer", recordId: $id) { entries { recordId action } } }`;
    const counter = await signedInAs(lattice(), 'wh.counter');
    expect(dataOf(await counter.records(`query($id: ID!) { customer(id: $id) { name } }`, { id: colleagues.id })).customer).toEqual({ name: '同事的客户' });
    expect(dataOf(await counter.records(AUDIT, { id: colleagues.id })).auditLog.entries).toEqual([]);
    expect(dataOf(await counter.records(AUDIT, { id: mine.id })).auditLog.entries).toEqual([{ recordId: mine.id, action: 'CREATE' }]);
    const supervisor = await signedInAs(lattice(), 'wh.supervisor');
    expect(dataOf(await supervisor.records(AUDIT, { id: colleagues.id })).auditLog.entries).toEqual([{ recordId: colleagues.id, action: 'CREATE' }]);
    expect(dataOf(await (await signedInAs(lattice(), 'sc.marketing')).records(AUDIT, { id: mine.id })).auditLog.entries).toEqual([]);
  });
});
