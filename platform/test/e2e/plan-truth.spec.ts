import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { crmFixture, type CrmFixture } from '../support/crm-fixture.js';
import { createCustomers, errorOf, PUBLISH, publishReviewed } from '../support/crm-seed.js';
import { createTestUser } from '../support/test-users.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import type { MetadataSet } from '@lattice/runtime';

type Field = Record<string, unknown> & { key: string; name: string };

const PLAN = `query($source: JSON) { plan(source: $source) { hash fromVersion ddl changes blocked confirmationsRequired
  catalogChanges { change path before after } ruleSetChanges { change path before after }
  whereUsed { entity field change usedBy owner path breaks }
  risks { id kind rows blocking message records { id title values } find { sql filter } } } }`;

const customerFields = (s: CrmFixture) => s.entities[0]!.fields as unknown as Field[];

describe('plans that say what publishing does', () => {
  let lattice: TestPlatform;
  let live: CrmFixture;
  const plan = async (source: unknown) => dataOf(await lattice.admin(PLAN, { source })).plan;
  const versions = async () => dataOf(await lattice.admin(`{ versions { version } }`)).versions.length;
  const withCustomer = (edit: (fields: Field[]) => void): CrmFixture => {
    const next = structuredClone(live);
    edit(customerFields(next));
    return next;
  };
  const publishAndKeep = async (source: CrmFixture, confirm: string[] = []) => {
    const result = dataOf(await publishReviewed(lattice.admin, source, { confirm })).publish;
    live = source;
    return result;
  };

  beforeAll(async () => {
    lattice = await startTestPlatform();
    live = crmFixture();
    customerFields(live).push({ key: 'nick', name: 'nickname', type: 'text', maxLength: 20 });
    await publishAndKeep(live);
    await createCustomers(lattice, Array.from({ length: 25 }, (_, i) => ({ name: `客户${String(i).padStart(2, '0')}`, nickname: `n${i}` })));
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('refuses a publish without the reviewed plan’s hash and base version, and names what is missing', async () => {
    const next = withCustomer((f) => f.push({ key: 'wechat', name: 'wechatId', type: 'text', maxLength: 40 }));
    const none = errorOf(await lattice.admin(`mutation($s: JSON) { publish(source: $s) { version } }`, { s: next }));
    expect(none.extensions?.code).toBe('VALIDATION');
    expect(none.extensions?.problems?.map((p) => p.path)).toEqual(['planHash', 'baseVersion']);
    const { hash } = await plan(next);
    const noBase = errorOf(await lattice.admin(`mutation($s: JSON, $h: String) { publish(source: $s, planHash: $h) { version } }`, { s: next, h: hash }));
    expect(noBase.extensions?.problems?.map((p) => p.path)).toEqual(['baseVersion']);
    const rollback = errorOf(await lattice.admin(`mutation { rollback(toVersion: 1) { version } }`));
    expect(rollback.extensions?.code).toBe('VALIDATION');
    expect(await versions()).toBe(1);
  });

  it('publishing the live metadata again answers the live version and stores none', async () => {
    const again = dataOf(await publishReviewed(lattice.admin, structuredClone(live))).publish;
    expect(again).toMatchObject({ version: 1, unchanged: true, plan: { ddl: [] } });
    expect(await versions()).toBe(1);
    expect(dataOf(await lattice.records(`{ metadataVersion }`)).metadataVersion).toBe(1);
  });

  it('refuses B’s plan made on the version before A published a field, and B’s stale draft must confirm undoing it', async () => {
    await createTestUser(lattice, 'admin.b', 'Second-admin-2026');
    await lattice.sql(`update lattice_user set platform_admin = true where login = 'admin.b'`);
    const b = lattice.as((await lattice.signIn('admin.b', 'Second-admin-2026')).accessToken);
    const bDraft = withCustomer((f) => void (f.find((x) => x.key === 'notes')!.label = { en: 'Remarks' }));
    const saved = dataOf(await b.admin(`mutation($s: JSON!) { saveDraft(source: $s, name: "b") { baseVersion } }`, { s: bDraft })).saveDraft;
    expect(saved.baseVersion).toBe(1);
    const DRAFT_PLAN = `{ plan(draft: "b") { hash fromVersion startedFrom confirmationsRequired changes risks { id kind message } } }`;
    const bPlan = dataOf(await b.admin(DRAFT_PLAN)).plan;
    expect(bPlan).toMatchObject({ fromVersion: 1, startedFrom: null, confirmationsRequired: [] });

    const aDraft = withCustomer((f) => f.push({ key: 'wechat', name: 'wechatId', type: 'text', maxLength: 40 }));
    expect((await publishAndKeep(aDraft)).version).toBe(2);

    const B_PUBLISH = `mutation($h: String, $v: Int, $c: [String!]) { publish(draft: "b", planHash: $h, baseVersion: $v, confirm: $c) { version } }`;
    const refused = errorOf(await b.admin(B_PUBLISH, { h: bPlan.hash, v: bPlan.fromVersion }));
    expect(refused.extensions?.code).toBe('PLAN_STALE');
    expect(refused.message).toMatch(/version 1.*version 2 is live.*2 by admin/);
    expect(await versions()).toBe(2);
    expect((await lattice.sql(`select column_name from information_schema.columns where table_name = 'customer' and column_name = 'wechat_id'`)).length).toBe(1);

    // planned again on the live version, B's draft (started on version 1) says what it would undo, and needs it confirmed
    const replanned = dataOf(await b.admin(DRAFT_PLAN)).plan;
    expect(replanned).toMatchObject({ fromVersion: 2, startedFrom: 1, confirmationsRequired: ['reverts:customer.wechat'] });
    expect(replanned.risks).toEqual([{ id: 'reverts:customer.wechat', kind: 'reverts-published', message: 'Field "wechatId" of customer was added since version 1, which this draft started from; publishing the draft removes it' }]);
    const unconfirmed = errorOf(await b.admin(B_PUBLISH, { h: replanned.hash, v: replanned.fromVersion }));
    expect(unconfirmed.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    expect(await versions()).toBe(2);
  });

  it('publishes one reviewed plan once when it is sent 20 times at once: the others are PLAN_STALE', async () => {
    const next = withCustomer((f) => f.push({ key: 'race', name: 'raceField', type: 'text', maxLength: 10 }));
    const reviewed = await plan(next);
    const before = await versions();
    const results = await Promise.all(Array.from({ length: 20 }, () => lattice.admin(PUBLISH, { source: next, planHash: reviewed.hash, baseVersion: reviewed.fromVersion })));
    const published = results.filter((r) => !r.errors);
    expect(published).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'PLAN_STALE')).toHaveLength(19);
    expect(await versions()).toBe(before + 1);
    live = next;
  });

  it('a key change with renamedFrom is a rename: the column is renamed and keeps its values', async () => {
    const next = withCustomer((f) => Object.assign(f.find((x) => x.key === 'nick')!, { key: 'nickname', name: 'alias', renamedFrom: 'nick' }));
    const planned = await plan(next);
    expect(planned.changes.filter((c: { kind: string }) => c.kind !== 'field.changed')).toEqual([expect.objectContaining({ kind: 'field.renamed', field: 'nickname', fromKey: 'nick', from: 'nickname', to: 'alias' })]);
    expect(planned.ddl).toEqual(['alter table "customer" rename column "nickname" to "alias";']);
    expect(planned.risks).toEqual([]);
    await publishAndKeep(next);
    const rows = await lattice.sql(`select count(*)::int as n from customer where alias like 'n%'`);
    expect(rows[0].n).toBe(25);
    // a renamedFrom that names no live field is refused with its path
    const wrong = withCustomer((f) => f.push({ key: 'other', name: 'other', type: 'text', renamedFrom: 'nothing' }));
    const error = errorOf(await lattice.admin(PLAN, { source: wrong }));
    expect(error.extensions?.problems?.[0]).toMatchObject({ code: 'field.renamed-from-unknown', path: 'entities[customer].fields[other].renamedFrom' });
  });

  it('a key change without renamedFrom drops the values it says it drops, with the DDL that does it', async () => {
    const next = withCustomer((f) => {
      const nickname = f.find((x) => x.key === 'nickname')!;
      nickname.key = 'alias_key';
      delete nickname['renamedFrom'];
    });
    const planned = await plan(next);
    expect(planned.risks).toMatchObject([{ id: 'drop-column:customer.nickname', kind: 'drop-column', rows: 25 }]);
    expect(planned.ddl).toEqual(['alter table "customer" drop column "alias";', 'alter table "customer" add "alias" varchar(20) null;']);
    await publishAndKeep(next, ['drop-column:customer.nickname']);
    expect((await lattice.sql(`select count(*)::int as n from customer where alias is not null`))[0].n).toBe(0);
  });

  it('data at risk names the first 20 records (id, title, value), the count, and how to find the rest', async () => {
    await lattice.sql(`update customer set notes = 'note of ' || name`);
    const next = withCustomer((f) => f.splice(f.findIndex((x) => x.key === 'notes'), 1));
    const [risk] = (await plan(next)).risks;
    expect(risk).toMatchObject({ id: 'drop-column:customer.notes', rows: 25 });
    expect(risk.records).toHaveLength(20);
    const ids = (await lattice.sql(`select id::text as id, name from customer order by id limit 20`)) as { id: string; name: string }[];
    expect(risk.records).toEqual(ids.map((r) => ({ id: r.id, title: r.name, values: { notes: `note of ${r.name}` } })));
    expect(risk.find.filter).toEqual({ notes: { isNull: false } });
    expect((await lattice.sql(risk.find.sql)).length).toBe(25);
    const found = dataOf(await lattice.records(`query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`, { f: risk.find.filter })).customers;
    expect(found.totalCount).toBe(25);
  });
});

const RULES = {
  kind: 'ruleSet',
  key: 'customer_checks',
  entity: 'customer',
  rules: [
    { key: 'enterprise_industry', kind: 'validation', conditions: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }, { fact: 'industry', operator: 'equal', value: null }] }, event: { type: 'invalid', params: { fields: ['industry'], message: 'An enterprise needs an industry' } } },
    { key: 'public_credit', kind: 'defaulting', conditions: { all: [{ fact: 'customerClass', operator: 'equal', value: 'public' }] }, event: { type: 'default', params: { set: { creditLevel: 'B' } } } },
  ],
};

