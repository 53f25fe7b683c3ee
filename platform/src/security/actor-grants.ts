import type { SharingRule } from './sharing-rule.document.js';
import { LatticeError } from '../errors/lattice-error.js';
import { fieldRank, scopeRank, type Capability, type ServeAnywherePolicy, type EntityGrant, type FieldAccess, type PermissionDocument, type RecordOperation, type RowScope } from './permission-document.js';

/** A role held in a unit, with that role's permissions. */
export interface HeldPosition {
  readonly unitId: string;
  readonly roleKey: string;
  /** The role's localized label, for showing the position to its holder. */
  readonly roleLabel?: unknown;
  readonly isPrimary: boolean;
  readonly permissions: PermissionDocument;
}

/** A record shared with the actor or one of their units (a serve-anywhere grant is one). */
export interface HeldShare {
  readonly entityKey: string;
  readonly recordId: string;
  readonly access: 'read' | 'update';
  readonly expiresAt: Date | null;
}

export interface ScopeGrant {
  readonly scope: Exclude<RowScope, 'none'>;
  /** The unit the scope is relative to (the position's unit). */
  readonly unitId: string;
}

/**
 * What one actor may do: the union of the grants of every position they
 * hold. A row scope is relative to the unit of the position that grants it
 * (a user who is counter operator in one hall and supervisor of a county
 * sees the hall's and the county's records). Field access is the widest any
 * position that may read the entity gives.
 */
export class ActorGrants {
  readonly #scopes = new Map<string, readonly ScopeGrant[]>();
  readonly #fields = new Map<string, FieldAccess>();
  readonly #memo = new Map<string, unknown>();

  private constructor(
    readonly positions: readonly HeldPosition[],
    private readonly unrestricted: boolean,
    /** Sharing rules that share records with this actor (already matched to their units and roles). */
    private readonly sharing: readonly SharingRule[] = [],
    private readonly shares: readonly HeldShare[] = [],
  ) {}

  static of(positions: readonly HeldPosition[], sharing: readonly SharingRule[] = [], shares: readonly HeldShare[] = []): ActorGrants {
    return new ActorGrants(positions, false, sharing, shares);
  }

  /** Ids of the records of an entity shared with the actor for an operation, live at `now`. */
  sharedIds(entityKey: string, operation: RecordOperation, now = Date.now()): string[] {
    if (operation !== 'read' && operation !== 'update') return [];
    return this.shares.filter((s) => s.entityKey === entityKey && (operation === 'read' || s.access === 'update') && (!s.expiresAt || s.expiresAt.getTime() > now)).map((s) => s.recordId);
  }

  /**
   * A value derived from these grants alone (a row filter for one entity of
   * one metadata version), computed once per actor: actors are cached until
   * the organisation changes, so requests reuse it.
   */
  memo<T>(key: string, compute: () => T): T {
    if (!this.#memo.has(key)) this.#memo.set(key, compute());
    return this.#memo.get(key) as T;
  }

  /** The platform itself (seeds, migrations, jobs acting for no one): everything. */
  static unrestricted(): ActorGrants {
    return new ActorGrants([], true);
  }

  /** Sharing rules that widen the actor's scope for an operation on an entity (an `update` share also reads). */
  sharingRules(entityKey: string, operation: RecordOperation): readonly SharingRule[] {
    if (operation !== 'read' && operation !== 'update') return [];
    return this.sharing.filter((r) => r.entity === entityKey && (operation === 'read' || r.access === 'update'));
  }

  get isUnrestricted(): boolean {
    return this.unrestricted;
  }

  /** Every position's scope for an operation on an entity, `none` left out. */
  scopes(entityKey: string, operation: RecordOperation): readonly ScopeGrant[] {
    if (this.unrestricted) return [{ scope: 'all', unitId: '' }];
    const cacheKey = `${entityKey}:${operation}`;
    let scopes = this.#scopes.get(cacheKey);
    if (!scopes) {
      scopes = this.positions.flatMap((p) => {
        const scope = grantOf(p.permissions, entityKey)?.[operation] ?? 'none';
        return scope === 'none' ? [] : [{ scope, unitId: p.unitId }];
      });
      this.#scopes.set(cacheKey, scopes);
    }
    return scopes;
  }

  fieldAccess(entityKey: string, fieldKey: string): FieldAccess {
    if (this.unrestricted) return 'write';
    const cacheKey = `${entityKey}.${fieldKey}`;
    let access = this.#fields.get(cacheKey);
    if (!access) {
      access = 'hidden';
      for (const p of this.positions) {
        const grant = grantOf(p.permissions, entityKey);
        if (!grant || grant.read === 'none') continue;
        const given = grant.fields[fieldKey] ?? grant.fields['*'] ?? 'hidden';
        if (fieldRank(given) > fieldRank(access)) access = given;
      }
      this.#fields.set(cacheKey, access);
    }
    return access;
  }

  /** The serve-anywhere policies of the actor's roles for an entity (several roles may allow it differently). */
  serveAnywhere(entityKey: string): ServeAnywherePolicy[] {
    return this.positions.flatMap((p) => p.permissions.serveAnywhere[entityKey] ?? []);
  }

  /** Throws unless the actor holds one of these capabilities (the error names the first). */
  require(...capabilities: [Capability, ...Capability[]]): void {
    if (!capabilities.some((c) => this.has(c))) throw LatticeError.capabilityMissing(capabilities[0]);
  }

  has(capability: Capability): boolean {
    return this.unrestricted || this.positions.some((p) => p.permissions.capabilities.includes(capability));
  }

  /** Units where the actor holds a capability: it applies to their subtrees. */
  unitsWith(capability: Capability): string[] {
    return this.positions.filter((p) => p.permissions.capabilities.includes(capability)).map((p) => p.unitId);
  }

  /** The position a new record is placed under: the primary one if it may create, else the widest that may. */
  placementFor(entityKey: string): ScopeGrant | undefined {
    const scopes = this.scopes(entityKey, 'create');
    const primary = this.positions.find((p) => p.isPrimary);
    return scopes.find((s) => s.unitId === primary?.unitId) ?? [...scopes].sort((a, b) => scopeRank(b.scope) - scopeRank(a.scope))[0];
  }
}

function grantOf(permissions: PermissionDocument, entityKey: string): EntityGrant | undefined {
  return permissions.entities[entityKey] ?? permissions.entities['*'];
}
