import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { LatticeError } from '../../src/errors/lattice-error.js';
import { fire, type RecordCall } from '../support/workflow-calls.js';
import { createGroupCustomer, createGroupTariff, decide, tariffStatus } from '../support/approval-calls.js';

const QUOTE = `query($g: String, $l: JSON!, $d: String) { priceQuote(customer: { customerType: "enterprise" }, lines: $l, date: $d, groupCustomer: $g) }`;

describe('a group tariff is approved by the city and the province, and only then priced in a quote', () => {
  let lattice: TestPlatform;
  const as: Record<string, RecordCall> = {};

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    for (const login of ['cd.manager', 'cd.approver', 'sc.approver', 'sc.approver2', 'wh.counter']) as[login] = (await signedInAs(lattice, login)).records;
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const monthlyFee = async (call: RecordCall, group: string) => {
    const quote = dataOf(await call(QUOTE, { g: group, l: [{ offering: 'm_5g_129', quantity: 300 }], d: '2026-12-01' })).priceQuote;
    return { price: quote.lines[0].components[0].price as string, source: quote.lines[0].components[0].priceSource as string, tariffs: quote.groupTariffs };
  };
  const version = async (id: string) => Number((await lattice.sql(`select version from group_tariff where id = $1`, [id]))[0].version);

  it('prices a member line at the list price while the tariff is a draft or under approval, at the group price once approved', async () => {
    const manager = as['cd.manager']!;
    const group = await createGroupCustomer(manager, '成都高新区管委会');
    const tariff = await createGroupTariff(manager, group, { price: '99.00', validFrom: '2026-01-01', validTo: '2028-12-31' });
    const number = (await lattice.sql(`select tariff_number from group_tariff where id = $1`, [tariff.id]))[0].tariff_number;
    expect(await monthlyFee(manager, group)).toEqual({ price: '129.00', source: 'list', tariffs: [] });

    dataOf(await fire(manager, 'GroupTariff', tariff.id, tariff.version, 'submit'));
    const { approval } = await tariffStatus(manager, tariff.id);
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
    dataOf(await decide(as['cd.approver']!, approval.id, 'approve', '地市同意'));
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
    dataOf(await decide(as['sc.approver']!, approval.id, 'approve'));
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
    const done = dataOf(await decide(as['sc.approver2']!, approval.id, 'approve', '省公司同意')).decideApproval;
    expect(done.state).toBe('approved');

    expect(await monthlyFee(manager, group)).toEqual({ price: '99.00', source: `group ${number}`, tariffs: [{ line: 0, tariff: number, status: 'approved', applied: true }] });
    // Another group's quote does not get it; a day outside its validity neither.
    const other = await createGroupCustomer(manager, '成都天府新区集团');
    expect((await monthlyFee(manager, other)).price).toBe('129.00');
    const late = dataOf(await manager(QUOTE, { g: group, l: [{ offering: 'm_5g_129' }], d: '2029-01-01' })).priceQuote;
    expect(late.lines[0].components[0].price).toBe('129.00');

    // Sent back to the draft (to change it), it prices nothing until approved again.
    dataOf(await fire(manager, 'GroupTariff', tariff.id, await version(tariff.id), 'revise'));
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
  });

  it('keeps unapproved and rejected tariffs out of quotes, and the group\'s prices from those who may not read the group', async () => {
    const manager = as['cd.manager']!;
    const group = await createGroupCustomer(manager, '成都地铁集团');
    const rejected = await createGroupTariff(manager, group, { price: '69.00' });
    dataOf(await fire(manager, 'GroupTariff', rejected.id, rejected.version, 'submit'));
    const { approval } = await tariffStatus(manager, rejected.id);
    dataOf(await decide(as['cd.approver']!, approval.id, 'reject', '超出授权，请调整', 'withdrawn'));
    await createGroupTariff(manager, group, { price: '59.00' });
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
    // A hall's counter may not read this group customer: no quote with its prices, as if it did not exist.
    expect(errorOf(await as['wh.counter']!(QUOTE, { g: group, l: [{ offering: 'm_5g_129' }], d: '2026-12-01' })).extensions?.code).toBe('NOT_FOUND');
    // Nor can the manager approve it by writing the state: only the workflow moves it.
    const draft = await createGroupTariff(manager, group, { price: '49.00' });
    const byHand = errorOf(await manager(`mutation($id: ID!) { updateGroupTariff(id: $id, version: 1, input: { approvalStatus: "approved" }) { id } }`, { id: draft.id }));
    expect(byHand.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'workflow.state-by-transition', path: 'approvalStatus' }] });
    expect((await monthlyFee(manager, group)).price).toBe('129.00');
  });

  it('refuses at plan time group tariffs written into the catalog, and approval steps that do not hold together', async () => {
    const source = lattice.metadata.liveSource() as Record<string, unknown> & { tariffs: Record<string, unknown>; workflows: { key: string; states: Record<string, unknown>[]; transitions: Record<string, unknown>[] }[] };
    const asDocuments = { ...source, tariffs: { ...source.tariffs, groupTariffs: [{ kind: 'groupTariff', key: 'g', groupCustomer: 'x', offering: 'm_5g_129', prices: { monthly_fee: '1.00' }, status: 'approved' }] } };
    const documents = await lattice.metadata.planAndPublish(asDocuments, { actor: SYSTEM_ACTOR }).catch((e: unknown) => e);
    expect(documents).toBeInstanceOf(LatticeError);
    expect((documents as LatticeError).details.problems).toMatchObject([{ code: 'tariff.group-tariffs-are-records', path: 'tariffs.groupTariffs' }]);

    const workflow = source.workflows.find((w) => w.key === 'group_tariff_approval')!;
    const broken = {
      ...workflow,
      states: workflow.states.map((s) =>
        s['key'] === 'under_approval'
          ? { ...s, approval: { levels: [{ key: 'city', approvers: { role: 'tariff_czar', unitLevel: 'city' } }, { key: 'region', approvers: { role: 'tariff_approver', unitLevel: 'region' } }], approved: 'approved', rejectTo: ['drafts'] } }
          : s,
      ),
      transitions: [...workflow.transitions, { key: 'skip', from: 'under_approval', to: 'approved' }],
    };
    const plan = await lattice.metadata.planAndPublish({ ...source, workflows: source.workflows.map((w) => (w.key === workflow.key ? broken : w)) }, { actor: SYSTEM_ACTOR }).catch((e: unknown) => e);
    expect(plan).toBeInstanceOf(LatticeError);
    const problems = ((plan as LatticeError).details.problems ?? []).map((p) => [p.code, p.path]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['workflow.unknown-state', expect.stringContaining('states[under_approval].approval.rejectTo[0]')],
        ['approval.has-transitions', expect.stringContaining('transitions[skip].from')],
      ]),
    );
    // Roles and unit kinds are the organisation's: the plan checks them once the document holds together.
    const unknowns = { ...broken, transitions: workflow.transitions, states: broken.states.map((s) => (s['key'] === 'under_approval' ? { ...s, approval: { ...(s['approval'] as object), rejectTo: ['draft'] } } : s)) };
    const orgPlan = await lattice.metadata.planAndPublish({ ...source, workflows: source.workflows.map((w) => (w.key === workflow.key ? unknowns : w)) }, { actor: SYSTEM_ACTOR }).catch((e: unknown) => e);
    expect(((orgPlan as LatticeError).details.problems ?? []).map((p) => [p.code, p.path])).toEqual([
      ['workflow.unknown-role', 'workflows[group_tariff_approval].states[under_approval].approval.levels[city].approvers.role'],
      ['approval.unknown-unit-level', 'workflows[group_tariff_approval].states[under_approval].approval.levels[region].approvers.unitLevel'],
    ]);
    // Nothing was published: the live version still approves at the city and the province.
    const live = (lattice.metadata.liveSource() as typeof source).workflows.find((w) => w.key === 'group_tariff_approval')!;
    expect(live.states.find((s) => s['key'] === 'under_approval')?.['approval']).toMatchObject({ rejectTo: ['draft', 'withdrawn'] });
  });
});
