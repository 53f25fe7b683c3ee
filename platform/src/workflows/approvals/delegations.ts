import type { EntityManager } from '@mikro-orm/postgresql';

/** A user's delegation: while `from <= now < until` they count as away, and their delegate decides their approvals for them. */
export interface Delegation {
  readonly userId: string;
  readonly delegateId: string;
  readonly delegateName: string;
  readonly from: Date;
  readonly until: Date;
}

const COLUMNS = `d.user_id as "userId", d.delegate_id as "delegateId", u.display_name as "delegateName", d.valid_from as "from", d.valid_until as "until"`;

/** The delegation a user has named (in force or not). */
export async function delegationOf(em: EntityManager, userId: string): Promise<Delegation | undefined> {
  const rows = await em.execute<Delegation[]>(`select ${COLUMNS} from lattice_approval_delegation d join lattice_user u on u.id = d.delegate_id where d.user_id = ?`, [userId]);
  return rows[0];
}

/** The delegations in force at `at` of some users, by the user away. */
export async function delegationsInForce(em: EntityManager, userIds: readonly string[], at: Date): Promise<Map<string, Delegation>> {
  if (!userIds.length) return new Map();
  const rows = await em.execute<Delegation[]>(`select ${COLUMNS} from lattice_approval_delegation d join lattice_user u on u.id = d.delegate_id where d.user_id = any(?::uuid[]) and d.valid_from <= ? and d.valid_until > ?`, [`{${userIds.join(',')}}`, at, at]);
  return new Map(rows.map((r) => [r.userId, r]));
}

/** Whom a user stands in for at `at`. */
export async function principalsOf(em: EntityManager, delegateId: string, at: Date): Promise<string[]> {
  const rows = await em.execute<{ userId: string }[]>(`select user_id as "userId" from lattice_approval_delegation where delegate_id = ? and valid_from <= ? and valid_until > ?`, [delegateId, at, at]);
  return rows.map((r) => r.userId);
}

/** Names (or replaces) a user's delegation; one per user. */
export async function saveDelegation(em: EntityManager, userId: string, delegateId: string, from: Date, until: Date, at: Date): Promise<void> {
  await em.execute(
    `insert into lattice_approval_delegation (user_id, delegate_id, valid_from, valid_until, created_at) values (?, ?, ?, ?, ?) on conflict (user_id) do update set delegate_id = excluded.delegate_id, valid_from = excluded.valid_from, valid_until = excluded.valid_until, created_at = excluded.created_at`,
    [userId, delegateId, from, until, at],
  );
}

export async function deleteDelegation(em: EntityManager, userId: string): Promise<boolean> {
  const rows = await em.execute<{ userId: string }[]>(`delete from lattice_approval_delegation where user_id = ? returning user_id as "userId"`, [userId]);
  return rows.length > 0;
}
