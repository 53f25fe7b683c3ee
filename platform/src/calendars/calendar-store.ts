import type pg from 'pg';
import { parseCalendarSpec, resolveCalendar, type BusinessCalendar, type CalendarSpec, type Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';

export interface StoredCalendar {
  readonly unitId: string;
  readonly spec: CalendarSpec;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

interface Executor {
  query<R = any>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Business calendars as data: one row per org unit that changes anything
 * (`lattice_business_calendar`), folded down the unit's path with the
 * runtime's `resolveCalendar`. Read at each use (one indexed query): an
 * edit applies to the next deadline on every node.
 */
export class CalendarStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The specs stored on a unit's path, root first. */
  async specsOnPath(directory: OrgDirectory, unitId: string, db: Executor = this.pool): Promise<StoredCalendar[]> {
    const path = directory.ancestry(unitId).map((u) => u.id).reverse();
    if (!path.length) return [];
    const rows = await db.query<StoredCalendar>(`select unit_id as "unitId", spec, updated_at as "updatedAt", updated_by as "updatedBy" from lattice_business_calendar where unit_id = any($1::uuid[])`, [path]);
    const byUnit = new Map(rows.rows.map((r) => [r.unitId, r]));
    return path.flatMap((id) => byUnit.get(id) ?? []);
  }

  /** A unit's effective calendar (the base calendar for a unit the tree does not know). */
  async calendarOf(directory: OrgDirectory, unitId: string | null | undefined, db: Executor = this.pool): Promise<BusinessCalendar> {
    const specs = unitId ? await this.specsOnPath(directory, unitId, db) : [];
    const resolved = resolveCalendar(specs.map((s) => s.spec));
    // Stored calendars were checked on save; one that no longer resolves (an edit above it) is a configuration fault to show, not to guess around.
    if (!resolved.ok) throw LatticeError.invalidMetadata(resolved.problems);
    return resolved.value;
  }

  /** Stores a unit's own calendar after checking it and every calendar of its subtree that it changes. */
  async save(directory: OrgDirectory, unitId: string, input: unknown, by: string): Promise<void> {
    const parsed = parseCalendarSpec(input);
    if (!parsed.ok) throw LatticeError.invalidMetadata(parsed.problems);
    await this.checkSubtree(directory, unitId, parsed.value);
    await this.pool.query(
      `insert into lattice_business_calendar (unit_id, spec, updated_at, updated_by) values ($1, $2, now(), $3)
       on conflict (unit_id) do update set spec = excluded.spec, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [unitId, JSON.stringify(parsed.value), by],
    );
  }

  /** Removes a unit's own calendar: it inherits its parent's again. */
  async clear(directory: OrgDirectory, unitId: string): Promise<void> {
    await this.checkSubtree(directory, unitId, undefined);
    await this.pool.query('delete from lattice_business_calendar where unit_id = $1', [unitId]);
  }

  /** Every unit in the subtree with a calendar of its own still has working time with `spec` in place (undefined: removed). */
  private async checkSubtree(directory: OrgDirectory, unitId: string, spec: CalendarSpec | undefined): Promise<void> {
    const subtree = directory.subtreeIds(unitId);
    const rows = await this.pool.query<{ unitId: string; spec: CalendarSpec }>(`select unit_id as "unitId", spec from lattice_business_calendar where unit_id = any($1::uuid[]) or unit_id = any($2::uuid[])`, [subtree, directory.ancestry(unitId).map((u) => u.id)]);
    const specs = new Map(rows.rows.map((r) => [r.unitId, r.spec]));
    if (spec) specs.set(unitId, spec);
    else specs.delete(unitId);
    const problems: Problem[] = [];
    for (const id of [unitId, ...subtree.filter((u) => u !== unitId && specs.has(u))]) {
      const path = directory.ancestry(id).reverse().flatMap((u) => specs.get(u.id) ?? []);
      const resolved = resolveCalendar(path);
      if (!resolved.ok) problems.push(...resolved.problems.map((p) => ({ ...p, message: `${directory.byId(id)?.key ?? id}: ${p.message}` })));
    }
    if (problems.length) throw LatticeError.invalidMetadata(problems);
  }
}
