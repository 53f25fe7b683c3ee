import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf, publishModel, publishReviewed, type AdminCall } from '../support/crm-seed.js';
import { crmFixture } from '../support/crm-fixture.js';
import { createOrm } from '../../src/database/platform-orm.js';
import { exampleWithOrg, signedInAs } from '../support/example-org.js';
import { createTestUser } from '../support/test-users.js';

type Doc = Record<string, unknown> & { key: string; label?: Record<string, string> };

const READ = `query($s: String!, $k: String) { draftDocument(section: $s, key: $k) { path state version baseVersion document updatedBy } }`;
const SAVE = `mutation($s: String!, $k: String, $d: JSON!, $v: Int!, $b: Int) { saveDocument(section: $s, key: $k, document: $d, version: $v, baseVersion: $b) { document { path state version baseVersion document } problems { code path } } }`;
const REMOVE = `mutation($s: String!, $k: String, $v: Int!) { removeDocument(section: $s, key: $k, version: $v) { document { state version } } }`;
const DISCARD = `mutation($s: String!, $k: String, $v: Int!) { discardDocument(section: $s, key: $k, version: $v) { document { state version document } } }`;
const DRAFT = `{ draft { baseVersion source documents { path state version updatedBy } } }`;
const FORM_PLAN = `{ plan { formChanges { change path } confirmationsRequired risks { id kind message } } }`;

const relabelled = (doc: Doc, en: string): Doc => ({ ...doc, label: { ...doc.label, en } });

