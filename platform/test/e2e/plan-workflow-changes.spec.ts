import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishExampleWithOrg, signedInAs, TELECOM_EXAMPLE } from '../support/example-org.js';
import { createComplaint, statusOf } from '../support/workflow-calls.js';
import { openExample } from '../../src/seed/example-package.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

type Workflows = { workflows: { key: string; states: Record<string, unknown>[]; transitions: Record<string, unknown>[] }[] };
const PLAN = `query($s: JSON) { plan(source: $s) { hash workflowChanges } }`;

/** The example with a triage step between new and acknowledged in complaint handling. */
async function withTriage(): Promise<Workflows> {
  const set = (await openExample(TELECOM_EXAMPLE).metadata()) as Workflows;
  const complaints = set.workflows.find((w) => w.key === 'complaint_handling')!;
  complaints.states.push({ key: 'triaged', label: { en: 'Triaged', 'zh-CN': '已分派' } });
  complaints.transitions = complaints.transitions.map((t) => (t['key'] === 'acknowledge' ? { ...t, to: 'triaged' } : t));
  complaints.transitions.push({ key: 'triage_done', from: 'triaged', to: 'acknowledged' });
  return set;
}

describe('the admin plan names the workflows it changes: records in flight keep their version', () => {
  let lattice: TestPlatform;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('lists the states and transitions a draft adds and changes, and nothing for an unchanged set; the plan hash is the same either way', async () => {
    const hq = await signedInAs(lattice, 'hq.admin');
    const changed = dataOf(await hq.admin(PLAN, { s: await withTriage() })).plan;
    expect(changed.workflowChanges).toEqual([
      { workflow: 'complaint_handling', entity: 'complaint', change: 'changed', states: { added: ['triaged'], removed: [], changed: [] }, transitions: { added: ['triage_done'], removed: [], changed: ['acknowledge'] }, inFlight: 'keep-version' },
    ]);
    expect(dataOf(await hq.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: await withTriage() })).plan.hash).toBe(changed.hash);
    const same = dataOf(await hq.admin(PLAN, { s: await openExample(TELECOM_EXAMPLE).metadata() })).plan;
    expect(same.workflowChanges).toEqual([]);
  });

  it('after publishing, a rollback plan names what it takes back; a complaint opened before keeps its version either way', async () => {
    const counter = (await signedInAs(lattice, 'wh.counter')).records;
    const open = await createComplaint(counter);
    const before = await statusOf(counter, 'Complaint', open.id);
    const published = await lattice.metadata.planAndPublish(await withTriage(), { actor: SYSTEM_ACTOR });
    const hq = await signedInAs(lattice, 'hq.admin');
    const rollback = dataOf(await hq.admin(`query($v: Int!) { planRollback(toVersion: $v) { workflowChanges } }`, { v: published.version - 1 })).planRollback;
    expect(rollback.workflowChanges).toEqual([
      { workflow: 'complaint_handling', entity: 'complaint', change: 'changed', states: { added: [], removed: ['triaged'], changed: [] }, transitions: { added: [], removed: ['triage_done'], changed: ['acknowledge'] }, inFlight: 'keep-version' },
    ]);
    expect((await statusOf(counter, 'Complaint', open.id)).definitionVersion).toBe(before.definitionVersion);
  });
});
