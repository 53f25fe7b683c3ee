import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory, OrgUnit } from '../org/org-directory.js';
import { accessPart } from '../records/access-part.js';
import type { AccessParts } from '../records/access-parts.js';
import { withScope } from '../security/row-scope.js';
import { SLA_BREACH } from './sla-timer-payload.js';

/** What the figures are asked for: one entity's records, optionally one workflow, a period, a part of the tree. */
export interface SlaFiguresQuery {
  readonly entity: string;
  readonly workflow?: string | null;
  /** The unit (key) whose subtree is counted; none: the whole tree. */
  readonly unit?: string | null;
  /** A unit kind (`city`): one row per unit of that kind; none: one row per unit directly below `unit` (and `unit` itself for its own records). */
  readonly groupBy?: string | null;
  readonly from: string;
  readonly to: string;
}

/** One unit's figures over the period. */
export interface SlaFigures {
  readonly unit: string;
  readonly unitName: string | null;
  /** Steps with a time limit left within it before the period ended their limit (left in the period). */
  readonly onTime: number;
  /** Steps whose limit ran out in the period. */
  readonly late: number;
  /** onTime / (onTime + late); null when neither. */
  readonly onTimeRate: number | null;
  /** Mean time a step with a limit took, of steps left in the period: business time where the limit is in business hours, stopped clocks excluded. */
  readonly meanHandlingSeconds: number | null;
  /** Breach escalations raised in the period. */
  readonly escalations: number;
  /** Records in the workflow not closed now, and of those past their due time. */
  readonly open: number;
  readonly overdue: number;
}

export interface SlaFiguresVerbs {
  figures(query: SlaFiguresQuery): Promise<SlaFigures[]>;
}

/** The access point's SLA figures (`part(SLA_FIGURES)`), registered by the composition root. */
export const SLA_FIGURES = accessPart<SlaFiguresVerbs>('sla-figures');

const MAX_PERIOD_DAYS = 400;

/**
 * SLA figures per unit and period, in one SQL statement over the workflow
 * instances, the time limits' breach timers (`left_at`, `used_ms`, kept by
 * the clock when a record leaves a step) and the escalations. Only records
 * the caller may read count: the instances are cut to the ids the caller's
 * read filter (row scope, sharing rules, shares) matches, rendered as a
 * subquery, so a unit whose records the caller cannot read has no row.
 */
