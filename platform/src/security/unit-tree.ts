/**
 * What permission checks need of the org tree: a unit by key, whether one
 * unit is below another, a unit's subtree and its path. The org module's
 * directory answers it; security declares it, so that it never imports the
 * organisation (which builds actors from the roles declared here).
 */
export interface UnitTree {
  byKey(key: string): { readonly id: string } | undefined;
  /** Whether `unitId` is `ancestorId` or below it. */
  contains(ancestorId: string, unitId: string): boolean;
  /** Ids of the unit and every unit below it. */
  subtreeIds(id: string): readonly string[];
  /** Keys of the unit and its ancestors, root first. */
  pathKeys(unitKey: string): string[] | undefined;
}
