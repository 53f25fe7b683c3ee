import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf } from '../support/crm-seed.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import type { RecordCall } from '../support/workflow-calls.js';
import { createGroupCustomer, submittedTariff } from '../support/approval-calls.js';

const MINE = `{ myNotifications { id recordId message read } }`;
const MARK = `mutation($id: ID!) { markNotificationRead(id: $id) { id recordId read } }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;

describe('notifications are marked read by their own user only', () => {
  let lattice: TestPlatform;
  const as: Record<string, RecordCall> = {};
  let group: string;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    for (const login of ['cd.manager', 'cd.approver', 'cd.approver2', 'wh.counter']) as[login] = (await signedInAs(lattice, login)).records;
    group = await createGroupCustomer(as['cd.manager']!, '成都通信产业集团');
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const mine = async (login: string) => dataOf(await as[login]!(MINE)).myNotifications as { id: string; recordId: string; read: boolean }[];
  const readAt = async (id: string) => (await lattice.sql(`select read_at from lattice_notification where id = $1`, [id]))[0].read_at as Date | null;

  it('marks one read for its user; another user\'s id, an unknown id and a malformed one are all NOT_FOUND, alike, and change nothing', async () => {
    const { id: tariff } = await submittedTariff(as['cd.manager']!, group);
    // Both city approvers are told of the approval waiting for them.
    const [ours] = (await mine('cd.approver')).filter((n) => n.recordId === tariff);
    const [theirs] = (await mine('cd.approver2')).filter((n) => n.recordId === tariff);
    expect(ours).toMatchObject({ read: false });
    expect(theirs).toMatchObject({ read: false });

    // The other approver, the counter, and the submitter cannot mark it: the answer is the one an id that does not exist gets.
    const refusals = await Promise.all([as['cd.approver2']!(MARK, { id: ours!.id }), as['wh.counter']!(MARK, { id: ours!.id }), as['cd.manager']!(MARK, { id: ours!.id }), as['cd.approver2']!(MARK, { id: randomUUID() }), as['cd.approver2']!(MARK, { id: 'not-an-id' })]);
    const errors = refusals.map((r) => errorOf(r));
    expect(errors.map((e) => e.extensions?.code)).toEqual(Array(5).fill('NOT_FOUND'));
    // The message names the id asked for and nothing of the notification (no record, no user, no message).
    expect(errors[0]!.message).not.toContain(tariff);
    expect(errors[0]!.message.replace(ours!.id, '<id>')).toBe(errors[3]!.message.replace(/[0-9a-f-]{36}/, '<id>'));
    expect(await readAt(ours!.id)).toBeNull();
    expect((await mine('cd.approver')).find((n) => n.id === ours!.id)?.read).toBe(false);

    // Its own user marks it: read in the list, the other approver's copy still unread; again, the first read time stays.
    expect(dataOf(await as['cd.approver']!(MARK, { id: ours!.id })).markNotificationRead).toEqual({ id: ours!.id, recordId: tariff, read: true });
    const first = await readAt(ours!.id);
    expect(first).not.toBeNull();
    expect((await mine('cd.approver')).find((n) => n.id === ours!.id)?.read).toBe(true);
    expect((await mine('cd.approver2')).find((n) => n.id === theirs!.id)?.read).toBe(false);
    expect(dataOf(await as['cd.approver']!(MARK, { id: ours!.id })).markNotificationRead.read).toBe(true);
    expect(await readAt(ours!.id)).toEqual(first);
  });

  it('marks all of one\'s own unread ones read, each once under 20 calls at once, and none of anyone else\'s', async () => {
    for (let i = 0; i < 3; i++) await submittedTariff(as['cd.manager']!, group);
    const unread = (await mine('cd.approver')).filter((n) => !n.read).length;
    const othersUnread = (await mine('cd.approver2')).filter((n) => !n.read).length;
    expect(unread).toBeGreaterThanOrEqual(3);
    const marked = await Promise.all(Array.from({ length: 20 }, () => as['cd.approver']!(MARK_ALL)));
    expect(marked.reduce((sum, r) => sum + (dataOf(r).markAllNotificationsRead as number), 0)).toBe(unread);
    expect((await mine('cd.approver')).every((n) => n.read)).toBe(true);
    expect((await mine('cd.approver2')).filter((n) => !n.read)).toHaveLength(othersUnread);
    // Someone with nothing unread marks nothing.
    expect(dataOf(await as['wh.counter']!(MARK_ALL)).markAllNotificationsRead).toBe(0);
  });
});
