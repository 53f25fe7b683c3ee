import { beforeAll, describe, expect, it } from 'vitest';
import type { MetadataSet } from '@lattice/runtime';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { dataOf, type GraphqlResult, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { SHARING } from '../../src/sharing/sharing-verbs.js';

type Client = Awaited<ReturnType<typeof signedInAs>>;
type Page = { customers: { totalCount: number; nodes: { name: string }[]; pageInfo: { hasNextPage: boolean } } };

const LIST = `query($view: String, $savedView: ID, $filter: CustomerFilter, $orderBy: [CustomerOrderBy!], $first: Int) {
  customers(view: $view, savedView: $savedView, filter: $filter, orderBy: $orderBy, first: $first) { totalCount nodes { name } pageInfo { hasNextPage } } }`;
const SAVE = `mutation($input: SavedViewInput!) { saveView(entity: "Customer", input: $input) { id name columns filter sort { field direction } pageSize broken problems { code path } } }`;
const SAVED = `{ savedViews(entity: "Customer") { id name broken problems { code path } } }`;

const enterprise = (name: string) => customerInput(name, { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: `9151${name.length}${Math.random().toString().slice(2, 16)}`, industry: 'retail' });
const codeOf = (result: GraphqlResult<unknown>) => errorOf(result).extensions?.code;
const pathsOf = (result: GraphqlResult<unknown>) => (errorOf(result).extensions?.problems ?? []).map((p) => `${p.code} @ ${p.path}`);
const names = (result: GraphqlResult<Page>) => dataOf(result).customers.nodes.map((n) => n.name);

/**
 * Lists through the example's shared views and through views users save:
 * the view's filter ANDed with the request's, `$user` resolved to the
 * caller, sort and page size unless the request gives its own, and never a
 * row or a field the caller's roles keep from them.
 */
describe('list views: shared views and saved views in list queries', () => {
  const platform = exampleWithOrg();
  let lattice: TestPlatform;
  let wuhou: Client;
  let jinniu: Client;
  let supervisor: Client;
  let hq: Client;

  beforeAll(async () => {
    lattice = platform();
    wuhou = await signedInAs(lattice, 'wh.counter');
    jinniu = await signedInAs(lattice, 'jn.counter');
    supervisor = await signedInAs(lattice, 'wh.supervisor');
    hq = await signedInAs(lattice, 'hq.admin');
    const create = `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`;
    for (const name of ['科华企业乙', '科华企业甲', '科华企业丙']) dataOf(await wuhou.records(create, { input: enterprise(name) }));
    dataOf(await wuhou.records(create, { input: customerInput('科华个人') }));
    const west = dataOf(await jinniu.records(create, { input: enterprise('西华企业') })).createCustomer.id;
    // Shared with the Wuhou counter: in their reach, yet not of their hall.
    dataOf(await jinniu.records(`mutation($id: ID!) { shareRecord(entity: "Customer", id: $id, user: "wh.counter", until: "2099-01-01T00:00:00Z", reason: "joint account review") { id } }`, { id: west }));
  });

  it('serves the views shared with the caller, without the columns their roles hide', async () => {
    const views = dataOf(await wuhou.records(`{ views(entity: "Customer") { key columns sort pageSize } }`)).views;
    expect(views).toEqual([{ key: 'my_hall_enterprises', columns: ['name', 'customerCode', 'customerClass', 'industry', 'phone'], sort: [{ field: 'name', direction: 'asc' }], pageSize: 50 }]);
    expect(dataOf(await supervisor.records(`{ views(entity: "Customer") { key } }`)).views).toEqual([]);
  });

  it('applies the view\'s filter with $user resolved to the caller, its sort, and the request\'s filter ANDed', async () => {
    expect(names(await wuhou.records(LIST, { view: 'my_hall_enterprises' }))).toEqual(['科华企业丙', '科华企业乙', '科华企业甲'].sort());
    expect(names(await jinniu.records(LIST, { view: 'my_hall_enterprises' }))).toEqual(['西华企业']);
    expect(names(await wuhou.records(LIST, { view: 'my_hall_enterprises', filter: { name: { contains: '甲' } } }))).toEqual(['科华企业甲']);
    // The request's own sort and page size win over the view's.
    const desc = await wuhou.records<Page>(LIST, { view: 'my_hall_enterprises', orderBy: [{ field: 'name', direction: 'DESC' }], first: 2 });
    expect(names(desc)).toEqual(['科华企业丙', '科华企业乙', '科华企业甲'].sort().reverse().slice(0, 2));
    expect(dataOf(desc).customers).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    // The Wuhou counter reaches the Jinniu customer shared with them, but the view asks for their own hall's.
    expect(names(await wuhou.records(LIST, { filter: { customerType: { eq: 'enterprise' } } }))).toContain('西华企业');
    // The platform administrator sees every view and every customer, but holds no position: $user.unitId is no unit.
    expect(dataOf(await lattice.records<Page>(LIST, {})).customers.totalCount).toBe(5);
    expect(dataOf(await lattice.records<Page>(LIST, { view: 'my_hall_enterprises' })).customers.totalCount).toBe(0);
  });

  it('answers a view the caller is not shared with exactly as one that does not exist', async () => {
    const notShared = errorOf(await supervisor.records(LIST, { view: 'my_hall_enterprises' }));
    const missing = errorOf(await supervisor.records(LIST, { view: 'no_such_view' }));
    expect(notShared.extensions?.code).toBe('NOT_FOUND');
    expect(notShared.message.replace('my_hall_enterprises', 'no_such_view')).toBe(missing.message);
    expect(codeOf(await wuhou.records(LIST, { view: 'my_hall_enterprises', savedView: '00000000-0000-0000-0000-000000000000' }))).toBe('VALIDATION');
    // A view belongs to its entity: another entity's list does not take it.
    expect(codeOf(await wuhou.records(`{ subscriptions(view: "my_hall_enterprises") { totalCount } }`))).toBe('NOT_FOUND');
  });

  it('saves, lists, renames and deletes a user\'s own views, and uses them in lists with their page size', async () => {
    const saved = dataOf(await wuhou.records(SAVE, { input: { name: '  企业 ', columns: ['name', 'phone'], filter: { customerType: { eq: 'enterprise' }, ownerId: { eq: { $user: 'id' } } }, sort: [{ field: 'name', direction: 'desc' }], pageSize: 2 } })).saveView;
    expect(saved).toMatchObject({ name: '企业', pageSize: 2, sort: [{ field: 'name', direction: 'desc' }], broken: false, problems: [] });
    const page = await wuhou.records<Page>(LIST, { savedView: saved.id });
    expect(names(page)).toEqual(['科华企业丙', '科华企业乙', '科华企业甲'].sort().reverse().slice(0, 2));
    expect(dataOf(page).customers).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    // Another counter of the same role owns none of these: the $user operand is theirs.
    const jnSaved = dataOf(await jinniu.records(SAVE, { input: { name: '企业', columns: ['name'], filter: { ownerId: { eq: { $user: 'id' } } } } })).saveView;
    expect(names(await jinniu.records(LIST, { savedView: jnSaved.id }))).toEqual(['西华企业']);

    const renamed = dataOf(await wuhou.records(`mutation($id: ID!) { renameSavedView(entity: "Customer", id: $id, name: "我的企业") { name } }`, { id: saved.id })).renameSavedView;
    expect(renamed.name).toBe('我的企业');
    expect(dataOf(await wuhou.records(SAVED)).savedViews.map((v: { name: string }) => v.name)).toEqual(['我的企业']);
    expect(dataOf(await wuhou.records(`mutation($id: ID!) { deleteSavedView(entity: "Customer", id: $id) }`, { id: saved.id })).deleteSavedView).toBe(true);
    expect(dataOf(await wuhou.records(SAVED)).savedViews).toEqual([]);
    expect(codeOf(await wuhou.records(LIST, { savedView: saved.id }))).toBe('NOT_FOUND');
  });

  it('never shows, lends, renames or deletes another user\'s saved view', async () => {
    const theirs = dataOf(await jinniu.records(SAVE, { input: { name: '私人', columns: ['name'] } })).saveView;
    expect(dataOf(await wuhou.records(SAVED)).savedViews.map((v: { id: string }) => v.id)).not.toContain(theirs.id);
    for (const attempt of [
      wuhou.records(LIST, { savedView: theirs.id }),
      hq.records(LIST, { savedView: theirs.id }),
      wuhou.records(`mutation($id: ID!) { renameSavedView(entity: "Customer", id: $id, name: "x") { name } }`, { id: theirs.id }),
      wuhou.records(`mutation($id: ID!) { deleteSavedView(entity: "Customer", id: $id) }`, { id: theirs.id }),
      // Nor through another entity's name.
      jinniu.records(`mutation($id: ID!) { deleteSavedView(entity: "Subscription", id: $id) }`, { id: theirs.id }),
    ]) {
      const error = errorOf(await attempt);
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(error.message).not.toContain('私人');
    }
    expect(dataOf(await jinniu.records(SAVED)).savedViews.map((v: { name: string }) => v.name)).toContain('私人');
  });

  it('refuses a saved view on fields the caller cannot read, and a bad filter at its path', async () => {
    const hiddenFilter = await wuhou.records(SAVE, { input: { name: 'tier', columns: ['name'], filter: { valueTier: { eq: 'strategic' } } } });
    expect(codeOf(hiddenFilter)).toBe('FORBIDDEN');
    expect(pathsOf(hiddenFilter)).toEqual(['permission.field-hidden @ input.filter.valueTier']);
    expect(codeOf(await wuhou.records(SAVE, { input: { name: 'tier', columns: ['name', 'valueTier'] } }))).toBe('FORBIDDEN');
    expect(codeOf(await wuhou.records(SAVE, { input: { name: 'tier', columns: ['name'], sort: [{ field: 'valueTier' }] } }))).toBe('FORBIDDEN');
    // Through a related list too: a reference's hidden field on the other side.
    const bad = await wuhou.records(SAVE, { input: { name: 'bad', columns: ['name', 'nmae'], filter: { customerTyp: { eq: 'enterprise' }, customerType: { eq: 'martian' }, phone: { startsWith: 1, eq: null } }, sort: [{ field: 'subscriptions' }] } });
    expect(codeOf(bad)).toBe('VALIDATION');
    expect(pathsOf(bad)).toEqual(['view.unknown-field @ input.columns[1]', 'view.unsortable @ input.sort[0].field', 'filter.unknown-field @ input.filter.customerTyp', 'filter.bad-value @ input.filter.customerType.eq', 'filter.bad-value @ input.filter.phone.eq']);
    expect(pathsOf(await wuhou.records(SAVE, { input: { name: ' ', columns: ['name'] } }))).toEqual(['input.invalid @ input.name']);
    expect(pathsOf(await wuhou.records(SAVE, { input: { name: 'big', columns: ['name'], pageSize: 100000 } }))).toEqual(['input.invalid @ input.pageSize']);
    expect(dataOf(await wuhou.records(SAVED)).savedViews).toEqual([]);
  });

  it('logs what a saved view\'s filter on personal data confirms, as the request\'s own filter would be', async () => {
    const probe = dataOf(await wuhou.records(SAVE, { input: { name: '证件', columns: ['name'], filter: { idNumber: { startsWith: '9151' } } } })).saveView;
    expect(dataOf(await wuhou.records<Page>(`query($v: ID) { customers(savedView: $v) { totalCount } }`, { v: probe.id })).customers.totalCount).toBe(4);
    const entries = (await (await lattice.accessAs('wh.supervisor')).part(SHARING).accessLog({ kind: 'personal-data', first: 500 })).entries;
    const filtered = entries.filter((e) => e.login === 'wh.counter' && (e.details as { path?: string }).path === 'filter');
    // The Wuhou auditor reads the three of the counter's hall (the shared Jinniu one is logged for Jinniu's unit).
    expect(filtered.flatMap((e) => e.recordIds).length).toBe(3);
    expect(new Set(filtered.map((e) => JSON.stringify(e.details)))).toEqual(new Set([JSON.stringify({ path: 'filter', fields: ['idNumber'], operators: { idNumber: ['startsWith'] } })]));
    dataOf(await wuhou.records(`mutation($id: ID!) { deleteSavedView(entity: "Customer", id: $id) }`, { id: probe.id }));
  });

  it('stores one of twenty concurrent saves of one name; the others are a clear CONFLICT', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => wuhou.records(SAVE, { input: { name: '并发', columns: ['name'] } })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    const conflicts = results.filter((r) => r.errors);
    expect(conflicts.map((r) => codeOf(r))).toEqual(Array(19).fill('CONFLICT'));
    expect(errorOf(conflicts[0]!).message).toBe('You already have a view of customers named "并发"');
    expect(dataOf(await wuhou.records(SAVED)).savedViews.filter((v: { name: string }) => v.name === '并发').length).toBe(1);
    // The same name is another user's to use.
    expect(dataOf(await jinniu.records(SAVE, { input: { name: '并发', columns: ['name'] } })).saveView.name).toBe('并发');
  });

  it('reports a saved view whose field a publish removed as broken at its path, and refuses to list through it', async () => {
    const withLoyalty = (source: MetadataSet, add: boolean): MetadataSet => {
      const next = structuredClone(source);
      const customer = (next.entities as { key: string; fields: Record<string, unknown>[] }[]).find((e) => e.key === 'customer')!;
      customer.fields = add ? [...customer.fields, { key: 'loyalty_code', name: 'loyaltyCode', type: 'text' }] : customer.fields.filter((f) => f['key'] !== 'loyalty_code');
      return next;
    };
    await lattice.metadata.planAndPublish(withLoyalty(lattice.metadata.liveSource(), true), { actor: SYSTEM_ACTOR });
    const hqNow = await signedInAs(lattice, 'hq.admin');
    const saved = dataOf(await hqNow.records(SAVE, { input: { name: '会员', columns: ['name', 'loyaltyCode'], filter: { loyaltyCode: { startsWith: 'G' } }, sort: [{ field: 'loyaltyCode' }] } })).saveView;
    expect(dataOf(await hqNow.records<Page>(LIST, { savedView: saved.id })).customers.totalCount).toBe(0);
    await lattice.metadata.planAndPublish(withLoyalty(lattice.metadata.liveSource(), false), { actor: SYSTEM_ACTOR, confirm: ['drop-column:customer.loyalty_code'] });
    const after = await signedInAs(lattice, 'hq.admin');
    const [broken] = dataOf(await after.records(SAVED)).savedViews;
    expect(broken).toMatchObject({ name: '会员', broken: true, problems: [{ code: 'view.unknown-field', path: 'savedView.columns[1]' }, { code: 'view.unknown-field', path: 'savedView.sort[0].field' }, { code: 'filter.unknown-field', path: 'savedView.filter.loyaltyCode' }] });
    const listed = await after.records(LIST, { savedView: saved.id });
    expect(codeOf(listed)).toBe('VALIDATION');
    expect(pathsOf(listed)).toEqual(['filter.unknown-field @ savedView.filter.loyaltyCode']);
  });

  it('never lends a shared view\'s filter on a field the caller cannot read: left out of views, FORBIDDEN in a list', async () => {
    const strategic = { kind: 'view', key: 'strategic_accounts', entity: 'customer', columns: ['name', 'valueTier'], filter: { valueTier: { eq: 'strategic' } }, sharedWith: { roles: ['counter_operator', 'supervisor'] } };
    const source = lattice.metadata.liveSource();
    await lattice.metadata.planAndPublish({ ...source, views: [...((source.views as unknown[]) ?? []), strategic] } as MetadataSet, { actor: SYSTEM_ACTOR });
    const counter = await signedInAs(lattice, 'wh.counter');
    const boss = await signedInAs(lattice, 'wh.supervisor');
    expect(dataOf(await counter.records(`{ views(entity: "Customer") { key } }`)).views.map((v: { key: string }) => v.key)).toEqual(['my_hall_enterprises']);
    const refused = await counter.records(LIST, { view: 'strategic_accounts' });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(pathsOf(refused)).toEqual(['permission.field-hidden @ view.filter.valueTier']);
    // Whoever may read the field gets the view and its list.
    expect(dataOf(await boss.records(`{ views(entity: "Customer") { key columns } }`)).views).toEqual([{ key: 'strategic_accounts', columns: ['name', 'valueTier'] }]);
    expect(dataOf(await boss.records<Page>(LIST, { view: 'strategic_accounts' })).customers.totalCount).toBe(0);
  });
});

