import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../../errors/lattice-error.js';
import type { RecordAccess } from '../../records/record-access.js';
import { deleteDelegation, delegationOf, saveDelegation } from './delegations.js';
import type { DelegateCandidate, DelegateCandidates } from './delegate-candidates.js';

export interface DelegationView {
  readonly delegateName: string;
  readonly delegateId: string;
  readonly from: string;
  readonly until: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's own delegation while away: whom, from when, until when. Only
 * for oneself; the delegate must be one of the people they may delegate to
 * (`delegate-candidates.ts`: an active colleague in their units or above).
 * The delegate decides only on records their own access point lets them read.
 */
export class DelegationVerbs {
  constructor(
    private readonly em: () => EntityManager,
    private readonly candidates: DelegateCandidates,
    /** The approvals already open for the user, looked at again once the delegation is saved. */
    private readonly changed: (access: RecordAccess, userId: string) => Promise<void>,
  ) {}

  /** The people the caller may name, by name or login. */
  delegates(access: RecordAccess, search: string | null, first: number): Promise<DelegateCandidate[]> {
    return this.candidates.search(access.actor, search, first);
  }

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
    // One answer for a user who does not exist, is inactive or is outside the caller's units: the form reveals no one it does not list.
    if (!UUID.test(delegateId) || !(await this.candidates.isCandidate(access.actor, delegateId))) {
      throw LatticeError.invalidInput('delegateId', `No user ${delegateId} among the people you may delegate to`, 'an active colleague in your units or a unit above them (delegateCandidates)');
    }
    await saveDelegation(this.em(), userId, delegateId, start, end, new Date());
    await this.changed(access, userId);
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
