import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { canonicalJson, compileModel, createBuiltinDocumentKinds, type Checked, type CompiledModel, type CompileOptions, type FieldTypeRegistry, type MetadataSet } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { MetadataVersionEntity, type MetadataVersionRow } from '../database/platform-entities.js';
import { LatticeError } from '../errors/lattice-error.js';
import { recordAudit } from '../audit/audit-log.js';
import { createPlan, type PreparedPlan } from '../plan/create-plan.js';
import type { Plan } from '../plan/plan.js';
import { RecentPlans } from '../plan/plan-parts.js';
import { buildServedVersion } from '../serve/build-served-version.js';
import { recordSchemaBuilder } from '../graphql/build-record-schema.js';
import type { ApiSchemaBuilder } from '../serve/build-served-version.js';
import type { LiveApi } from '../serve/live-api.js';
import type { VersionNotifier } from '../notices/version-notifier.js';
import { limitPublishWaits, runPublishDdl, type DdlTimeouts } from './run-publish-ddl.js';
import { runDeferredDrops, type DropsDue } from './deferred-drops.js';
import type { Actor } from '../security/actor.js';
import type { LayerTree } from '../plan/check-layers.js';
import { OrgUnitKindEntity, RoleEntity } from '../org/org-entities.js';
import { SharingRuleEntity } from '../security/sharing-entities.js';
import { DraftStore } from './draft-store.js';
import { DraftService, type DraftView } from './draft-service.js';

export interface PublishOptions {
  /** Hash of the plan the admin reviewed (required): publish refuses when the plan changed since. */
  readonly planHash: string | undefined;
  /** The live version that plan was made on (its `fromVersion`, required): publish refuses when another version was published since. */
  readonly baseVersion: number | undefined;
  /** Risk ids the admin confirmed (`plan.confirmationsRequired`). */
  readonly confirm?: readonly string[];
  readonly comment?: string;
  /** The version the draft started from (a saved draft's `baseVersion`): what it would undo of the versions published since is a risk to confirm. */
  readonly startedFrom?: number | undefined;
  /** The saved draft being published, as read: its published documents' entries are cleared in the publish transaction. */
  readonly draft?: { readonly name: string; readonly view: DraftView };
  readonly actor: Actor;
}

