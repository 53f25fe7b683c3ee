import type { CompiledEntity, CompiledModel } from '@lattice/runtime';
import type { RecordFilter } from '../security/filter-to-query.js';
import type { ListArgs, RecordConnection } from '../records/record-reader.js';
import type { ReadLog, ReadLogFactory, RevealPath, ShownAuditEntry } from '../records/read-log.js';
import type { StoredRecord } from '../storage/stored-record.js';
import { LatticeError } from '../errors/lattice-error.js';
import { RECORDS_PER_MERGED_ENTRY, type AccessLogWriter } from './access-log.js';
import type { RecordGuard } from '../security/record-guard.js';

export type { RevealPath } from '../records/read-log.js';

/** The access point's read log that writes the personal-data entries of the access log. */
export function personalDataLog(log: AccessLogWriter): ReadLogFactory {
  return ({ model, actor, guard, reader }) => new RevealedPersonalData(model, actor, guard, log, reader);
}

/** The two queries the log needs beyond what a request read: records a filter matched, and the units of records an audit page named. */
export interface RevealLookups {
  matching(entity: CompiledEntity, args: Pick<ListArgs, 'filter' | 'includeDeleted' | 'onlyDeleted'>, limit: number): Promise<StoredRecord[]>;
  unitsOf(entity: CompiledEntity, ids: readonly string[]): Promise<StoredRecord[]>;
  holdersOf(entity: CompiledEntity, values: Record<string, unknown>): Promise<StoredRecord[]>;
}

type Operators = Record<string, string[]>;

/** A record as far as the log needs it: its id, and its org unit when it was read. */
type Shown = { readonly id: string; readonly [field: string]: unknown };

/** Personal fields one level of a filter names (with their operators), on the entity that level filters. */
interface FilterProbe {
  readonly entity: CompiledEntity;
  readonly filter: RecordFilter;
  readonly operators: Operators;
  /** The relation path from the listed entity (`Subscription.customer`); null for the listed entity itself. */
  readonly via: string | null;
}

const RELATED_OPERATORS = new Set(['is', 'some', 'none']);

/**
 * What a request revealed of the fields marked `personalData`, for the access
 * log: every path that shows such a value or confirms one is fed here — the
 * records a read returns, a mutation's answer, the before/after of audit
 * entries, and a filter or sort that names a personal field (a filter on an
 * ID number that matches one customer, or none, confirms the number as
 * surely as reading it). Only fields the reader may see reach it: the paths
 * cut them first. Entries are one per owning unit, so the auditors of a unit
 * see only their own records; the searched values are never stored (they
 * are personal data themselves), only the fields, operators and the records
 * matched. One instance per request: its reads add to the same entries.
 */
export class RevealedPersonalData implements ReadLog {
  constructor(
    private readonly model: CompiledModel,
    private readonly actor: { readonly id: string | null; readonly name: string },
    private readonly guard: RecordGuard,
    private readonly log: AccessLogWriter,
    private readonly lookups: RevealLookups,
  ) {}

