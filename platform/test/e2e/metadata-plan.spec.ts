import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { crmFixture, type CrmFixture } from '../support/crm-fixture.js';
import { createCustomers, errorOf, PLAN, PUBLISH, publishReviewed } from '../support/crm-seed.js';
import { indexesOf, ormDrift, recordColumns } from '../support/schema-snapshot.js';

type Field = Record<string, unknown> & { key: string };

/** The CRM fixture with three text fields to convert later; `edit` changes the customer's fields. */
function source(edit: (fields: Field[]) => void = () => {}): CrmFixture {
  const s = crmFixture();
  const fields = s.entities[0]!.fields as unknown as Field[];
  fields.push({ key: 'ext', name: 'extension', type: 'text', maxLength: 20 }, { key: 'legacy', name: 'legacyCode', type: 'text', maxLength: 20 }, { key: 'opened', name: 'openedOn', type: 'text', maxLength: 20 });
  edit(fields);
  return s;
}
const field = (fields: Field[], key: string) => fields.find((f) => f.key === key)!;

describe('admin API: metadata checks, plans, risks and publish', () => {
  let lattice: TestPlatform;
  /** Edits applied by every publish so far, so each test starts from the live metadata. */
  const live: ((fields: Field[]) => void)[] = [];
  const next = (edit: (fields: Field[]) => void) => source((fields) => [...live, edit].forEach((e) => e(fields)));
  const plan = async (s: unknown) => dataOf(await lattice.admin(PLAN, { source: s })).plan;
  const versions = async () => dataOf(await lattice.admin(`{ versions { version } }`)).versions.map((v: { version: number }) => v.version);
  const metadataVersion = async () => dataOf(await lattice.records(`{ metadataVersion }`)).metadataVersion;
  const publish = async (edit: (fields: Field[]) => void, confirm: string[] = []) => {
    const result = await publishReviewed(lattice.admin, next(edit), { confirm });
    if (!result.errors) live.push(edit);
    return result;
  };
  const customers = async (fields: string) => dataOf(await lattice.records(`{ customers(orderBy: [{ field: customerCode }]) { nodes { ${fields} } } }`)).customers.nodes;

  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('refuses bad metadata with the document path and a hint, and publishes nothing', async () => {
    const cases: [string, (s: CrmFixture) => void, string, string][] = [
      ['unknown type', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'x', type: 'colour' } as never), 'field.unknown-type', 'entities[customer].fields[x].type'],
      ['dangling reference', (s) => s.entities[2]!.fields.push({ key: 'x', name: 'x', type: 'reference', target: 'nope' } as never), 'relation.dangling', 'entities[subscription].fields[x].target'],
      ['duplicate name', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'phone', type: 'text' } as never), 'field.duplicate-name', 'entities[customer].fields[x].name'],
      ['reserved word', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'select', type: 'text' } as never), 'field.reserved-name', 'entities[customer].fields[x].name'],
      ['required cycle', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'mainLine', type: 'reference', target: 'subscription', required: true } as never), 'relation.required-cycle', 'entities[subscription].fields[sub_customer]'],
      ['formula type', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'x', type: 'formula', expression: 'name * 2' } as never), 'formula.type-mismatch', 'entities[customer].fields[x].expression'],
      ['autonumber pattern', (s) => s.entities[0]!.fields.push({ key: 'x', name: 'x', type: 'autonumber', pattern: 'A-{seq:0}' } as never), 'autonumber.seq-width', 'entities[customer].fields[x].pattern'],
    ];
    for (const [label, mutate, code, path] of cases) {
      const s = crmFixture();
      mutate(s);
      for (const result of [await lattice.admin(PLAN, { source: s }), await lattice.admin(PUBLISH, { source: s, planHash: 'unreviewed', baseVersion: 0 })]) {
        const error = errorOf(result);
        expect(error.extensions?.code, label).toBe('VALIDATION');
        expect(error.extensions?.problems?.[0], label).toMatchObject({ code, path });
        // the formula checker gives no hint for a type mismatch (reported); every other problem has one
        if (code !== 'formula.type-mismatch') expect(error.extensions?.problems?.[0]?.hint, label).toMatch(/\w/);
      }
    }
    expect(await versions()).toEqual([]);
    expect(await metadataVersion()).toBe(0);
    expect(await recordColumns(lattice)).toEqual([]);
  });

  it('saves a draft with its problems, refuses to publish it, then publishes a corrected draft by plan hash', async () => {
    const bad = source((f) => f.push({ key: 'x', name: 'x', type: 'colour' }));
    const saved = dataOf(await lattice.admin(`mutation($s: JSON!) { saveDraft(source: $s) { baseVersion problems { code path } source } }`, { s: bad })).saveDraft;
    expect(saved.problems).toEqual([{ code: 'field.unknown-type', path: 'entities[customer].fields[x].type' }]);
    expect(saved.source).toEqual(bad);
    const draft = dataOf(await lattice.admin(`{ draft { problems { path } source } }`)).draft;
    expect(draft).toEqual({ problems: [{ path: 'entities[customer].fields[x].type' }], source: bad });
    expect(errorOf(await lattice.admin(`mutation { publish { version } }`)).extensions?.code).toBe('VALIDATION');
    expect(await versions()).toEqual([]);

    expect(dataOf(await lattice.admin(`mutation($s: JSON!) { saveDraft(source: $s) { problems { path } } }`, { s: source() })).saveDraft.problems).toEqual([]);
    const { hash } = dataOf(await lattice.admin(`{ plan { hash } }`)).plan;
    expect(dataOf(await lattice.admin(`mutation($h: String) { publish(planHash: $h, baseVersion: 0) { version } }`, { h: hash })).publish.version).toBe(1);
    live.push(() => {});
    expect(await versions()).toEqual([1]);
    expect(await metadataVersion()).toBe(1);
    const columns = await recordColumns(lattice);
    expect(columns).toEqual(expect.arrayContaining(['customer.extension character varying(20) null', 'customer.name character varying(50) not null', 'customer.id uuid not null', 'subscription.customer_id uuid not null', 'subscription__add_ons.product_id uuid not null']));
    expect((await indexesOf(lattice, 'customer')).filter((d) => d.startsWith('CREATE UNIQUE'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/\(id_type, id_number\)$/), expect.stringMatching(/\(customer_code\)$/), expect.stringMatching(/\(id\)$/)]),
    );
    expect(await ormDrift(lattice)).toEqual([]);
    await createCustomers(lattice, [
      { name: 'abcdefghij', notes: 'n1', extension: '12', legacyCode: '99999999999', openedOn: '2020-02-30', email: 'a@x.cn' },
      { name: 'xy', notes: 'n2', extension: 'abc', legacyCode: '5', openedOn: '2020-02-28', email: 'a@x.cn' },
      { name: '张三丰', email: 'b@x.cn' },
    ]);
  });

  it('refuses a plan whose data changed since it was reviewed (PLAN_STALE), then asks to confirm a lossy shortening', async () => {
    const shorten = (f: Field[]) => void (field(f, 'cust_name').maxLength = 5);
    const reviewed = await plan(next(shorten));
    expect(reviewed.risks).toMatchObject([{ id: 'lossy-conversion:customer.cust_name', kind: 'lossy-conversion', rows: 1, blocking: false }]);
    await createCustomers(lattice, [{ name: 'longername' }]);
    const stale = errorOf(await lattice.admin(PUBLISH, { source: next(shorten), planHash: reviewed.hash, baseVersion: 1, confirm: ['lossy-conversion:customer.cust_name'] }));
    expect(stale.extensions?.code).toBe('PLAN_STALE');
    expect(await versions()).toEqual([1]);

    const current = await plan(next(shorten));
    expect(current.confirmationsRequired).toEqual(['lossy-conversion:customer.cust_name']);
    expect(current.risks[0].rows).toBe(2);
    const unconfirmed = errorOf(await publish(shorten));
    expect(unconfirmed.extensions?.code).toBe('CONFIRMATION_REQUIRED');
    expect(unconfirmed.extensions?.['confirmationsRequired']).toEqual(['lossy-conversion:customer.cust_name']);
    expect(await versions()).toEqual([1]);
    expect(dataOf(await publish(shorten, ['lossy-conversion:customer.cust_name'])).publish.version).toBe(2);
    expect((await customers('name')).map((c: { name: string }) => c.name)).toEqual(['abcde', 'xy', '张三丰', 'longe']);
    expect(await recordColumns(lattice)).toContain('customer.name character varying(5) not null');
    expect(await ormDrift(lattice)).toEqual([]);
  });

  it('renames a field by key: the column is renamed, never dropped, and keeps its data', async () => {
    const rename = (f: Field[]) => void (field(f, 'notes').name = 'remarks');
    const planned = await plan(next(rename));
    expect(planned.ddl).toEqual(['alter table "customer" rename column "notes" to "remarks";']);
    expect(planned.risks).toEqual([]);
    expect(dataOf(await publish(rename)).publish.version).toBe(3);
    expect((await customers('remarks')).map((c: { remarks: string | null }) => c.remarks)).toEqual(['n1', 'n2', null, null]);
    const columns = await recordColumns(lattice);
    expect(columns).toContain('customer.remarks text null');
    expect(columns.filter((c) => c.startsWith('customer.notes '))).toEqual([]);
    expect(await ormDrift(lattice)).toEqual([]);
  });

  it('blocks a text → integer change while a value cannot convert, and converts once it can', async () => {
    const toInteger = (f: Field[]) => Object.assign(field(f, 'ext'), { type: 'integer', maxLength: undefined });
    const blocked = await plan(next(toInteger));
    expect(blocked.blocked).toBe(true);
    expect(blocked.risks).toMatchObject([{ id: 'failed-conversion:customer.ext', kind: 'failed-conversion', field: 'ext', rows: 1, blocking: true }]);
    const refused = errorOf(await publish(toInteger));
    expect(refused.extensions?.code).toBe('VALIDATION');
    expect(refused.extensions?.problems).toMatchObject([{ code: 'plan.blocked', path: 'failed-conversion:customer.ext' }]);
    expect(await versions()).toEqual([3, 2, 1]);

    const [, second] = await customers('id version');
    dataOf(await lattice.records(`mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { extension: "7" }) { id } }`, { id: second.id, v: second.version }));
    await lattice.sql(`update customer set extension = '-3' where name = '张三丰'`);
    expect((await plan(next(toInteger))).blocked).toBe(false);
    expect(dataOf(await publish(toInteger)).publish.version).toBe(4);
    expect((await customers('extension')).map((c: { extension: number | null }) => c.extension)).toEqual([12, 7, -3, null]);
    expect(await recordColumns(lattice)).toContain('customer.extension integer null');
    expect(await ormDrift(lattice)).toEqual([]);
  });

  it('blocks making a field required over empty rows without a default, and fills them with one', async () => {
    const required = (f: Field[]) => void (field(f, 'id_type').required = true);
    const blocked = await plan(next(required));
    expect(blocked.risks).toMatchObject([{ id: 'missing-values:customer.id_type', kind: 'missing-values', rows: 4, blocking: true }]);
    expect(errorOf(await publish(required)).extensions?.code).toBe('VALIDATION');
    const withDefault = (f: Field[]) => Object.assign(field(f, 'id_type'), { required: true, default: 'passport' });
    const planned = await plan(next(withDefault));
    expect(planned.blocked).toBe(false);
    expect(planned.ddl[0]).toBe(`update "customer" set "id_type" = 'passport' where "id_type" is null;`);
    expect(dataOf(await publish(withDefault)).publish.version).toBe(5);
    expect(await lattice.sql(`select count(*)::int as n from customer where id_type = 'passport'`)).toEqual([{ n: 4 }]);
    expect(await recordColumns(lattice)).toContain('customer.id_type character varying(64) not null');
    expect(await ormDrift(lattice)).toEqual([]);
  });

  it('blocks a unique constraint over duplicate values', async () => {
    const unique = (f: Field[]) => void (field(f, 'email').unique = true);
    const blocked = await plan(next(unique));
    expect(blocked.risks).toMatchObject([{ id: 'duplicate-values:customer.email', kind: 'duplicate-values', rows: 1, blocking: true }]);
    const refused = errorOf(await publish(unique));
    expect(refused.extensions?.problems).toMatchObject([{ code: 'plan.blocked', path: 'duplicate-values:customer.email' }]);
    expect((await indexesOf(lattice, 'customer')).some((d) => /\(email\)/.test(d))).toBe(false);
    expect(await versions()).toEqual([5, 4, 3, 2, 1]);
  });

  it('plans text → integer and text → date as blocked when a value is out of range or no calendar date', async () => {
    const toInteger = await plan(next((f) => Object.assign(field(f, 'legacy'), { type: 'integer', maxLength: undefined })));
    expect(toInteger.risks).toMatchObject([{ id: 'failed-conversion:customer.legacy', rows: 1, blocking: true }]);
    const toDate = await plan(next((f) => Object.assign(field(f, 'opened'), { type: 'date', maxLength: undefined })));
    expect(toDate.risks).toMatchObject([{ id: 'failed-conversion:customer.opened', rows: 1, blocking: true }]);
  });

  it('leaves the previous version live and the database unchanged when the DDL fails half-way', async () => {
    await lattice.sql(`update customer set legacy_code = '42' where legacy_code = '99999999999'`);
    // a view on the column makes "alter column type" fail after "add column" has run (the plan cannot see views)
    await lattice.sql(`create view legacy_report as select legacy_code from customer`);
    const change = (f: Field[]) => {
      f.push({ key: 'nick', name: 'nickname', type: 'text', maxLength: 30 });
      Object.assign(field(f, 'legacy'), { type: 'integer', maxLength: undefined });
    };
    const planned = await plan(next(change));
    expect(planned.blocked).toBe(false);
    expect(planned.ddl).toEqual(['alter table "customer" add "nickname" varchar(30) null;', 'alter table "customer" alter column "legacy_code" type int using ("legacy_code"::int);']);
    const before = await recordColumns(lattice);
    const failed = errorOf(await publish(change));
    expect(failed.extensions?.code).toBe('VALIDATION');
    expect(failed.message).toMatch(/^Publishing stopped at statement 2 and changed nothing: .*legacy_report/);
    expect(failed.extensions?.problems?.[0]).toMatchObject({ code: 'publish.statement-failed', path: 'ddl[1]' });
    expect(await metadataVersion()).toBe(5);
    expect(await versions()).toEqual([5, 4, 3, 2, 1]);
    expect(await recordColumns(lattice)).toEqual(before);
    expect(await lattice.sql(`select legacy_code from customer order by legacy_code`)).toEqual([{ legacy_code: '42' }, { legacy_code: '5' }, { legacy_code: null }, { legacy_code: null }]);
    expect(errorOf(await lattice.records(`{ customers { nodes { nickname } } }`)).extensions?.code).toBe('VALIDATION');

    await lattice.sql(`drop view legacy_report`);
    expect(dataOf(await publish(change)).publish.version).toBe(6);
    expect((await customers('legacyCode nickname')).map((c: { legacyCode: number | null }) => c.legacyCode)).toEqual([42, 5, null, null]);
    expect(await recordColumns(lattice)).toEqual(expect.arrayContaining(['customer.legacy_code integer null', 'customer.nickname character varying(30) null']));
    expect(await ormDrift(lattice)).toEqual([]);
    expect((await plan(next(() => {}))).ddl).toEqual([]);
  });
});
