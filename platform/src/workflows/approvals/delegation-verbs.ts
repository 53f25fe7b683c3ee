import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../../errors/lattice-error.js';
import type { RecordAccess } from '../../records/record-access.js';
import { deleteDelegation, delegationOf, saveDelegation } from './delegations.js';

export interface DelegationView {
  readonly delegateName: string;
  readonly delegateId: string;
  readonly from: string;
  readonly until: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's own delegation while away: whom, from when, until when. Only
 * for oneself; the delegate must be another active user. The delegate
 * decides only on records their own access point lets them read.
 */
export class DelegationVerbs {
  constructor(private readonly em: () => EntityManager) {}

  async get(access: RecordAccess): Promise<DelegationView | null> {
    if (!access.actor.id) return null;
    const found = await delegationOf(this.em(), access.actor.id);
    return found ? { delegateName: found.delegateName, delegateId: found.delegateId, from: new Date(found.from).toISOString(), until: new Date(found.until).toISOString() } : null;
  }

  async set(access: RecordAccess, delegateId: string, from: string, until: string): Promise<DelegationView> {
    const userId = access.actor.id;
    if (!userId) throw LatticeError.invalidInput('delegateId', 'Only a signed-in user names a delegate for their own absence');
    const start = dateOf(from, 'from');
    const end = dateOf(until, 'until');
    if (end <= start) throw LatticeError.invalidInput('until', `The absence ends (${until}) before it starts (${from})`, 'until must be after from');
    if (end <= new Date()) throw LatticeError.invalidInput('until', `The absence ended already (${until})`, 'until must be in the future');
    if (delegateId === userId) throw LatticeError.invalidInput('delegateId', 'You cannot be your own delegate', 'name a colleague who decides while you are away');
    const em = this.em();
    const delegate = UUID.test(delegateId) ? (await em.execute<{ status: string }[]>(`select status from lattice_user where id = ?`, [delegateId]))[0] : undefined;
    if (!delegate) throw LatticeError.invalidInput('delegateId', `No user ${delegateId}`);
    if (delegate.status !== 'active') throw LatticeError.invalidInput('delegateId', 'The delegate is not an active user', 'name a colleague whose account is active');
    await saveDelegation(em, userId, delegateId, start, end, new Date());
    return (await this.get(access)) as DelegationView;
  }

  async clear(access: RecordAccess): Promise<boolean> {
    return access.actor.id ? deleteDelegation(this.em(), access.actor.id) : false;
  }
}

function dateOf(text: string, path: string): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) throw LatticeError.invalidInput(path, `"${text}" is not a date and time`, 'an ISO 8601 date and time, e.g. 2026-12-07T09:00:00+08:00');
  return date;
}