describe('drafts per document with a version', () => {
  const platform = exampleWithOrg();
  let hq: { admin: AdminCall };
  let other: { admin: AdminCall };
  const read = async (admin: AdminCall, section: string, key?: string) => dataOf(await admin(READ, { s: section, k: key })).draftDocument;
  const save = (admin: AdminCall, section: string, document: Doc, version: number, baseVersion?: number) => admin(SAVE, { s: section, k: document.key, d: document, v: version, b: baseVersion });
  const liveVersion = () => platform().live.version;

  beforeAll(async () => {
    hq = await signedInAs(platform(), 'hq.admin');
    await createTestUser(platform(), 'admin.two', 'Second-admin-2026');
    await platform().sql(`update lattice_user set platform_admin = true where login = 'admin.two'`);
    other = platform().as((await platform().signIn('admin.two', 'Second-admin-2026')).accessToken);
  });

  it('keeps both of two admins’ edits of different forms saved at once, and publishes both', async () => {
    const [customer, order] = [await read(hq.admin, 'forms', 'customer_main'), await read(other.admin, 'forms', 'order_main')];
    expect(customer).toMatchObject({ path: 'forms[customer_main]', state: 'live', version: 0, baseVersion: liveVersion() });
    const [a, b] = await Promise.all([save(hq.admin, 'forms', relabelled(customer.document, 'Client'), customer.version), save(other.admin, 'forms', relabelled(order.document, 'Service order'), order.version)]);
    expect(dataOf(a).saveDocument.document).toMatchObject({ state: 'edited', version: 1 });
    expect(dataOf(b).saveDocument).toMatchObject({ document: { state: 'edited', version: 1 }, problems: [] });

    const draft = dataOf(await hq.admin(DRAFT)).draft;
    expect(draft.documents).toEqual([
      { path: 'forms[customer_main]', state: 'edited', version: 1, updatedBy: 'hq.admin' },
      { path: 'forms[order_main]', state: 'edited', version: 1, updatedBy: 'admin.two' },
    ]);
    const labels = Object.fromEntries((draft.source.forms as Doc[]).map((f) => [f.key, f.label?.en]));
    expect(labels).toMatchObject({ customer_main: 'Client', order_main: 'Service order' });
    // The rest of the draft is the live metadata as it is.
    expect(draft.source.entities).toEqual(platform().metadata.liveSource().entities);
    expect(dataOf(await hq.admin(FORM_PLAN)).plan.formChanges).toEqual([{ change: 'changed', path: 'forms[customer_main]' }, { change: 'changed', path: 'forms[order_main]' }]);

    const before = liveVersion();
    expect(dataOf(await publishReviewed(hq.admin)).publish.version).toBe(before + 1);
    const published = platform().metadata.liveSource().forms as Doc[];
    expect(published.find((f) => f.key === 'order_main')?.label?.en).toBe('Service order');
    // Published: the draft has nothing left, and each document's version moved on.
    expect(dataOf(await hq.admin(DRAFT)).draft).toMatchObject({ documents: [], baseVersion: before + 1 });
    expect(await read(hq.admin, 'forms', 'customer_main')).toMatchObject({ state: 'live', version: 2, document: { label: { en: 'Client' } } });
  });

  it('stores one of two saves of the same form from the same version; the other is CONFLICT naming who saved it and when, and stores nothing', async () => {
    const view = await read(hq.admin, 'views', 'lines_in_arrears');
    const first = dataOf(await save(hq.admin, 'views', relabelled(view.document, 'Suspended lines'), view.version)).saveDocument.document;
    const stale = errorOf(await save(other.admin, 'views', relabelled(view.document, 'Arrears'), view.version));
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', path: 'views[lines_in_arrears]', version: first.version, readVersion: view.version, changedBy: 'hq.admin' });
    expect(stale.message).toMatch(/views\[lines_in_arrears\] was saved in draft "main" by hq\.admin at \d{4}-\d\d-\d\dT.*since you read version 0; it is at version 1\. Nothing was saved/);
    expect(await read(other.admin, 'views', 'lines_in_arrears')).toMatchObject({ version: 1, document: { label: { en: 'Suspended lines' } } });
    // Read again, the other admin's edit goes on top.
    expect(dataOf(await save(other.admin, 'views', relabelled(view.document, 'Arrears'), 1)).saveDocument.document).toMatchObject({ version: 2, document: { label: { en: 'Arrears' } } });
  });

  it('stores exactly one of 20 saves of one document sent at once from one version', async () => {
    const view = await read(hq.admin, 'views', 'my_hall_enterprises');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => save(i % 2 ? hq.admin : other.admin, 'views', relabelled(view.document, `Enterprises ${i}`), view.version)));
    const stored = results.filter((r) => !r.errors);
    expect(stored).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19);
    const now = await read(hq.admin, 'views', 'my_hall_enterprises');
    expect(now.version).toBe(view.version + 1);
    expect(now.document.label.en).toBe(dataOf(stored[0]!).saveDocument.document.document.label.en);
  });

  it('removes a document in the draft and discards an edit, each from the version read', async () => {
    const view = await read(hq.admin, 'views', 'my_hall_enterprises');
    const removed = dataOf(await hq.admin(REMOVE, { s: 'views', k: 'my_hall_enterprises', v: view.version })).removeDocument.document;
    expect(removed).toEqual({ state: 'removed', version: view.version + 1 });
    expect((dataOf(await hq.admin(DRAFT)).draft.source.views as Doc[]).map((v) => v.key)).toEqual(['lines_in_arrears']);
    expect(dataOf(await hq.admin(FORM_PLAN)).plan.formChanges).toEqual(expect.arrayContaining([{ change: 'removed', path: 'views[my_hall_enterprises]' }]));
    expect(errorOf(await hq.admin(DISCARD, { s: 'views', k: 'my_hall_enterprises', v: view.version })).extensions?.code).toBe('CONFLICT');

    const discarded = dataOf(await hq.admin(DISCARD, { s: 'views', k: 'my_hall_enterprises', v: removed.version })).discardDocument.document;
    expect(discarded).toMatchObject({ state: 'live', version: removed.version + 1, document: { label: { en: "My hall's enterprise customers" } } });
    const arrears = await read(hq.admin, 'views', 'lines_in_arrears');
    dataOf(await hq.admin(DISCARD, { s: 'views', k: 'lines_in_arrears', v: arrears.version }));
    // A view only the draft has goes with its edit when it is removed: there is nothing live to delete.
    const added = dataOf(await save(hq.admin, 'views', { ...arrears.document, key: 'arrears_copy' }, 0)).saveDocument.document;
    expect(dataOf(await hq.admin(REMOVE, { s: 'views', k: 'arrears_copy', v: added.version })).removeDocument.document).toEqual({ state: 'live', version: 2 });
    expect(dataOf(await hq.admin(DRAFT)).draft.documents).toEqual([]);
    expect(errorOf(await hq.admin(REMOVE, { s: 'views', k: 'no_such_view', v: 0 })).extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a save from before the document was published, naming the publisher', async () => {
    const form = await read(hq.admin, 'forms', 'subscription_main');
    const saved = dataOf(await save(hq.admin, 'forms', relabelled(form.document, 'Line'), form.version)).saveDocument.document;
    expect(dataOf(await publishReviewed(hq.admin)).publish.unchanged).toBe(false);
    const stale = errorOf(await save(other.admin, 'forms', relabelled(form.document, 'Number'), saved.version));
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', changedBy: 'hq.admin', version: saved.version + 1 });
    expect(stale.message).toMatch(/was published or discarded/);
  });

  it('shows what a document edit read before another admin published would undo, as a reverts risk to confirm', async () => {
    const form = await read(hq.admin, 'forms', 'order_main');
    const readAt = form.baseVersion;
    // The other admin publishes a new label for the form directly; the draft's edit (another property) still has the old label.
    const published = structuredClone(platform().metadata.liveSource());
    (published.forms as Doc[]).find((f) => f.key === 'order_main')!.label!['en'] = 'Work order';
    expect(dataOf(await publishReviewed(other.admin, published)).publish.version).toBe(readAt + 1);
    dataOf(await save(hq.admin, 'forms', { ...form.document, label: { ...form.document.label, 'zh-CN': '工单' } }, form.version, readAt));
    const plan = dataOf(await hq.admin(FORM_PLAN)).plan;
    expect(plan.confirmationsRequired).toEqual(['reverts:forms[order_main].label.en']);
    expect(plan.risks[0].message).toMatch(/since version \d+, which this draft started from.*"Service order" → "Work order".*sets it back/);
    const discard = await read(hq.admin, 'forms', 'order_main');
    dataOf(await hq.admin(DISCARD, { s: 'forms', k: 'order_main', v: discard.version }));
  });

  it('saves a whole set as the documents it differs in, over whatever versions they had', async () => {
    const set = structuredClone(platform().metadata.liveSource());
    (set.views as Doc[]).find((v) => v.key === 'lines_in_arrears')!.label!['en'] = 'Arrears (whole set)';
    set.views = (set.views as Doc[]).filter((v) => v.key !== 'my_hall_enterprises');
    dataOf(await other.admin(`mutation($s: JSON!) { saveDraft(source: $s) { updatedAt } }`, { s: set }));
    expect(dataOf(await hq.admin(DRAFT)).draft.documents.map((d: { path: string; state: string }) => `${d.path} ${d.state}`)).toEqual(['views[lines_in_arrears] edited', 'views[my_hall_enterprises] removed']);
    // Saving the live set again discards both.
    dataOf(await other.admin(`mutation($s: JSON!) { saveDraft(source: $s) { updatedAt } }`, { s: platform().metadata.liveSource() }));
    expect(dataOf(await hq.admin(DRAFT)).draft.documents).toEqual([]);
    const bad = errorOf(await other.admin(`mutation($s: JSON!) { saveDraft(source: $s) { updatedAt } }`, { s: { ...set, views: [{ kind: 'view' }], widgets: [] } }));
    expect(bad.extensions?.problems?.map((p: { path: string }) => p.path)).toEqual(['views[0]', 'widgets']);
    expect(dataOf(await hq.admin(DRAFT)).draft.documents).toEqual([]);
  });

  it('refuses bad saves with the field and rule, storing nothing', async () => {
    const form = await read(hq.admin, 'forms', 'customer_main');
    const mismatch = errorOf(await hq.admin(SAVE, { s: 'forms', k: 'customer_main', d: { ...form.document, key: 'other' }, v: form.version }));
    expect(mismatch.extensions?.problems).toMatchObject([{ code: 'draft.key-mismatch', path: 'document.key' }]);
    expect(errorOf(await hq.admin(SAVE, { s: 'widgets', k: 'x', d: { key: 'x' }, v: 0 })).extensions?.problems).toMatchObject([{ code: 'draft.unknown-section', path: 'section' }]);
    expect(errorOf(await hq.admin(SAVE, { s: 'forms', d: { key: 'x' }, v: 0 })).extensions?.problems).toMatchObject([{ code: 'draft.key-required', path: 'key' }]);
    const longName = `mutation($d: JSON!) { saveDocument(section: "forms", key: "customer_main", document: $d, version: 0, draft: "${'x'.repeat(101)}") { problems { code } } }`;
    expect(errorOf(await hq.admin(longName, { d: form.document })).extensions?.problems).toMatchObject([{ code: 'draft.name', path: 'draft' }]);
    expect(await read(hq.admin, 'forms', 'customer_main')).toMatchObject({ version: form.version, state: 'live' });
  });

  it('lets a regional admin save only their subtree’s layers, through saveLayer alone', async () => {
    const cd = await signedInAs(platform(), 'cd.admin');
    const SAVE_LAYER = `mutation($l: JSON!, $v: Int) { saveLayer(layer: $l, version: $v) { documents { path version } } }`;
    const sichuan = await read(cd.admin, 'layers', 'sc');
    const notesLabel = (value: string) => [{ key: 'customer', fields: [{ key: 'notes', set: { 'label.zh-CN': { value, base: '备注' } } }] }];
    const aboveEdited = { ...sichuan.document, entities: notesLabel('越权') };
    const refused = errorOf(await cd.admin(SAVE_LAYER, { l: aboveEdited, v: sichuan.version }));
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN', problems: [{ code: 'layer.edit-forbidden' }] });
    const fujian = { kind: 'layer', key: 'fj', entities: notesLabel('越权') };
    expect(errorOf(await cd.admin(SAVE_LAYER, { l: fujian })).extensions?.code).toBe('FORBIDDEN');
    // The per-document save is the group's: a regional admin cannot go around saveLayer's checks.
    expect(errorOf(await save(cd.admin, 'layers', aboveEdited, sichuan.version)).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await cd.admin(REMOVE, { s: 'layers', k: 'sc', v: sichuan.version })).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await cd.admin(DISCARD, { s: 'layers', k: 'sc', v: sichuan.version })).extensions?.code).toBe('FORBIDDEN');
    // Nor may someone without metadata rights read a draft's documents.
    expect(errorOf(await (await signedInAs(platform(), 'wh.counter')).admin(READ, { s: 'layers', k: 'sc' })).extensions?.code).toBe('FORBIDDEN');
    expect(await read(hq.admin, 'layers', 'sc')).toMatchObject({ state: 'live', version: sichuan.version });
    expect(await read(hq.admin, 'layers', 'fj')).toMatchObject({ state: 'live', version: 0, document: null });

    const chengdu = await read(cd.admin, 'layers', 'sc_cd');
    const edited = { ...chengdu.document, entities: notesLabel('成都备注') };
    const saved = dataOf(await cd.admin(SAVE_LAYER, { l: edited, v: chengdu.version })).saveLayer.documents;
    expect(saved).toEqual([{ path: 'layers[sc_cd]', version: chengdu.version + 1 }]);
    expect(errorOf(await cd.admin(SAVE_LAYER, { l: edited, v: chengdu.version })).extensions?.code).toBe('CONFLICT');
  });
});

