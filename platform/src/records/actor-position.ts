import type { FilterUser } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from '../security/actor.js';
import type { OrgDirectory } from '../org/org-directory.js';

/**
 * Where the actor stands in the org tree: their roles, the unit of their
 * primary position (the one they act from unless they name another), and
 * the units they may act "in".
 */
export class ActorPosition {
  constructor(
    private readonly actor: Actor,
    private readonly directory: OrgDirectory,
  ) {}

  roles(): string[] {
    return [...new Set(this.actor.grants.positions.map((p) => p.roleKey))];
  }

  primaryUnitKey(): string | null {
    const position = this.#primary();
    return position ? (this.directory.byId(position.unitId)?.key ?? null) : null;
  }

  /** Acting "in" a unit (its layers, its branch prices) needs a position there. */
  assertHoldsPosition(unitKey: string, path: string): void {
    if (this.actor.grants.isUnrestricted) return;
    if (!this.actor.grants.positions.some((p) => this.directory.byId(p.unitId)?.key === unitKey)) throw LatticeError.outsideScope('organisation', path, `You hold no position in "${unitKey}"`);
  }

  /** Whom shared views are shared with: the actor's roles and the unit path (keys, group first) of their primary position. */
  audience(): { roles: string[]; unitPath: string[] } {
    const unit = this.primaryUnitKey();
    return { roles: this.roles(), unitPath: unit ? (this.directory.pathKeys(unit) ?? []) : [] };
  }

  /**
   * What `{ $user: … }` operands of filters stand for: the user's id, the
   * unit of their primary position and its path (ids, group first, as
   * records hold units), their roles. The platform itself is no user.
   */
  filterUser(): FilterUser | undefined {
    if (!this.actor.id) return undefined;
    const unitId = this.#primary()?.unitId ?? null;
    return { id: this.actor.id, unitId, unitPath: unitId ? this.directory.ancestry(unitId).map((u) => u.id).reverse() : [], roles: this.roles() };
  }

  #primary() {
    return this.actor.grants.positions.find((p) => p.isPrimary) ?? this.actor.grants.positions[0];
  }
}
