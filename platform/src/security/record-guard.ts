import { raw } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledField, CompiledModel } from '@lattice/runtime';
import { filterToQuery, type FilterGuard } from './filter-to-query.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { UnitTree } from './unit-tree.js';
import type { ActorGrants, ScopeGrant } from './actor-grants.js';
import type { RecordOperation } from './permission-document.js';
import type { SharingRule } from './sharing-rule.document.js';
import { ALL_ROWS, scopeToFilter, type RowScopeSpec } from './row-scope.js';

const VERB: Record<RecordOperation, string> = { read: 'read', create: 'create', update: 'change', delete: 'delete' };

/**
 * The permission checks of one request, on one metadata version: entity
 * operations, row scope, and field access. The access point calls it on
 * every path to records; nothing else decides what an actor may see.
 */
export class RecordGuard {
  readonly #specs = new Map<string, RowScopeSpec>();

  constructor(
    private readonly model: CompiledModel,
    readonly grants: ActorGrants,
    private readonly directory: UnitTree,
    private readonly userId: string | null,
    /** Renders a filter as the SQL of the ids (or another column) it matches: sharing criteria become one reusable subquery. */
    private readonly idsQuery: (entity: CompiledEntity, where: Record<string, unknown>, field?: string) => string,
  ) {}

  get unrestricted(): boolean {
    return this.grants.isUnrestricted;
  }

  /** Throws unless some position allows the operation on the entity at all. */
  require(entity: CompiledEntity, operation: RecordOperation): void {
    if (this.grants.scopes(entity.key, operation).length === 0) throw LatticeError.operationForbidden(entity.name, VERB[operation]);
  }

  mayRead(entity: CompiledEntity): boolean {
    return this.grants.scopes(entity.key, 'read').length > 0;
  }

  scope(entity: CompiledEntity, operation: RecordOperation): RowScopeSpec {
    const cacheKey = `${entity.key}:${operation}`;
    let spec = this.#specs.get(cacheKey);
    if (!spec) {
      spec = this.#specOf(this.grants.scopes(entity.key, operation));
      this.#specs.set(cacheKey, spec);
    }
    return spec;
  }

  /**
   * The row filter for an operation, or null when every row is allowed: the
   * row scope, widened by the sharing rules that share records with the
   * actor and by the records shared with them or their units (unless
   * `viaShares` is false: what the actor's own rights reach, e.g. to share).
   */
  filter(entity: CompiledEntity, operation: RecordOperation, viaShares = true): Record<string, unknown> | null {
    // Built once per actor and version: the scope, and each sharing rule's criteria as the SQL of the ids they match.
    const parts = this.grants.memo(`${this.model.hash}|${entity.key}|${operation}`, () => {
      const base = scopeToFilter(this.scope(entity, operation));
      if (base === null) return null;
      const criteria = this.grants.sharingRules(entity.key, operation).flatMap((rule) => {
        const where = this.#criteria(entity, rule);
        return where ? [this.idsQuery(entity, where)] : [];
      });
      return { base, criteria };
    });
    if (parts === null) return null;
    const shared = viaShares ? this.grants.sharedIds(entity.key, operation) : [];
    // Fresh objects per query: the query builder may annotate the filter it is given.
    const clauses: Record<string, unknown>[] = [structuredClone(parts.base), ...parts.criteria.map((sql) => ({ id: { $in: raw(sql) } })), ...(shared.length ? [{ id: { $in: shared } }] : [])];
    return clauses.length === 1 ? (clauses[0] as Record<string, unknown>) : { $or: clauses };
  }

