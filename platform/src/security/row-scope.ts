/**
 * Which rows an actor may touch for one operation on one entity, as data:
 * `all`, or the union of "owned by the actor" and "placed in one of these
 * units". Rendered as a MikroORM filter for the record queries and as SQL for
 * queries written by hand (the audit log), so both say exactly the same.
 */
export type RowScopeSpec = { readonly all: true } | { readonly all: false; readonly ownerId: string | null; readonly unitIds: readonly string[] };

export const ALL_ROWS: RowScopeSpec = { all: true };

export function scopeToFilter(spec: RowScopeSpec): Record<string, unknown> | null {
  if (spec.all) return null;
  const clauses: Record<string, unknown>[] = [];
  if (spec.ownerId) clauses.push({ ownerId: spec.ownerId });
  if (spec.unitIds.length) clauses.push({ orgUnitId: { $in: [...spec.unitIds] } });
  if (clauses.length === 0) return { id: { $in: [] } };
  return clauses.length === 1 ? (clauses[0] as Record<string, unknown>) : { $or: clauses };
}

/** A SQL condition on `alias`'s owner and unit columns; parameters (`?` placeholders) are appended to `params`. */
export function scopeToSql(spec: RowScopeSpec, alias: string, params: unknown[]): string {
  if (spec.all) return 'true';
  const clauses: string[] = [];
  if (spec.ownerId) {
    params.push(spec.ownerId);
    clauses.push(`${alias}.owner_id = ?`);
  }
  if (spec.unitIds.length) {
    // One array literal, not a list: the query's size stays the same for one unit or thousands (ids are uuids: nothing to escape).
    params.push(`{${spec.unitIds.join(',')}}`);
    clauses.push(`${alias}.org_unit_id = any(?::uuid[])`);
  }
  return clauses.length ? `(${clauses.join(' or ')})` : 'false';
}

/** Both filters at once: a record query's own filter and its row scope. */
export function withScope(where: Record<string, unknown>, scope: Record<string, unknown> | null): Record<string, unknown> {
  if (!scope) return where;
  return Object.keys(where).length ? { $and: [where, scope] } : scope;
}
