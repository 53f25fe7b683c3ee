import { checkApprovals, workflowRoleProblems, type Checked, type CompiledModel, type CompiledWorkflows, type FieldTypeRegistry, type MetadataSet, type Problem } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { LatticeError } from '../errors/lattice-error.js';
import { buildServedVersion, type ApiSchemaBuilder } from '../serve/build-served-version.js';
import type { ServedVersion } from '../serve/served-version.js';
import { createVersionOrm } from '../storage/version-orm.js';
import { applyRenames } from './apply-renames.js';
import { assessRisks, type CountRows, type QueryRows } from './assess-risks.js';
import { diffApi } from './diff-api.js';
import { diffModels } from './diff-models.js';
import { formDocumentChanges } from './form-changes.js';
import { diffDocuments } from './diff-documents.js';
import { findReverts, type StartedFrom } from './find-reverts.js';
import { breakingUseRisks, findWhereUsed, type StoredReferences } from './where-used.js';
import { fillStatements } from './fill-statements.js';
import { planDdl, type ReusedColumn } from './plan-ddl.js';
import type { ModelChange } from './model-change.js';
import type { Plan } from './plan.js';
import { checkLayers, type LayerTree } from './check-layers.js';
import { checkRenamedFrom } from './field-counterparts.js';
import { planHash, planPartHashes } from './plan-parts.js';

export interface PlanInputs {
  readonly source: unknown;
  readonly live: ServedVersion | undefined;
  readonly registry: FieldTypeRegistry;
  /** Checks and compiles metadata with the node's registries (field types, the plugins' rule operators). */
  readonly compile: (source: unknown) => Checked<CompiledModel>;
  /** The plugins' GraphQL, added to the API the plan would serve (a name clash refuses the plan). */
  /** Builds the planned version's record API (the plugins' GraphQL with it). */
  readonly buildSchema: ApiSchemaBuilder;
  readonly database: Database;
  /** Counts rows on the connection the plan runs on (inside publish: its transaction). */
  readonly count: CountRows;
  /** Reads rows on the same connection: the first records a risk names. */
  readonly query: QueryRows;
  /** The version the draft started from, when older than the live one: what the draft would undo of the versions since is a risk. */
  readonly startedFrom?: StartedFrom;
  /** The roles and sharing rules stored now, which name fields too. */
  readonly storedReferences: () => Promise<StoredReferences>;
  /** The org tree, to fold each layer along its path. */
  readonly layerTree: LayerTree;
}

/** A plan, and the version it would serve, built and validated but not yet current. */
export interface PreparedPlan {
  readonly plan: Plan;
  readonly next: ServedVersion;
}

/**
 * compile → diff → DDL → data at risk → API changes → hash. Reads the
 * database (counts) but changes nothing.
 */
export async function createPlan(inputs: PlanInputs): Promise<PreparedPlan> {
  const compiled = inputs.compile(inputs.source);
  if (!compiled.ok) throw LatticeError.invalidMetadata(compiled.problems);
  const model = compiled.value;
  const { live, database } = inputs;
  const fromVersion = live?.version ?? 0;
  const next = await buildServedVersion(fromVersion + 1, model, database, inputs.buildSchema);
  const renameProblems = checkRenamedFrom(live?.model, model);
  if (renameProblems.length) throw LatticeError.invalidMetadata(renameProblems);
  const roleProblems = await workflowRolesUnknown(model, inputs.storedReferences);
  if (roleProblems.length) throw LatticeError.invalidMetadata(roleProblems);
  const renamed = live && live.model.entities.length ? await renamedLive(live.model, model, inputs) : undefined;
  const changes = diffModels(live?.model, model);
  const ddl = planDdl(live && live.model.entities.length ? live : undefined, renamed, next, fillStatements(changes, model), reusedColumns(changes, model));
  const whereUsed = findWhereUsed(changes, live?.model, model, await inputs.storedReferences());
  const startedFrom = live && inputs.startedFrom && inputs.startedFrom.version < fromVersion ? inputs.startedFrom : undefined;
  const reverts = startedFrom && live ? findReverts(startedFrom, live.model, model, changes, documentsOf) : [];
  const risks = [...(await assessRisks(changes, live?.model, model, inputs.count, inputs.query)), ...breakingUseRisks(whereUsed), ...reverts];
  const apiChanges = diffApi(live?.schema, next.schema);
  const confirmationsRequired = risks.filter((r) => !r.blocking).map((r) => r.id);
  const layers = checkLayers(model, inputs.layerTree, inputs.registry);
  const blocked = risks.some((r) => r.blocking) || layers.problems.length > 0;
  const catalogChanges = diffDocuments(catalogOf(live?.model.source), catalogOf(model.source), '');
  const ruleSetChanges = diffDocuments(live?.model.source.ruleSets ?? [], model.source.ruleSets ?? [], 'ruleSets');
  const formChanges = formDocumentChanges(live?.model.source, model.source);
  const body = { fromVersion, startedFrom: startedFrom?.version ?? null, toHash: model.hash, changes, catalogChanges, ruleSetChanges, formChanges, ddl, apiChanges, risks, whereUsed, confirmationsRequired, layerProblems: layers.problems, layerConflicts: layers.conflicts, blocked };
  return { plan: { ...body, parts: planPartHashes(body), hash: planHash(body) }, next };
}

