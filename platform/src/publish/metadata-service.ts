import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { compileModel, type Checked, type CompiledModel, type CompileOptions, type FieldTypeRegistry, type MetadataSet } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { DraftEntity, MetadataVersionEntity, type MetadataVersionRow } from '../database/platform-entities.js';
import { LatticeError } from '../errors/lattice-error.js';
import { recordAudit } from '../audit/audit-log.js';
import { createPlan, type PreparedPlan } from '../plan/create-plan.js';
import type { Plan } from '../plan/plan.js';
import { buildServedVersion } from '../serve/build-served-version.js';
import type { LiveApi } from '../serve/live-api.js';
import type { VersionNotifier } from './version-notifier.js';
import { limitPublishWaits, runPublishDdl, type DdlTimeouts } from './run-publish-ddl.js';
import { runDeferredDrops, type DropsDue } from './deferred-drops.js';
import type { Actor } from '../records/actor.js';
import type { LayerTree } from '../plan/check-layers.js';

export interface PublishOptions {
  /** Hash of the plan the admin reviewed; publish refuses when the plan changed since. */
  readonly planHash?: string;
  /** Risk ids the admin confirmed (`plan.confirmationsRequired`). */
  readonly confirm?: readonly string[];
  readonly comment?: string;
  readonly actor: Actor;
}

export interface VersionSummary {
  version: number;
  hash: string;
  publishedAt: string;
  publishedBy: string | null;
  comment: string | null;
  restoredFrom: number | null;
}

const PUBLISH_LOCK = 7_424_511; // advisory lock id serializing publishes across platform nodes

/**
 * Drafts, plan, publish, rollback and version history. Publish runs the
 * plan's DDL and stores the new version in one transaction, re-planning
 * under a lock so it runs exactly what the admin reviewed, then swaps the
 * served API and tells the other nodes.
 */
export class MetadataService {
  constructor(
    private readonly database: Database,
    private readonly orm: MikroORM,
    private readonly registry: FieldTypeRegistry,
    private readonly live: LiveApi,
    private readonly notifier: VersionNotifier,
    /** The org tree as it is now: layers are placed and folded along it. */
    private readonly layerTree: () => LayerTree,
    /** What compiling uses beyond the built-ins: the plugins' rule operators. */
    private readonly compileOptions: CompileOptions = {},
    /** Bounds on the publish transaction's waits, and when deferred drops are due. */
    private readonly operations: DdlTimeouts & DropsDue = { ddlLockTimeoutMs: 2_000, publishIdleTimeoutMs: 60_000, graceMs: 10_000, nodeTimeoutMs: 30_000 },
  ) {}

  /** Serves the newest stored version (or an empty API before the first publish). */
  async start(): Promise<void> {
    const latest = await this.orm.em.fork().findOne(MetadataVersionEntity, { version: { $gt: 0 } }, { orderBy: { version: 'desc' } });
    await this.serveStored(latest);
    this.notifier.onVersion((version) => void this.catchUp(version));
  }

  /** Another node published: load and serve that version if it is newer. */
  async catchUp(version: number): Promise<void> {
    if (version <= this.live.version) return;
    const row = await this.orm.em.fork().findOne(MetadataVersionEntity, { version });
    if (row) await this.serveStored(row);
  }

  /** Serves the newest stored version if it is newer than the one served: after notifications may have been missed. */
  async catchUpLatest(): Promise<void> {
    const latest = await this.orm.em.fork().findOne(MetadataVersionEntity, { version: { $gt: Math.max(this.live.version, 0) } }, { orderBy: { version: 'desc' } });
    if (latest) await this.serveStored(latest);
  }

