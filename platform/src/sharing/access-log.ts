import type { EntityManager } from '@mikro-orm/postgresql';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { ActorGrants } from '../security/actor-grants.js';
import { AccessLogEntity, type AccessLogRow } from '../security/sharing-entities.js';

export type AccessKind = 'serve-anywhere' | 'serve-refused' | 'personal-data' | 'share' | 'share-revoked';

export interface AccessLogEntryView {
  id: string;
  at: string;
  login: string;
  kind: string;
  entity: string;
  recordIds: string[];
  units: string[];
  reason: string | null;
  details: unknown;
}

/** Adds an entry to the unit of work: it commits with the access it records. */
export function logAccess(em: EntityManager, entry: Omit<AccessLogRow, 'id' | 'at'>): void {
  em.create(AccessLogEntity, { ...entry, at: new Date() });
}

/**
 * The access log as its readers see it: holders of `access-log.read` see
 * the entries about records of units within their subtrees (the owning
 * unit sees who served its customers, and who read their personal data);
 * the platform sees everything. Newest first, paged by entry id.
 */
export async function readAccessLog(em: EntityManager, grants: ActorGrants, directory: OrgDirectory, query: { first?: number | null; after?: string | null; kind?: string | null }, maxPage: number): Promise<{ entries: AccessLogEntryView[]; hasNextPage: boolean }> {
  grants.require('access-log.read');
  const first = query.first ?? 50;
  if (first < 0) throw LatticeError.invalidInput('first', 'Page size cannot be negative');
  if (first > maxPage) throw LatticeError.limitExceeded('Page size', maxPage, first);
  const params: unknown[] = [];
  const where: string[] = [];
  const audited = grants.isUnrestricted ? null : new Set(grants.unitsWith('access-log.read').flatMap((id) => directory.subtreeIds(id)));
  if (audited) {
    params.push(`{${[...audited].join(',')}}`);
    where.push('unit_ids && ?::uuid[]');
  }
  if (query.kind) {
    where.push('kind = ?');
    params.push(query.kind);
  }
  if (query.after) {
    if (!/^\d+$/.test(query.after)) throw LatticeError.invalidInput('after', 'The cursor is not valid for the access log');
    where.push('id < ?');
    params.push(query.after);
  }
  params.push(first + 1);
  const rows = await em.execute<Record<string, unknown>[]>(`select * from lattice_access_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`, params);
  return {
    hasNextPage: rows.length > first,
    entries: rows.slice(0, first).map((r) => {
      const { recordIds, unitIds } = visiblePart(r['record_ids'] as string[], r['unit_ids'] as string[], audited);
      return {
        id: String(r['id']),
        at: new Date(r['at'] as string).toISOString(),
        login: r['login'] as string,
        kind: r['kind'] as string,
        entity: r['entity_key'] as string,
        recordIds,
        units: unitIds.map((id) => directory.byId(id)?.key ?? id),
        reason: (r['reason'] as string | null) ?? null,
        details: r['details'],
      };
    }),
  };
}

/**
 * What of an entry its reader may see: the units they audit and the records
 * of those units. Entries name records of one unit each (so the split is
 * exact); one naming several units' records (written before entries were
 * split by unit) shows a reader who audits only some of them no record ids.
 */
function visiblePart(recordIds: string[], unitIds: string[], audited: ReadonlySet<string> | null): { recordIds: string[]; unitIds: string[] } {
  if (!audited) return { recordIds, unitIds };
  const visible = unitIds.filter((id) => audited.has(id));
  return { recordIds: visible.length === unitIds.length ? recordIds : [], unitIds: visible };
}

/** Records one merged entry may name: a scan of thousands of records still logs in entries a reader can page through. */
export const RECORDS_PER_MERGED_ENTRY = 500;

type PendingEntry = Omit<AccessLogRow, 'id'>;

/**
 * Personal-data reads are logged in batches: every read adds its entry here
 * and one multi-row insert writes them shortly after (every `intervalMs`, or
 * at `maxEntries`), instead of a write on every read. The reads of one
 * request (a page of customers and, per customer, their subscriptions) add
 * to one entry per entity and fields read, up to a few hundred records, so
 * a page is one entry, not fifty. The trade: if the process dies, the
 * entries of the last interval are lost. Closing the platform flushes what
 * is pending.
 */
export class AccessLogWriter {
  #pending: PendingEntry[] = [];
  /** Per request (its access point), the open entry for each kind of read, while pending. */
  #open = new WeakMap<object, Map<string, PendingEntry>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: () => EntityManager,
    private readonly options: { intervalMs: number; maxEntries: number },
  ) {}

  /** `request`: reads of the same request add to the same entry. */
  add(entry: Omit<AccessLogRow, 'id' | 'at'>, request?: object): void {
    const key = `${entry.userId}|${entry.kind}|${entry.entityKey}|${entry.unitIds.join(',')}|${entry.reason ?? ''}|${JSON.stringify(entry.details)}`;
    let open = request ? this.#open.get(request) : undefined;
    if (request && !open) this.#open.set(request, (open = new Map()));
    const same = open?.get(key);
    if (same && same.recordIds.length + entry.recordIds.length <= RECORDS_PER_MERGED_ENTRY) {
      same.recordIds = [...new Set([...same.recordIds, ...entry.recordIds])];
      same.unitIds = [...new Set([...same.unitIds, ...entry.unitIds])];
      return;
    }
    const pending = { ...entry, at: new Date() };
    open?.set(key, pending);
    this.#pending.push(pending);
    if (this.#pending.length >= this.options.maxEntries) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  /** Writes what is pending; resolves once it is stored. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#open = new WeakMap();
    this.#flushing = this.#flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.em().insertMany(AccessLogEntity, batch);
      } catch (error) {
        console.error(`lattice: ${batch.length} access log entries could not be written: ${(error as Error).message}`);
      }
    });
    return this.#flushing;
  }
}