export interface PublishOutcome {
  /** The version now live: the new one, or the live one when nothing changed. */
  readonly version: number;
  readonly plan: Plan;
  /** True when the metadata equals the live version's: nothing was run or stored. */
  readonly unchanged: boolean;
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
  /** Drafts, per document over the live metadata. */
  readonly drafts: DraftService;
  /** The plans made lately: PLAN_STALE names the parts in which publish's plan differs from the reviewed one. */
  readonly #recentPlans = new RecentPlans();

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
    /** Builds the record API of every version served or planned (with the plugins' GraphQL). */
    private readonly buildSchema: ApiSchemaBuilder = recordSchemaBuilder([]),
  ) {
    this.drafts = new DraftService(
      new DraftStore(orm),
      () => ({ source: this.live.current.model.source, version: Math.max(this.live.version, 0) }),
      ['entities', 'layers', ...(compileOptions.kinds ?? createBuiltinDocumentKinds()).sections()],
      (source) => this.problemsOf(source),
    );
  }

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
    if (row) await this.serveStored(row, { catchingUp: true });
  }

  /** Serves the newest stored version if it is newer than the one served: after notifications may have been missed. */
  async catchUpLatest(): Promise<void> {
    const latest = await this.orm.em.fork().findOne(MetadataVersionEntity, { version: { $gt: Math.max(this.live.version, 0) } }, { orderBy: { version: 'desc' } });
    if (latest) await this.serveStored(latest, { catchingUp: true });
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

  /** The compiled model of the version served now. */
  liveModel(): CompiledModel {
    return this.live.current.model;
  }

  /** A draft seen whole (the live metadata when it has no documents). */
  async getDraft(name = 'main'): Promise<DraftView> {
    return this.drafts.get(name);
  }

  /** Stores every document of a whole set that differs from the draft (a draft may be work in progress); returns the problems it still has. */
  async saveDraft(source: unknown, actor: Actor, name = 'main') {
    return this.drafts.saveWhole(source, actor, name);
  }

  async problemsOf(source: unknown) {
    const compiled = this.compile(source);
    return compiled.ok ? [] : compiled.problems;
  }

  /** Checks and compiles metadata with this node's registries, storing and serving nothing. */
  compile(source: unknown): Checked<CompiledModel> {
    return compileModel(inKeyOrder(source), this.registry, this.compileOptions);
  }

  /** What publishing `source` would do; `startedFrom`: the version the draft started from, as for publish. */
  async plan(source: unknown, startedFrom?: number): Promise<Plan> {
    const em = this.orm.em.fork();
    const { plan } = await this.prepare(source, em, startedFrom);
    this.#recentPlans.remember(plan);
    return plan;
  }

  /**
   * Publishes exactly the plan the admin reviewed: `planHash` and
   * `baseVersion` are required, and a plan made on an older version is
   * refused, so a stale draft never silently undoes what someone else
   * published. Metadata equal to the live version's publishes nothing and
   * answers the live version (`unchanged`).
   */
  async publish(source: unknown, options: PublishOptions, restoredFrom?: number): Promise<PublishOutcome> {
    const missing = [...(options.planHash ? [] : ['planHash']), ...(Number.isInteger(options.baseVersion) ? [] : ['baseVersion'])];
    if (missing.length) {
      // Metadata that cannot be planned says why first: there was no plan to review.
      const compiled = this.compile(source);
      throw compiled.ok ? LatticeError.planNotReviewed(missing) : LatticeError.invalidMetadata(compiled.problems);
    }
    return this.publishPlan(source, options, restoredFrom, true);
  }

  /**
   * Plans and publishes at once, for the platform's own publishes (the
   * example's metadata at first start, benchmarks): the same path, with the
   * plan made under the lock as the reviewed one. Not reachable from the API.
   */
  async planAndPublish(source: unknown, options: Omit<PublishOptions, 'planHash' | 'baseVersion'>): Promise<PublishOutcome> {
    return this.publishPlan(source, { ...options, planHash: undefined, baseVersion: undefined }, undefined, false);
  }

  private async publishPlan(source: unknown, options: PublishOptions, restoredFrom: number | undefined, reviewed: boolean): Promise<PublishOutcome> {
    const em = this.orm.em.fork();
    let unchanged = false;
    const prepared = await em.transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
      await limitPublishWaits(tx as EntityManager, this.operations);
      const stored = await tx.findOne(MetadataVersionEntity, { version: { $gt: 0 } }, { orderBy: { version: 'desc' } });
      if ((stored?.version ?? 0) !== Math.max(this.live.version, 0)) await this.serveStored(stored);
      if (reviewed && options.baseVersion !== (stored?.version ?? 0)) throw LatticeError.planBasedOnOlderVersion(options.baseVersion ?? 0, stored?.version ?? 0, await this.publishedSince(tx as EntityManager, options.baseVersion ?? 0));
      const result = await this.prepare(source, tx as EntityManager, options.startedFrom);
      const { plan } = result;
      if (reviewed && options.planHash !== plan.hash) throw LatticeError.planStale(options.planHash ?? '', plan.hash, this.#recentPlans.changedParts(options.planHash ?? '', plan));
      // The same metadata as the live version: nothing to run, no version to add.
      if (this.live.version > 0 && plan.toHash === this.live.current.model.hash) {
        unchanged = true;
        // A draft equal to the live metadata has nothing left to publish: its entries are the live documents.
        if (options.draft) await this.drafts.clearPublished(tx as EntityManager, options.draft.name, options.draft.view.entries, options.actor);
        return result;
      }
      if (plan.blocked) throw LatticeError.planBlocked([...plan.risks.filter((r) => r.blocking), ...plan.layerProblems.map((p) => ({ id: p.path, message: p.message }))]);
      const missing = plan.confirmationsRequired.filter((id) => !options.confirm?.includes(id));
      if (missing.length) throw LatticeError.confirmationRequired(missing);
      const version = plan.fromVersion + 1;
      const { deferred } = await runPublishDdl(tx as EntityManager, plan.ddl, version, this.operations);
      // The version keeps its plan without the records it listed: their values are not history to keep.
      const kept = { ...plan, risks: plan.risks.map(({ records: _records, ...risk }) => risk) };
      tx.create(MetadataVersionEntity, { version, hash: plan.toHash, source: result.next.model.source, plan: kept, publishedAt: new Date(), publishedBy: options.actor.name, comment: options.comment ?? null, restoredFrom: restoredFrom ?? null });
      if (options.draft) await this.drafts.clearPublished(tx as EntityManager, options.draft.name, options.draft.view.entries, options.actor);
      recordAudit(tx as EntityManager, { actor: options.actor.name, action: restoredFrom ? 'rollback' : 'publish', metadataVersion: version, changes: { version, restoredFrom: restoredFrom ?? null, ddl: plan.ddl, deferredDrops: deferred, changes: plan.changes } });
      await tx.flush();
      await this.notifier.announce(tx as EntityManager, version);
      return result;
    });
    if (unchanged) return { version: this.live.version, plan: prepared.plan, unchanged };
    this.live.swap(prepared.next);
    return { version: prepared.next.version, plan: prepared.plan, unchanged };
  }

  private async publishedSince(em: EntityManager, baseVersion: number): Promise<{ version: number; publishedBy: string | null }[]> {
    const rows = await em.find(MetadataVersionEntity, { version: { $gt: baseVersion } }, { orderBy: { version: 'asc' }, fields: ['version', 'publishedBy'] as never });
    return rows.map((r) => ({ version: r.version, publishedBy: r.publishedBy ?? null }));
  }

  /** Rollback is a publish of an earlier version's metadata, with its own plan. */
  async planRollback(toVersion: number): Promise<Plan> {
    return this.plan((await this.versionRowOrThrow(toVersion)).source);
  }

  async rollback(toVersion: number, options: PublishOptions): Promise<PublishOutcome> {
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

  private async prepare(source: unknown, em: EntityManager, startedFrom?: number): Promise<PreparedPlan> {
    const started = await this.startedFromModel(em, startedFrom);
    return createPlan({
      source,
      ...(started ? { startedFrom: started } : {}),
      live: this.live.version > 0 ? this.live.current : undefined,
      registry: this.registry,
      compile: (input) => this.compile(input),
      buildSchema: this.buildSchema,
      database: this.database,
      count: async (sql) => Number((await em.execute<{ count: string }[]>(sql))[0]?.count ?? 0),
      query: (sql) => em.execute<Record<string, unknown>[]>(sql),
      storedReferences: async () => ({
        roles: (await em.find(RoleEntity, {}, { orderBy: { key: 'asc' } })).map((r) => ({ key: r.key, permissions: r.permissions })),
        sharingRules: (await em.find(SharingRuleEntity, {}, { orderBy: { key: 'asc' } })).map((r) => ({ key: r.key, entity: r.entityKey, criteria: (r.rule as { criteria?: unknown }).criteria })),
        unitKinds: (await em.find(OrgUnitKindEntity, {})).map((k) => k.key),
      }),
      layerTree: this.layerTree(),
    });
  }

  /** The compiled metadata of the version a draft started from, when it is older than the live one. */
  private async startedFromModel(em: EntityManager, version: number | undefined) {
    if (version === undefined || version === null || version <= 0 || version >= this.live.version) return undefined;
    const row = await em.findOne(MetadataVersionEntity, { version });
    const compiled = row ? this.compile(row.source) : undefined;
    return compiled?.ok ? { version, model: compiled.value } : undefined;
  }

  private async versionRowOrThrow(version: number): Promise<MetadataVersionRow> {
    const row = await this.orm.em.fork().findOne(MetadataVersionEntity, { version });
    if (!row) throw LatticeError.notFound(`Metadata version ${version}`);
    return row;
  }

  /**
   * Serves a stored version. Catching up (a notice, the version watch) it
   * only ever moves to a newer version: a catch-up begun before this node's
   * own publish swapped that version in must not replace it when it ends.
   */
  private async serveStored(row: MetadataVersionRow | null, options: { catchingUp?: boolean } = {}): Promise<void> {
    const compiled = this.compile(row?.source ?? { entities: [] });
    if (!compiled.ok) throw new Error(`Stored metadata version ${row?.version} no longer compiles: ${storedProblem(compiled.problems)}`);
    this.live.swap(await buildServedVersion(row?.version ?? 0, compiled.value, this.database, this.buildSchema), { force: !options.catchingUp });
  }
}

/** Parts a plugin may provide: metadata published with a plugin needs it loaded to be served again. */
const PLUGIN_PARTS = new Set(['field.unknown-type', 'rule.unknown-fact', 'rule.unknown-operator']);

function storedProblem(problems: readonly { code: string; path: string; message: string }[]): string {
  const first = problems[0];
  if (!first) return 'no problem reported';
  const plugin = PLUGIN_PARTS.has(first.code) ? ' (a plugin it was published with is not loaded: start with --plugin <module>)' : '';
  return `${first.path}: ${first.message}${plugin}`;
}

/**
 * Metadata with every object's properties in name order, whatever order a
 * request or the database (jsonb keeps its own) gave them in: a version is
 * the same whether this node published it or loaded it from its row, so
 * the plans made on it are too.
 */
function inKeyOrder(source: unknown): unknown {
  return source === undefined ? undefined : JSON.parse(canonicalJson(source));
}