  /**
   * Runs the drops earlier publishes deferred once every node has moved past
   * their version (`all`: every one now, whatever the nodes serve). Skipped
   * while a publish holds the lock (it runs them itself). Returns the statements run.
   */
  async runDeferredDrops(options: { all?: boolean } = {}): Promise<string[]> {
    return this.orm.em.fork().transactional(async (tx) => {
      const [row] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(${PUBLISH_LOCK}) as locked`);
      if (!row?.locked) return [];
      await limitPublishWaits(tx as EntityManager, this.operations);
      return runDeferredDrops(tx as EntityManager, options.all ? undefined : this.operations);
    });
  }

  /** The metadata of the version served now. */
  liveSource(): MetadataSet {
    return this.live.current.model.source;
  }

  async getDraft(name = 'main'): Promise<{ source: MetadataSet; baseVersion: number | null; updatedAt: string | null }> {
    const draft = await this.orm.em.fork().findOne(DraftEntity, { name });
    if (draft) return { source: draft.source as MetadataSet, baseVersion: draft.baseVersion ?? null, updatedAt: draft.updatedAt.toISOString() };
    return { source: this.live.current.model.source, baseVersion: this.live.version, updatedAt: null };
  }

  /** Stores a draft as given (a draft may be work in progress); returns the problems it still has. */
  async saveDraft(source: unknown, actor: Actor, name = 'main') {
    const em = this.orm.em.fork();
    const existing = await em.findOne(DraftEntity, { name });
    if (existing) em.assign(existing, { source, updatedAt: new Date(), updatedBy: actor.name });
    else em.create(DraftEntity, { name, source, baseVersion: this.live.version, updatedAt: new Date(), updatedBy: actor.name });
    await em.flush();
    return this.problemsOf(source);
  }

  async problemsOf(source: unknown) {
    const compiled = this.compile(source);
    return compiled.ok ? [] : compiled.problems;
  }

  /** Checks and compiles metadata with this node's registries, storing and serving nothing. */
  compile(source: unknown): Checked<CompiledModel> {
    return compileModel(source, this.registry, this.compileOptions);
  }

  async plan(source: unknown): Promise<Plan> {
    const em = this.orm.em.fork();
    return (await this.prepare(source, em)).plan;
  }

  async publish(source: unknown, options: PublishOptions, restoredFrom?: number): Promise<{ version: number; plan: Plan }> {
    const em = this.orm.em.fork();
    const prepared = await em.transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
      await limitPublishWaits(tx as EntityManager, this.operations);
      const stored = await tx.findOne(MetadataVersionEntity, { version: { $gt: 0 } }, { orderBy: { version: 'desc' } });
      if ((stored?.version ?? 0) !== Math.max(this.live.version, 0)) await this.serveStored(stored);
      const result = await this.prepare(source, tx as EntityManager);
      const { plan } = result;
      if (options.planHash && options.planHash !== plan.hash) throw LatticeError.planStale(options.planHash, plan.hash);
      if (plan.blocked) throw LatticeError.planBlocked([...plan.risks.filter((r) => r.blocking), ...plan.layerProblems.map((p) => ({ id: p.path, message: p.message }))]);
      const missing = plan.confirmationsRequired.filter((id) => !options.confirm?.includes(id));
      if (missing.length) throw LatticeError.confirmationRequired(missing);
      const version = plan.fromVersion + 1;
      const { deferred } = await runPublishDdl(tx as EntityManager, plan.ddl, version, this.operations);
      tx.create(MetadataVersionEntity, { version, hash: plan.toHash, source: result.next.model.source, plan, publishedAt: new Date(), publishedBy: options.actor.name, comment: options.comment ?? null, restoredFrom: restoredFrom ?? null });
      recordAudit(tx as EntityManager, { actor: options.actor.name, action: restoredFrom ? 'rollback' : 'publish', metadataVersion: version, changes: { version, restoredFrom: restoredFrom ?? null, ddl: plan.ddl, deferredDrops: deferred, changes: plan.changes } });
      await tx.flush();
      await this.notifier.announce(tx as EntityManager, version);
      return result;
    });
    this.live.swap(prepared.next);
    return { version: prepared.next.version, plan: prepared.plan };
  }

  /** Rollback is a publish of an earlier version's metadata, with its own plan. */
  async planRollback(toVersion: number): Promise<Plan> {
    return this.plan((await this.versionRowOrThrow(toVersion)).source);
  }

  async rollback(toVersion: number, options: PublishOptions): Promise<{ version: number; plan: Plan }> {
    const row = await this.versionRowOrThrow(toVersion);
    return this.publish(row.source, options, toVersion);
  }

  async versions(): Promise<VersionSummary[]> {
    const rows = await this.orm.em.fork().find(MetadataVersionEntity, { version: { $gt: 0 } }, { orderBy: { version: 'desc' }, fields: ['version', 'hash', 'publishedAt', 'publishedBy', 'comment', 'restoredFrom'] as never });
    return rows.map((r) => ({ version: r.version, hash: r.hash, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy ?? null, comment: r.comment ?? null, restoredFrom: r.restoredFrom ?? null }));
  }

  async versionSource(version: number): Promise<MetadataSet> {
    return (await this.versionRowOrThrow(version)).source as MetadataSet;
  }

  private async prepare(source: unknown, em: EntityManager): Promise<PreparedPlan> {
    return createPlan({
      source,
      live: this.live.version > 0 ? this.live.current : undefined,
      registry: this.registry,
      compile: (input) => this.compile(input),
      database: this.database,
      count: async (sql) => Number((await em.execute<{ count: string }[]>(sql))[0]?.count ?? 0),
      layerTree: this.layerTree(),
    });
  }

  private async versionRowOrThrow(version: number): Promise<MetadataVersionRow> {
    const row = await this.orm.em.fork().findOne(MetadataVersionEntity, { version });
    if (!row) throw LatticeError.notFound(`Metadata version ${version}`);
    return row;
  }

  private async serveStored(row: MetadataVersionRow | null): Promise<void> {
    const compiled = this.compile(row?.source ?? { entities: [] });
    if (!compiled.ok) throw new Error(`Stored metadata version ${row?.version} no longer compiles: ${compiled.problems[0]?.message}`);
    this.live.swap(await buildServedVersion(row?.version ?? 0, compiled.value, this.database), { force: true });
  }
}