  /** The fields to read: with the org unit too when personal data is asked (or sorted or filtered on), so the entry names whose record it was. */
  withUnit(entity: CompiledEntity, fields: readonly string[] | undefined, named: readonly string[] = []): readonly string[] | undefined {
    if (!fields || !this.actor.id || this.#personal(entity, [...fields, ...named]).length === 0) return fields;
    return fields.includes('orgUnitId') ? fields : [...fields, 'orgUnitId'];
  }

  /** A list's fields to read, the org unit among them when its fields, sort or own filter name personal data. */
  listFields(entity: CompiledEntity, args: ListArgs): readonly string[] | undefined {
    if (!args.fields || !this.actor.id) return args.fields;
    const sorted = (args.orderBy ?? []).map((o) => o.field);
    const filtered = this.#probes(entity, args.filter ?? null, null).flatMap((p) => (p.via ? [] : Object.keys(p.operators)));
    return this.withUnit(entity, args.fields, [...sorted, ...filtered]);
  }

  /** Records shown with `fields` (undefined: every field the reader may read, as a mutation's answer). */
  async records(entity: CompiledEntity, records: readonly StoredRecord[], fields: readonly string[] | undefined, path: RevealPath): Promise<void> {
    if (!this.actor.id || records.length === 0) return;
    const shown = this.#personal(entity, fields ?? this.#readable(entity));
    if (shown.length) await this.#add(entity, records, { path, fields: shown });
  }

  /**
   * A list's sort and filter: a sort on a personal field orders the page by
   * it (and its cursors carry the values); a filter on one confirms it for
   * every record it matched, whether the query read them, only counted them,
   * or found none. When the page holds every match (a first page with no
   * next one) they are the page's records; else they are looked up apart
   * (the first 500 in id order, `more` when there are others).
   */
  async listed(entity: CompiledEntity, args: ListArgs, page: RecordConnection): Promise<void> {
    if (!this.actor.id) return;
    const sorted = this.#personal(entity, (args.orderBy ?? []).map((o) => o.field));
    if (sorted.length && page.nodes.length) await this.#add(entity, page.nodes, { path: 'sort', fields: sorted });
    for (const probe of this.#probes(entity, args.filter ?? null, null)) {
      const onPage = !probe.via && !args.after && !args.before && !args.last && !page.pageInfo.hasNextPage;
      const matched = onPage ? page.nodes : await this.lookups.matching(probe.entity, probe.via ? { filter: probe.filter } : args, RECORDS_PER_MERGED_ENTRY + 1);
      const more = matched.length > RECORDS_PER_MERGED_ENTRY;
      const details = { path: 'filter', fields: Object.keys(probe.operators), operators: probe.operators, ...(probe.via ? { via: probe.via } : {}), ...(more ? { more } : {}) };
      await this.#add(probe.entity, matched.slice(0, RECORDS_PER_MERGED_ENTRY), details, true);
    }
  }

  /** Audit entries whose changes show personal fields (already cut to the fields the reader may read). */
  async auditEntries(entries: readonly ShownAuditEntry[]): Promise<void> {
    if (!this.actor.id) return;
    const groups = new Map<string, { entity: CompiledEntity; fields: string[]; ids: Set<string> }>();
    for (const entry of entries) {
      const entity = entry.entity ? this.model.entityByName(entry.entity) : undefined;
      if (!entity || !entry.recordId || !entry.changes || typeof entry.changes !== 'object') continue;
      const fields = this.#personal(entity, Object.keys(entry.changes)).sort();
      if (fields.length === 0) continue;
      const key = `${entity.key}|${fields.join(',')}`;
      const group = groups.get(key) ?? { entity, fields, ids: new Set<string>() };
      group.ids.add(entry.recordId);
      groups.set(key, group);
    }
    for (const { entity, fields, ids } of groups.values()) {
      const units = new Map((await this.lookups.unitsOf(entity, [...ids])).map((r) => [r.id, r['orgUnitId'] ?? null]));
      await this.#add(entity, [...ids].map((id) => ({ id, orgUnitId: units.get(id) ?? null })), { path: 'audit', fields });
    }
  }

  /**
   * A write refused as a duplicate of personal values (an ID number already
   * registered) confirms them, in whatever scope their holder is: logged for
   * the holder's unit, then rethrown. A collision inside the writer's own
   * batch has no holder and reveals nothing.
   */
  async refused(entity: CompiledEntity, error: unknown): Promise<never> {
    const duplicate = error instanceof LatticeError ? (error.details['duplicate'] as { fields: string[]; values: string[] } | undefined) : undefined;
    const fields = duplicate ? this.#personal(entity, duplicate.fields) : [];
    if (this.actor.id && duplicate && fields.length && duplicate.values.length === duplicate.fields.length) {
      const values = decodedValues(entity, duplicate.fields, duplicate.values);
      const holders = values ? await this.lookups.holdersOf(entity, values) : [];
      if (holders.length) await this.#add(entity, holders, { path: 'duplicate', fields });
    }
    throw error;
  }

  /**
   * One entry per owning unit, so that an entry shows a unit's auditors
   * only that unit's records. `evenIfNone`: a filter that matched nothing
   * is logged too, for the units whose positions let the reader search.
   */
  async #add(entity: CompiledEntity, records: readonly Shown[], details: Record<string, unknown>, evenIfNone = false): Promise<void> {
    const byUnit = new Map<string, string[]>();
    for (const record of await this.#placed(entity, records)) {
      const unit = typeof record['orgUnitId'] === 'string' ? record['orgUnitId'] : '';
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), record.id]);
    }
    if (byUnit.size === 0 && evenIfNone) {
      const searching = this.#searchingUnits(entity);
      for (const unit of searching.length ? searching : ['']) byUnit.set(unit, []);
    }
    for (const [unit, recordIds] of byUnit) {
      const entry = { userId: this.actor.id as string, login: this.actor.name, kind: 'personal-data', entityKey: entity.key, recordIds, unitIds: unit ? [unit] : [], reason: null, details };
      this.log.add(entry, this);
    }
  }

  /** Records with their unit: read with them, or looked up when the read did not ask for it. */
  async #placed(entity: CompiledEntity, records: readonly Shown[]): Promise<readonly Shown[]> {
    if (records.every((r) => 'orgUnitId' in r)) return records;
    const units = new Map((await this.lookups.unitsOf(entity, records.map((r) => r.id))).map((r) => [r.id, r['orgUnitId'] ?? null]));
    return records.map((r) => ({ id: r.id, orgUnitId: units.get(r.id) ?? null }));
  }

  /** Units of the positions whose scope a search ran in. */
  #searchingUnits(entity: CompiledEntity): string[] {
    return [...new Set(this.guard.grants.scopes(entity.key, 'read').map((s) => s.unitId).filter(Boolean))];
  }

  #personal(entity: CompiledEntity, names: readonly string[]): string[] {
    return names.filter((name, i) => entity.fieldByName(name)?.personalData && names.indexOf(name) === i);
  }

  /** Every field the reader may read (the platform's admins: every stored field). */
  #readable(entity: CompiledEntity): string[] {
    return this.guard.readableFields(entity) ?? entity.fields.filter((f) => f.column).map((f) => f.name);
  }

  /**
   * Each level of a filter that names personal fields: the listed entity's
   * own conditions (through and/or/not), then those of related records
   * (`is`, `some`, `none`), each on its own entity.
   */
  #probes(entity: CompiledEntity, filter: RecordFilter | null, via: string | null): FilterProbe[] {
    const operators: Operators = {};
    const related: FilterProbe[] = [];
    const walk = (level: RecordFilter) => {
      for (const [name, value] of Object.entries(level)) {
        if (value === undefined || value === null) continue;
        if (name === 'and' || name === 'or') (value as RecordFilter[]).forEach(walk);
        else if (name === 'not') walk(value as RecordFilter);
        else {
          const field = entity.fieldByName(name);
          const condition = value as Record<string, unknown>;
          const target = field?.relation ? this.model.entityByKey(field.relation.target) : undefined;
          for (const op of RELATED_OPERATORS) {
            if (target && condition[op]) related.push(...this.#probes(target, condition[op] as RecordFilter, `${via ?? entity.name}.${name}`));
          }
          if (!field?.personalData) continue;
          const used = Object.keys(condition).filter((op) => !RELATED_OPERATORS.has(op) && condition[op] !== undefined);
          operators[name] = [...new Set([...(operators[name] ?? []), ...used])];
        }
      }
    };
    if (filter) walk(filter);
    return [...(Object.keys(operators).length ? [{ entity, filter: filter ?? {}, operators, via }] : []), ...related];
  }
}

/** The values a unique index reported (as Postgres prints them), decoded by their fields' types; null when one does not decode. */
function decodedValues(entity: CompiledEntity, names: readonly string[], values: readonly string[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [i, name] of names.entries()) {
    const field = entity.fieldByName(name);
    const decoded = field ? field.type.decode(values[i], field.settings) : undefined;
    if (!field || field.relation || !decoded?.ok) return null;
    out[name] = decoded.value;
  }
  return out;
}
