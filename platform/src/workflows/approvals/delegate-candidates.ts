import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { Actor } from '../../security/actor.js';

/** Someone a user may name as their delegate, as the delegation form lists them. */
export interface DelegateCandidate {
  readonly id: string;
  readonly name: string;
  readonly login: string;
}

const MAX = 50;

/**
 * The colleagues a user may delegate their approvals to: active users with
 * a position now in one of the caller's own units or a unit above one (the
 * people who could stand in for them), never the caller, matched by name or
 * login and at most `first` (up to 50). Nobody outside those units is
 * listed, so the form is no directory of the whole organisation; and
 * `isCandidate` holds a delegation to the same scope.
 */
export class DelegateCandidates {
  constructor(private readonly parts: { em(): EntityManager; directory(): OrgDirectory }) {}

  async search(actor: Actor, search: string | null, first: number): Promise<DelegateCandidate[]> {
    const units = this.#units(actor);
    if (!actor.id || !units.length) return [];
    const pattern = `%${(search ?? '').trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.parts.em().execute<DelegateCandidate[]>(
      `select u.id, u.display_name as name, u.login from lattice_user u
       where u.status = 'active' and u.id <> ? and ${IN_UNITS} and (u.display_name ilike ? or u.login ilike ?)
       order by u.display_name, u.id limit ?`,
      [actor.id, `{${units.join(',')}}`, pattern, pattern, Math.min(Math.max(1, Math.trunc(first) || 20), MAX)],
    );
  }

  /** Whether `userId` is one of the caller's candidates (active, in scope, not the caller). */
  async isCandidate(actor: Actor, userId: string): Promise<boolean> {
    const units = this.#units(actor);
    if (!actor.id || !units.length) return false;
    const rows = await this.parts.em().execute<{ id: string }[]>(`select u.id from lattice_user u where u.id = ? and u.status = 'active' and u.id <> ? and ${IN_UNITS}`, [userId, actor.id, `{${units.join(',')}}`]);
    return rows.length > 0;
  }

  /** The caller's units and every unit above them. */
  #units(actor: Actor): string[] {
    const directory = this.parts.directory();
    const ids = new Set<string>();
    for (const position of actor.grants.positions) for (const unit of directory.ancestry(position.unitId)) ids.add(unit.id);
    return [...ids];
  }
}

const IN_UNITS = `exists (select 1 from lattice_position p where p.user_id = u.id and p.unit_id = any(?::uuid[]) and p.valid_from <= now() and (p.valid_to is null or p.valid_to > now()))`;