export function slaFiguresVerbs(parts: AccessParts): SlaFiguresVerbs {
  return {
    async figures(query) {
      const entity = parts.authorize(query.entity, 'read');
      const { from, to } = periodOf(query);
      const directory = parts.options.directory;
      const groups = groupsOf(directory, query);
      if (!groups.size) return [];
      const readable = readableIds(parts, entity);
      const unitIds = [...groups.keys()];
      const groupIds = unitIds.map((id) => (groups.get(id) as OrgUnit).id);
      const rows = await parts.em.execute<{ groupId: string; onTime: number; late: number; meanMs: number | null; escalations: number; open: number; overdue: number }[]>(
        `with grp as (select * from unnest(?::uuid[], ?::uuid[]) as g(unit_id, group_id)),
         inst as (
           select i.id, i.entity_key, i.record_id, i.closed_at, i.due_at, grp.group_id from lattice_workflow_instance i join grp on grp.unit_id = i.unit_id
           where i.entity_key = ? and (?::text is null or i.workflow_key = ?) and i.record_id in (${readable})
         ),
         steps as (
           select inst.group_id,
             count(*) filter (where t.left_at >= ? and t.left_at < ? and t.fired_at is null)::int as on_time,
             count(*) filter (where t.state = 'fired' and t.due_at >= ? and t.due_at < ?)::int as late,
             avg(t.used_ms) filter (where t.left_at >= ? and t.left_at < ?)::float8 as mean_ms
           from inst join lattice_timer t on t.subject = inst.entity_key || '/' || inst.record_id::text and t.kind = ? and t.purpose like 'sla:%:breach:0'
           group by inst.group_id
         ),
         raised as (
           select inst.group_id, count(*)::int as escalations from inst join lattice_sla_escalation e on e.entity_key = inst.entity_key and e.record_id = inst.record_id::text
           where e.kind = 'breach' and e.raised_at >= ? and e.raised_at < ? group by inst.group_id
         ),
         counts as (
           select group_id, count(*) filter (where closed_at is null)::int as open, count(*) filter (where closed_at is null and due_at < now())::int as overdue from inst group by group_id
         )
         select counts.group_id as "groupId", coalesce(steps.on_time, 0) as "onTime", coalesce(steps.late, 0) as "late", steps.mean_ms as "meanMs",
           coalesce(raised.escalations, 0) as "escalations", counts.open as "open", counts.overdue as "overdue"
         from counts left join steps using (group_id) left join raised using (group_id)`,
        [`{${unitIds.join(',')}}`, `{${groupIds.join(',')}}`, entity.key, query.workflow ?? null, query.workflow ?? null, from, to, from, to, from, to, SLA_BREACH, from, to],
      );
      const byId = new Map(unitIds.map((id) => [(groups.get(id) as OrgUnit).id, groups.get(id) as OrgUnit]));
      return rows
        .map((row) => {
          const unit = byId.get(row.groupId);
          const decided = row.onTime + row.late;
          return {
            unit: unit?.key ?? row.groupId,
            unitName: unit ? (unit.name['zh-CN'] ?? unit.name['en'] ?? unit.key) : null,
            onTime: row.onTime,
            late: row.late,
            onTimeRate: decided ? row.onTime / decided : null,
            meanHandlingSeconds: row.meanMs === null ? null : Math.round(row.meanMs / 1000),
            escalations: row.escalations,
            open: row.open,
            overdue: row.overdue,
          };
        })
        .sort((a, b) => a.unit.localeCompare(b.unit));
    },
  };
}

/** The SQL of the record ids the caller may read (not deleted), as the access point's list would filter them. */
function readableIds(parts: AccessParts, entity: CompiledEntity): string {
  const where = withScope({ deletedAt: null }, parts.guard.filter(entity, 'read'));
  return parts.em.createQueryBuilder(parts.schemas.of(entity).meta.className as never, 'r').select('id' as never).where(where as never).getFormattedQuery();
}

function periodOf(query: SlaFiguresQuery): { from: Date; to: Date } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (Number.isNaN(from.getTime())) throw LatticeError.invalidInput('from', `"${query.from}" is not a date and time (ISO 8601, e.g. 2026-12-01T00:00:00+08:00)`);
  if (Number.isNaN(to.getTime())) throw LatticeError.invalidInput('to', `"${query.to}" is not a date and time (ISO 8601, e.g. 2026-12-31T00:00:00+08:00)`);
  if (to.getTime() <= from.getTime()) throw LatticeError.invalidInput('to', 'The period must end after it starts');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw LatticeError.invalidInput('to', `A period may span at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** Each unit of the counted subtree, mapped to the unit its records are counted under. */
function groupsOf(directory: OrgDirectory, query: SlaFiguresQuery): Map<string, OrgUnit> {
  const tops = query.unit ? [directory.byKey(query.unit)] : [...directory.all()].filter((u) => !u.parentId);
  if (tops.some((u) => !u)) throw LatticeError.invalidInput('unit', `No org unit "${query.unit}"`);
  if (query.groupBy && ![...directory.all()].some((u) => u.kind === query.groupBy)) throw LatticeError.invalidInput('groupBy', `No org unit is of the kind "${query.groupBy}"`);
  const groups = new Map<string, OrgUnit>();
  for (const top of tops as OrgUnit[]) {
    for (const id of directory.subtreeIds(top.id)) {
      const path = directory.ancestry(id);
      const within = path.slice(0, path.findIndex((u) => u.id === top.id) + 1);
      // groupBy a kind: the nearest unit of that kind at or above (within the subtree), else the unit itself; none: the child of `top` it is under.
      const group = query.groupBy ? (within.find((u) => u.kind === query.groupBy) ?? (within[0] as OrgUnit)) : (within.at(-2) ?? top);
      groups.set(id, group);
    }
  }
  return groups;
}
