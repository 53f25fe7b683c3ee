import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity, OrgUnitKindEntity, type OrgUnitRow } from './org-entities.js';

export interface OrgUnit {
  readonly id: string;
  readonly key: string;
  readonly name: Record<string, string>;
  readonly kind: string;
  readonly parentId: string | null;
  readonly path: string;
  readonly depth: number;
  readonly headUserId: string | null;
}

/**
 * The org tree in memory, for row scope: "unit and subtree" becomes the set
 * of unit ids below a unit, computed once per unit and tree revision. Built
 * from `lattice_org_unit` in one query; 30,000 units take a few MB. A new
 * directory replaces the old one when the tree changes (never mutated).
 */
export class OrgDirectory {
  readonly #byId = new Map<string, OrgUnit>();
  readonly #byKey = new Map<string, OrgUnit>();
  readonly #children = new Map<string, string[]>();
  readonly #subtrees = new Map<string, readonly string[]>();

  constructor(
    units: readonly OrgUnit[],
    /** Keys of the unit kinds whose units may own a metadata layer. */
    private readonly layerKinds: ReadonlySet<string> = new Set(),
  ) {
    for (const unit of units) {
      this.#byId.set(unit.id, unit);
      this.#byKey.set(unit.key, unit);
      if (unit.parentId) {
        const siblings = this.#children.get(unit.parentId);
        if (siblings) siblings.push(unit.id);
        else this.#children.set(unit.parentId, [unit.id]);
      }
    }
  }

  static async load(em: EntityManager): Promise<OrgDirectory> {
    const rows = (await em.find(OrgUnitEntity, {}, { disableIdentityMap: true, orderBy: { path: 'asc' } })) as OrgUnitRow[];
    const kinds = await em.find(OrgUnitKindEntity, { mayOwnLayer: true }, { disableIdentityMap: true });
    return new OrgDirectory(rows.map(toOrgUnit), new Set(kinds.map((k) => k.key)));
  }

  /** Whether a unit's kind lets it own a metadata layer. */
  mayOwnLayer(unitKey: string): boolean {
    const unit = this.#byKey.get(unitKey);
    return !!unit && this.layerKinds.has(unit.kind);
  }

  /** Keys of the unit and its ancestors, root first: the order layers fold in. */
  pathKeys(unitKey: string): string[] | undefined {
    const unit = this.#byKey.get(unitKey);
    return unit ? this.pathKeysOfId(unit.id) : undefined;
  }

  /** The same for a unit named by id (as records hold it); empty for an unknown unit. */
  pathKeysOfId(unitId: string): string[] {
    return this.ancestry(unitId).map((u) => u.key).reverse();
  }

  get size(): number {
    return this.#byId.size;
  }

  byId(id: string): OrgUnit | undefined {
    return this.#byId.get(id);
  }

  byKey(key: string): OrgUnit | undefined {
    return this.#byKey.get(key);
  }

  all(): IterableIterator<OrgUnit> {
    return this.#byId.values();
  }

  children(id: string): OrgUnit[] {
    return (this.#children.get(id) ?? []).flatMap((c) => this.#byId.get(c) ?? []);
  }

  /** The unit and every unit below it (depth-first, iterative: trees may be deep). */
  subtreeIds(id: string): readonly string[] {
    const cached = this.#subtrees.get(id);
    if (cached) return cached;
    const out: string[] = [];
    const stack = this.#byId.has(id) ? [id] : [];
    while (stack.length) {
      const next = stack.pop() as string;
      out.push(next);
      const children = this.#children.get(next);
      if (children) stack.push(...children);
    }
    this.#subtrees.set(id, out);
    return out;
  }

  /** The unit and its ancestors, nearest first: "the head of my unit", "up the tree". */
  ancestry(id: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    for (let unit = this.#byId.get(id); unit; unit = unit.parentId ? this.#byId.get(unit.parentId) : undefined) out.push(unit);
    return out;
  }

  contains(ancestorId: string, unitId: string): boolean {
    const ancestor = this.#byId.get(ancestorId);
    const unit = this.#byId.get(unitId);
    return !!ancestor && !!unit && unit.path.startsWith(ancestor.path);
  }
}

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return { id: row.id, key: row.key, name: (row.name ?? {}) as Record<string, string>, kind: row.kind, parentId: row.parentId ?? null, path: row.path, depth: row.depth, headUserId: row.headUserId ?? null };
}