describe('plans of the example: prices, rule sets and where a field is used', () => {
  let lattice: TestPlatform;
  const platform = exampleWithOrg();
  beforeAll(() => {
    lattice = platform();
  });
  const plan = async (source: unknown) => dataOf(await lattice.admin(PLAN, { source })).plan;

  it('shows a price change 199.00 → 189.00 in the plan, and publishes it as a new version', async () => {
    const source = structuredClone(lattice.metadata.liveSource()) as MetadataSet & { tariffs: { offerings: { key: string; components: { key: string; amount: string }[] }[] } };
    source.tariffs.offerings.find((o) => o.key === 'm_5g_199')!.components[0]!.amount = '189.00';
    const planned = await plan(source);
    expect(planned.catalogChanges).toEqual([{ change: 'changed', path: 'tariffs.offerings[m_5g_199].components[monthly_fee].amount', before: '199.00', after: '189.00' }]);
    expect(planned.ddl).toEqual([]);
    const before = lattice.metadata.liveSource();
    const published = dataOf(await publishReviewed(lattice.admin, source)).publish;
    expect(published.unchanged).toBe(false);
    // metadata started on the version before, still at 199.00, would set the price back: a risk to confirm
    const stale = dataOf(await lattice.admin(`query($s: JSON, $v: Int) { plan(source: $s, startedFrom: $v) { startedFrom confirmationsRequired catalogChanges { path before after } } }`, { s: before, v: published.version - 1 })).plan;
    expect(stale).toEqual({
      startedFrom: published.version - 1,
      confirmationsRequired: ['reverts:tariffs.offerings[m_5g_199].components[monthly_fee].amount'],
      catalogChanges: [{ path: 'tariffs.offerings[m_5g_199].components[monthly_fee].amount', before: '189.00', after: '199.00' }],
    });
  });

  it('shows rule set changes rule by rule', async () => {
    const source = structuredClone(lattice.metadata.liveSource());
    const planned = await plan({ ...source, ruleSets: [RULES] });
    expect(planned.ruleSetChanges).toEqual([{ change: 'added', path: 'ruleSets[customer_checks]', before: null, after: RULES }]);
    dataOf(await publishReviewed(lattice.admin, { ...source, ruleSets: [RULES] }));
    const reworded = structuredClone(RULES);
    reworded.rules[0]!.event.params.message = 'Enterprises need an industry';
    const changed = await plan({ ...source, ruleSets: [reworded] });
    expect(changed.ruleSetChanges).toEqual([{ change: 'changed', path: 'ruleSets[customer_checks].rules[enterprise_industry].event.params.message', before: 'An enterprise needs an industry', after: 'Enterprises need an industry' }]);
  });

  it('lists to each admin only the records at risk they may read; the count and the hash are the same for all', async () => {
    const withMemo = structuredClone(lattice.metadata.liveSource()) as MetadataSet;
    withMemo.entities.find((e) => e.key === 'customer')!.fields.push({ key: 'memo', name: 'memo', type: 'text', maxLength: 40 } as never);
    dataOf(await publishReviewed(lattice.admin, withMemo));
    const sichuan = (await lattice.access().create('Customer', customerInput('蜀客户', { memo: 'sc memo' }))).id;
    const fujian = (await lattice.access().create('Customer', customerInput('闽客户', { memo: 'fj memo' }))).id;
    const unit = async (key: string) => (await lattice.sql(`select id from lattice_org_unit where key = $1`, [key]))[0].id;
    await lattice.sql(`update customer set org_unit_id = $1 where id = $2`, [await unit('sc_cd_wh_h1'), sichuan]);
    await lattice.sql(`update customer set org_unit_id = $1 where id = $2`, [await unit('fj_fz_gl_h1'), fujian]);
    const without = structuredClone(withMemo);
    const customer = without.entities.find((e) => e.key === 'customer')!;
    customer.fields = customer.fields.filter((f) => f.key !== 'memo');

    const QUERY = `query($s: JSON) { plan(source: $s) { hash risks { id rows records { id title values } } } }`;
    const hq = dataOf(await lattice.admin(QUERY, { s: without })).plan;
    const sc = dataOf(await (await signedInAs(lattice, 'sc.admin')).admin(QUERY, { s: without })).plan;
    const byId = (plan: { risks: { id: string }[] }) => plan.risks.find((r) => r.id === 'drop-column:customer.memo') as unknown as { rows: number; records: { id: string; title: string; values: Record<string, string> }[] };
    expect(byId(hq).rows).toBe(2);
    expect(byId(hq).records.map((r) => r.values['memo']).sort()).toEqual(['fj memo', 'sc memo']);
    expect(byId(sc)).toEqual({ id: 'drop-column:customer.memo', rows: 2, records: [{ id: sichuan, title: '蜀客户', values: { memo: 'sc memo' } }] });
    expect(sc.hash).toBe(hq.hash);
  });

  it('lists where a removed field is used (a role grant, a sharing rule) and needs each broken one confirmed', async () => {
    const source = structuredClone(lattice.metadata.liveSource()) as MetadataSet;
    const customer = source.entities.find((e) => e.key === 'customer')!;
    customer.fields = customer.fields.filter((f) => f.key !== 'customer_class');
    customer.indexes = (customer.indexes ?? []).filter((i) => !i.fields.includes('customer_class'));
    source.ruleSets = [{ ...RULES, rules: RULES.rules.filter((r) => r.key !== 'public_credit') }];
    // The customer form and a shared view name the field too: a form or view naming a field that is gone does not compile.
    source.forms = (source.forms as { key: string }[]).filter((f) => f.key !== 'customer_main');
    source.layers = (source.layers as { forms?: unknown }[]).map(({ forms: _forms, ...layer }) => layer) as MetadataSet['layers'];
    source.views = (source.views as { key: string }[]).filter((v) => v.key !== 'my_hall_enterprises');
    // So does the complaint process's escalation rule for group customers' faults: the admin drops that branch with the field.
    const complaints = (source as { workflows: { key: string; states: { timeLimit?: { escalate?: { to: unknown }[] } }[]; conditions?: Record<string, unknown> }[] }).workflows.find((w) => w.key === 'complaint_handling')!;
    delete complaints.conditions?.['group_customer_fault'];
    for (const state of complaints.states)
      for (const step of state.timeLimit?.escalate ?? []) {
        const choice = step.to as { choose?: { when: { condition?: string } }[] };
        if (choice.choose) choice.choose = choice.choose.filter((b) => b.when.condition !== 'group_customer_fault');
      }
    const planned = await plan(source);
    expect(planned.whereUsed).toEqual(
      expect.arrayContaining([
        { entity: 'customer', field: 'customer_class', change: 'removed', usedBy: 'role', owner: 'marketing', path: 'entities.customer.fields.customer_class', breaks: true },
        { entity: 'customer', field: 'customer_class', change: 'removed', usedBy: 'sharing-rule', owner: 'group_customer_serving_units', path: 'criteria.customerClass', breaks: true },
        // the rule set named it in the live version; the draft removes that rule, so nothing breaks
        { entity: 'customer', field: 'customer_class', change: 'removed', usedBy: 'rule-set', owner: 'customer_checks', path: 'customer_checks.rules[public_credit].conditions.all[0]', breaks: false },
      ]),
    );
    expect(planned.confirmationsRequired).toEqual(expect.arrayContaining(['breaks-reference:role:marketing:customer.customer_class', 'breaks-reference:sharing-rule:group_customer_serving_units:customer.customer_class']));
    const refused = errorOf(await publishReviewed(lattice.admin, source));
    expect(refused.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.extensions?.['confirmationsRequired']).toEqual(expect.arrayContaining(['breaks-reference:sharing-rule:group_customer_serving_units:customer.customer_class']));
  });

  it('names the forms, views and facts that use a renamed field, and what the draft rewrites in each', async () => {
    const live = lattice.metadata.liveSource();
    const renamed = JSON.parse(JSON.stringify(live).replaceAll('"customerClass"', '"clientClass"').replaceAll('$.customerClass', '$.clientClass')) as MetadataSet;
    const planned = await plan(renamed);
    const documentUses = planned.whereUsed.filter((u: { usedBy: string }) => ['form', 'view', 'fact'].includes(u.usedBy));
    expect(documentUses).toEqual(
      expect.arrayContaining([
        { entity: 'customer', field: 'customer_class', change: 'renamed', usedBy: 'form', owner: 'customer_main', path: expect.stringMatching(/^customer_main\.tabs\[profile\]\.sections\[identity\]\.fields\[\d+\]$/), breaks: false },
        { entity: 'customer', field: 'customer_class', change: 'renamed', usedBy: 'view', owner: 'my_hall_enterprises', path: 'my_hall_enterprises.columns[2]', breaks: false },
      ]),
    );
    expect(documentUses.every((u: { breaks: boolean }) => !u.breaks)).toBe(true);
    const messages = dataOf(await lattice.admin(`query($s: JSON) { plan(source: $s) { whereUsed { usedBy message } } }`, { s: renamed })).plan.whereUsed;
    expect(messages).toEqual(expect.arrayContaining([{ usedBy: 'view', message: 'View "my_hall_enterprises" named customer.customer_class ("customerClass") at my_hall_enterprises.columns[2]; the draft names it "clientClass" there' }]));
    expect(planned.confirmationsRequired.filter((id: string) => /:(form|view|fact):/.test(id))).toEqual([]);

    // A fact set computing from a date field that the draft renames: listed with what the draft does with it.
    const tenure = JSON.parse(JSON.stringify(live).replaceAll('"registeredOn"', '"joinedOn"')) as MetadataSet;
    const facts = (await plan(tenure)).whereUsed.filter((u: { usedBy: string }) => u.usedBy === 'fact');
    expect(facts).toEqual([{ entity: 'customer', field: 'registered_on', change: 'renamed', usedBy: 'fact', owner: 'customer_facts', path: 'customer_facts.facts[0]', breaks: false }]);

    // A view still naming the old name does not get as far as a plan: it is refused with its path.
    const stale = structuredClone(renamed);
    (stale.views as { key: string; columns: string[] }[]).find((v) => v.key === 'my_hall_enterprises')!.columns[2] = 'customerClass';
    const refused = errorOf(await lattice.admin(PLAN, { source: stale }));
    expect(refused.extensions?.code).toBe('VALIDATION');
    expect(refused.extensions?.problems?.map((p) => p.path)).toEqual([expect.stringMatching(/^views\[my_hall_enterprises\]/)]);
  });
});