describe('sharing-rule criteria are the same condition language, checked when the rules are saved', () => {
  const platform = exampleWithOrg();
  const IMPORT = `mutation($s: JSON!) { importOrg(source: $s) { units } }`;

  it('refuses a rule whose criteria the language refuses, at its path, and stores nothing', async () => {
    const lattice = platform();
    const rule = (key: string, entity: string, criteria: Record<string, unknown>) => ({ key, entity, criteria, shareWith: { everyone: true } });
    const refused = await lattice.admin(IMPORT, {
      s: { sharingRules: [rule('fine', 'customer', { customerClass: { eq: 'group' } }), rule('typo', 'customer', { customerClas: { eq: 'group' } }), rule('bad_value', 'customer', { customerClass: { eq: 'royal' }, ownerId: { eq: { $user: 'id' } } })] },
    });
    expect(codeOf(refused)).toBe('VALIDATION');
    expect(pathsOf(refused)).toEqual(['filter.unknown-field @ sharingRules[1].criteria.customerClas', 'filter.bad-value @ sharingRules[2].criteria.customerClass.eq', 'filter.bad-value @ sharingRules[2].criteria.ownerId.eq']);
    expect(await lattice.sql(`select key from lattice_sharing_rule where key in ('fine', 'typo', 'bad_value')`)).toEqual([]);
    dataOf(await lattice.admin(IMPORT, { s: { sharingRules: [rule('fine', 'customer', { customerClass: { eq: 'group' } })] } }));
    expect(await lattice.sql(`select key from lattice_sharing_rule where key = 'fine'`)).toEqual([{ key: 'fine' }]);
  });
});