describe('drafts stored whole before drafts were per document', () => {
  let lattice: TestPlatform;
  const entity = (key: string, name: string) => ({ kind: 'entity', key, name, fields: [{ key: 'body', name: 'body', type: 'text', maxLength: 40 }] });
  beforeAll(async () => {
    lattice = await startTestPlatform();
    const live = crmFixture();
    live.entities.push(entity('memo_note', 'MemoNote') as never);
    await publishModel(lattice, live);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('carries a stored whole-set draft over as the documents it differs in, and the draft reads as it was', async () => {
    // The platform's tables as they were before the draft-documents migration (and any after it): the whole-set draft table, holding a draft made on version 1.
    const orm = await createOrm(lattice.database);
    while ((await orm.migrator.getExecuted()).some((m) => m.name === 'Migration20261204DraftDocuments')) await orm.migrator.down();
    const draft = structuredClone(lattice.metadata.liveSource()) as { entities: { key: string; label?: unknown }[] };
    draft.entities = [...draft.entities.filter((e) => e.key !== 'memo_note'), entity('visit', 'Visit')];
    draft.entities[0]!.label = { en: 'Client' };
    await lattice.sql(`insert into lattice_draft (name, source, base_version, updated_at, updated_by) values ('main', $1, 1, now(), 'admin.before')`, [JSON.stringify(draft)]);
    await orm.migrator.up();

    const migrated = dataOf(await lattice.admin(`{ draft { baseVersion source documents { path state version updatedBy } } }`)).draft;
    expect(migrated.documents).toEqual([
      { path: 'entities[customer]', state: 'edited', version: 1, updatedBy: 'admin.before' },
      { path: 'entities[memo_note]', state: 'removed', version: 1, updatedBy: 'admin.before' },
      { path: 'entities[visit]', state: 'edited', version: 1, updatedBy: 'admin.before' },
    ]);
    expect(migrated.source).toEqual(draft);
    expect(migrated.baseVersion).toBe(1);
    expect(await lattice.sql(`select table_name from information_schema.tables where table_name = 'lattice_draft'`)).toEqual([]);
  });
});
