import { describe, expect, it } from 'vitest';
import { dataOf, type GraphqlResult } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf } from '../support/crm-seed.js';

const GRANT = `mutation($r: String!, $e: String!, $g: JSON) { grantRoleEntity(role: $r, entity: $e, grant: $g) { key permissions updatedBy } }`;
const ROLE = `{ roles { key permissions updatedBy } }`;
const VALUE_TIER = `{ customers(first: 5) { nodes { id valueTier } } }`;
const codeOf = (result: GraphqlResult<unknown>) => errorOf(result).extensions?.code;
const problemsOf = (result: GraphqlResult<unknown>) => (errorOf(result).extensions?.problems ?? []).map((p) => [p.path, p.message]);

type Grant = { read: string; create: string; update: string; delete: string; fields: Record<string, string> };
type Permissions = { entities: Record<string, Grant>; capabilities: string[]; serveAnywhere: Record<string, unknown> };

/**
 * The roles screen's edit: one entity's grant of a role, the rest of the role
 * kept, bounded like an org file. The HQ business admin grants the counter
 * operator a field they could not read, and the counter reads it at once.
 */
describe('granting a role an entity and its fields', () => {
  const lattice = exampleWithOrg();
  const roleOf = async (key: string) => ((dataOf(await lattice().admin(ROLE)).roles as { key: string; permissions: Permissions; updatedBy: string | null }[]).find((r) => r.key === key))!;

  it('gives the counter operator a customer field they could not read, keeps the rest of the role, and names who changed it', async () => {
    const hq = await signedInAs(lattice(), 'hq.admin');
    const counter = await signedInAs(lattice(), 'wh.counter');
    await (await lattice().accessAs('wh.counter')).create('Customer', customerInput('武侯客户'));
    expect(problemsOf(await counter.records(VALUE_TIER))[0]?.[1]).toContain('Customer.valueTier');
    const before = await roleOf('counter_operator');
    const customer = before.permissions.entities['customer']!;
    const saved = dataOf(await hq.admin(GRANT, { r: 'counter_operator', e: 'customer', g: { ...customer, fields: { ...customer.fields, value_tier: 'read' } } })).grantRoleEntity;
    expect(saved.updatedBy).toBe('hq.admin');
    expect(saved.permissions.entities.customer.fields.value_tier).toBe('read');
    // Everything else of the role is as it was: other entities, the serve-anywhere policy.
    const { customer: _c, ...others } = before.permissions.entities;
    expect({ ...saved.permissions.entities, customer: undefined }).toEqual({ ...others, customer: undefined });
    expect(saved.permissions.serveAnywhere).toEqual(before.permissions.serveAnywhere);
    expect((dataOf(await counter.records(VALUE_TIER)).customers.nodes as unknown[]).length).toBeGreaterThan(0);
    // A read grant is not a write grant.
    const [one] = dataOf(await counter.records(`{ customers(first: 1) { nodes { id version } } }`)).customers.nodes as { id: string; version: number }[];
    const write = await counter.records(`mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { valueTier: "gold" }) { id } }`, { id: one!.id, v: one!.version });
    expect(codeOf(write)).toBe('FORBIDDEN');
  });

  it('refuses an unknown entity, an unknown field and a bad scope at their paths, and changes nothing', async () => {
    const hq = await signedInAs(lattice(), 'hq.admin');
    const before = await roleOf('marketing');
    const unknownEntity = await hq.admin(GRANT, { r: 'marketing', e: 'loyalty_card', g: { read: 'unit' } });
    expect(codeOf(unknownEntity)).toBe('VALIDATION');
    expect(problemsOf(unknownEntity)).toEqual([['entity', 'There is no entity "loyalty_card" in the published metadata']]);
    const unknownField = await hq.admin(GRANT, { r: 'marketing', e: 'customer', g: { read: 'subtree', fields: { loyalty_code: 'read' } } });
    expect(problemsOf(unknownField)).toEqual([['grant.fields.loyalty_code', 'Entity "customer" has no field "loyalty_code" in the published metadata']]);
    const badScope = await hq.admin(GRANT, { r: 'marketing', e: 'customer', g: { read: 'everywhere' } });
    expect(codeOf(badScope)).toBe('VALIDATION');
    expect(problemsOf(badScope)[0]?.[0]).toBe('grant.read');
    expect(codeOf(await hq.admin(GRANT, { r: 'no_such_role', e: 'customer', g: { read: 'unit' } }))).toBe('NOT_FOUND');
    expect(await roleOf('marketing')).toEqual(before);
  });

  it('refuses a grant beyond the editor’s rights, a role holding rights they lack, and editors below the top unit, storing nothing', async () => {
    // A top-unit admin with only subtree rights (a regional admin's role at the group).
    dataOf(await lattice().admin(`mutation($s: JSON!) { importOrg(source: $s) { users } }`, { s: { users: [{ login: 'grp.admin', displayName: '集团组织管理员', password: 'Group-admin-2026', positions: [{ unit: 'group', role: 'regional_admin' }] }] } }));
    const { accessToken } = await lattice().signIn('grp.admin', 'Group-admin-2026');
    const groupAdmin = lattice().as(accessToken);
    const before = await roleOf('back_office');
    const beyond = await groupAdmin.admin(GRANT, { r: 'back_office', e: 'order', g: { read: 'all', update: 'subtree', fields: { '*': 'write' } } });
    expect(codeOf(beyond)).toBe('FORBIDDEN');
    expect(problemsOf(beyond)).toEqual([['roles[0].permissions', 'Role "back_office" would give more than you hold: read "all" on entity "order"']]);
    // The supervisor's role reads the access log, which the HQ business admin does not: not theirs to edit, even to narrow it.
    const supervisor = await roleOf('supervisor');
    const held = await (await signedInAs(lattice(), 'hq.admin')).admin(GRANT, { r: 'supervisor', e: 'order', g: null });
    expect(problemsOf(held)[0]).toEqual(['roles[0]', expect.stringContaining('Role "supervisor" holds rights you lack (the capability "access-log.read"')]);
    expect(await roleOf('supervisor')).toEqual(supervisor);
    // A regional admin below the top: roles apply everywhere.
    const sichuan = await signedInAs(lattice(), 'sc.admin');
    const below = await sichuan.admin(GRANT, { r: 'marketing', e: 'order', g: { read: 'subtree' } });
    expect(problemsOf(below)).toEqual([['roles', 'Roles apply to the whole organisation: only an admin of the top unit may change them']]);
    // Without org.manage at all.
    expect(codeOf(await (await signedInAs(lattice(), 'wh.counter')).admin(GRANT, { r: 'counter_operator', e: 'customer', g: { read: 'all' } }))).toBe('FORBIDDEN');
    expect(await roleOf('back_office')).toEqual(before);
  });

  it('keeps every one of 20 concurrent edits of two roles, each of another entity (an org file per edit would keep only the last)', async () => {
    const hq = await signedInAs(lattice(), 'hq.admin');
    const entities = ['account', 'complaint', 'contact', 'order', 'order_item', 'product', 'subscription', 'usage_summary', 'work_order', 'customer'];
    const edits = ['marketing', 'back_office'].flatMap((role) => entities.map((entity, i) => ({ role, entity, grant: { read: i % 2 ? 'subtree' : 'unit', fields: { '*': 'read' } } })));
    const results = await Promise.all(edits.map((e) => hq.admin(GRANT, { r: e.role, e: e.entity, g: e.grant })));
    expect(results.map((r) => r.errors?.[0]?.message ?? 'ok')).toEqual(edits.map(() => 'ok'));
    for (const role of ['marketing', 'back_office']) {
      const stored = (await roleOf(role)).permissions.entities;
      expect(Object.fromEntries(entities.map((e) => [e, stored[e]?.read]))).toEqual(Object.fromEntries(entities.map((e, i) => [e, i % 2 ? 'subtree' : 'unit'])));
    }
  });
});