/** Everything that prices a quote: the catalog, and the prices the layers set for their units. */
function catalogOf(source: MetadataSet | undefined): Record<string, unknown> {
  const layerPrices = ((source?.layers ?? []) as { key: string; tariffOverrides?: unknown }[]).filter((l) => l.tariffOverrides !== undefined).map((l) => ({ key: l.key, tariffOverrides: l.tariffOverrides }));
  return { tariffs: source?.tariffs ?? {}, layers: layerPrices };
}

/** The documents compared value by value for what a stale draft undoes: the catalog and layer prices, rule sets, forms, views and facts. */
function documentsOf(source: MetadataSet | undefined): Record<string, unknown> {
  return { ...catalogOf(source), ruleSets: source?.ruleSets ?? [], forms: source?.forms ?? [], views: source?.views ?? [], facts: source?.facts ?? [] };
}

/** Columns a removed field frees and an added field of the same entity takes: dropped first, so the data goes as planned. */
function reusedColumns(changes: readonly ModelChange[], next: CompiledModel): ReusedColumn[] {
  const added = new Set(changes.flatMap((c) => (c.kind === 'field.added' && c.column ? [`${c.entity}.${c.column}`] : [])));
  return changes.flatMap((c) => {
    const table = next.entityByKey(c.entity)?.table;
    return c.kind === 'field.removed' && c.column && table && added.has(`${c.entity}.${c.column}`) ? [{ table, column: c.column }] : [];
  });
}

async function renamedLive(live: CompiledModel, next: CompiledModel, inputs: PlanInputs) {
  const compiled = inputs.compile(applyRenames(live.source, live, next));
  if (!compiled.ok) {
    throw LatticeError.invalidMetadata(compiled.problems.map((p) => ({ ...p, code: 'plan.rename-collision', hint: 'Renames that swap or reuse names must be published in two steps' })));
  }
  return { model: compiled.value, orm: (await createVersionOrm(compiled.value, inputs.database)).orm };
}

/** Roles (and unit kinds, for approval levels) the workflows name that the organisation does not have: they are the organisation's, so the runtime cannot know them. */
async function workflowRolesUnknown(model: CompiledModel, stored: PlanInputs['storedReferences']): Promise<Problem[]> {
  const workflows = model.section<CompiledWorkflows>('workflows')?.all ?? [];
  if (!workflows.length) return [];
  const references = await stored();
  const roles = new Set(references.roles.map((r) => r.key));
  const kinds = references.unitKinds?.length ? new Set(references.unitKinds) : undefined;
  return workflows.flatMap((w) => [...workflowRoleProblems(w.document, roles), ...(kinds ? checkApprovals(w.document, kinds).filter((p) => p.code === 'approval.unknown-unit-level') : [])].map((p) => ({ ...p, path: `workflows[${w.key}].${p.path}` })));
}