  /**
   * A rule whose criteria no longer fit the model (a field it names was
   * removed since) shares nothing: failing closed, never open, and never
   * breaking the reads it was meant to widen.
   */
  #criteria(entity: CompiledEntity, rule: SharingRule): Record<string, unknown> | null {
    try {
      const path = `sharingRules[${rule.key}].criteria`;
      const { related, rest } = this.#splitRelatedLists(entity, rule.criteria);
      const where = filterToQuery(this.model, entity, rest, path, { guard: this.#baseScope });
      return related.length ? { $and: [where, ...related.map(([field, some]) => this.#throughInverse(entity, field, some, `${path}.${field.name}.some`))] } : where;
    } catch (error) {
      console.warn(`lattice: sharing rule ${rule.key} is ignored: ${(error as Error).message}`);
      return null;
    }
  }

  /** Top-level `{ list: { some } }` conditions on one-to-many lists, apart from the rest of the criteria. */
  #splitRelatedLists(entity: CompiledEntity, criteria: Record<string, unknown>) {
    const related: [CompiledField, Record<string, unknown>][] = [];
    const rest: Record<string, unknown> = {};
    for (const [name, condition] of Object.entries(criteria)) {
      const field = entity.fieldByName(name);
      const only = condition && typeof condition === 'object' ? Object.keys(condition) : [];
      if (field?.relation?.kind === 'oneToMany' && only.length === 1 && only[0] === 'some') related.push([field, (condition as { some: Record<string, unknown> }).some ?? {}]);
      else rest[name] = condition;
    }
    return { related, rest };
  }

  /**
   * "Has a related record that matches" as `id in (select <back reference>
   * from <target> where …)`: one index lookup on the target, instead of the
   * self-join a generic `$some` becomes (which scans the whole table).
   */
  #throughInverse(entity: CompiledEntity, field: CompiledField, some: Record<string, unknown>, path: string): Record<string, unknown> {
    const target = this.model.entityByKey(field.relation?.target ?? '') as CompiledEntity;
    const back = target.fieldByKey(field.relation?.inverseOf ?? '') as CompiledField;
    const where = filterToQuery(this.model, target, some, path, { guard: this.#baseScope });
    const scope = scopeToFilter(this.scope(target, 'read'));
    const filter = scope ? (Object.keys(where).length ? { $and: [where, scope] } : scope) : where;
    return { id: { $in: raw(this.idsQuery(target, { ...filter, deletedAt: null }, back.name)) } };
  }

  /**
   * Sharing criteria see related records through the actor's row scope
   * alone, never through other sharing rules: rules on two entities that
   * point at each other cannot recurse.
   */
  readonly #baseScope: FilterGuard = {
    fieldReadable: () => true,
    mayRead: () => true,
    filter: (target) => scopeToFilter(this.scope(target, 'read')),
  };


  fieldReadable(entity: CompiledEntity, field: CompiledField): boolean {
    if (field.system) return true;
    if (!this.#inLayerOf(entity, field)) return false;
    return this.grants.fieldAccess(entity.key, field.key) !== 'hidden';
  }

  /**
   * The same by name, for field names stored in the audit log: a name the
   * model no longer has (renamed or removed since) is hidden from everyone
   * but the platform, failing closed.
   */
  fieldNameReadable(entity: CompiledEntity, name: string): boolean {
    if (this.unrestricted) return true;
    const field = entity.fieldByName(name);
    return !!field && this.fieldReadable(entity, field);
  }

  /**
   * A field a layer added exists only in that layer's subtree: an actor with
   * no position there cannot see it, whatever their role grants.
   */
  #inLayerOf(entity: CompiledEntity, field: CompiledField): boolean {
    const layer = this.model.fieldLayer(entity.key, field.key);
    if (!layer || this.unrestricted) return true;
    const owner = this.directory.byKey(layer);
    return !!owner && this.grants.positions.some((p) => this.directory.contains(owner.id, p.unitId));
  }

  /** The stored fields the actor may read; undefined (every field) when unrestricted. */
  readableFields(entity: CompiledEntity): string[] | undefined {
    if (this.unrestricted) return undefined;
    return entity.fields.filter((f) => f.column && this.fieldReadable(entity, f)).map((f) => f.name);
  }

  assertReadable(entity: CompiledEntity, names: readonly string[], path = ''): void {
    if (this.unrestricted) return;
    for (const name of names) {
      const field = entity.fieldByName(name);
      if (field && !this.fieldReadable(entity, field)) throw LatticeError.fieldHidden(entity.name, field.name, path ? `${path}.${name}` : name, 'read');
    }
  }

  assertWritable(entity: CompiledEntity, input: Record<string, unknown>, path = ''): void {
    if (this.unrestricted) return;
    for (const name of Object.keys(input)) {
      const field = entity.fieldByName(name);
      if (!field) continue; // unknown fields are the validator's to report
      const access = field.system ? 'read' : this.#inLayerOf(entity, field) ? this.grants.fieldAccess(entity.key, field.key) : 'hidden';
      const at = path ? `${path}.${name}` : name;
      if (access === 'hidden') throw LatticeError.fieldHidden(entity.name, field.name, at, 'read');
      if (access === 'read') throw LatticeError.fieldReadOnly(entity.name, field.name, at);
    }
  }

  /** Owner and unit of a record the actor creates: themselves, and the unit of the position that lets them create it. */
  placement(entity: CompiledEntity): { ownerId: string | null; orgUnitId: string | null } {
    if (this.unrestricted) return { ownerId: this.userId, orgUnitId: null };
    const grant = this.grants.placementFor(entity.key);
    if (!grant) throw LatticeError.operationForbidden(entity.name, VERB.create);
    return { ownerId: this.userId, orgUnitId: grant.unitId };
  }

  #specOf(grants: readonly ScopeGrant[]): RowScopeSpec {
    if (grants.some((g) => g.scope === 'all')) return ALL_ROWS;
    const units = new Set<string>();
    let own = false;
    for (const grant of grants) {
      if (grant.scope === 'own') own = true;
      else if (grant.scope === 'unit') units.add(grant.unitId);
      else for (const id of this.directory.subtreeIds(grant.unitId)) units.add(id);
    }
    return { all: false, ownerId: own ? this.userId : null, unitIds: [...units] };
  }
}
