import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { SCALARS } from '../graphql/scalars.js';
import type { MetadataService } from '../publish/metadata-service.js';
import type { AdminContext } from './admin-context.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { OrgService } from '../org/org-service.js';
import type { Capability } from '../security/permission-document.js';
import { orgResolvers, orgTypeDefs } from './org-admin-schema.js';
import { assertMayPublish, layerResolvers, layerTypeDefs } from './layer-admin-schema.js';
import { tariffResolvers, tariffTypeDefs } from './tariff-admin-schema.js';
import type { Actor } from '../security/actor.js';
import type { RecordAccess } from '../records/record-access.js';
import type { FieldTypeRegistry, MetadataSet } from '@lattice/runtime';
import type { Plan } from '../plan/plan.js';
import { planAsSeenBy } from './plan-view.js';
import { draftAnswer, draftResolvers, draftTypeDefs } from './draft-admin-schema.js';

const typeDefs = /* GraphQL */ `
  scalar JSON
  scalar DateTime

  "A problem found in metadata: where (document path), what, and how to fix it"
  type Problem { code: String!, path: String!, message: String!, hint: String }

  type ApiChange { kind: String!, description: String!, breaking: Boolean! }
  "A record at risk: its id, its title (the entity's title field) and the values at risk, by field name"
  type RiskRecord { id: ID!, title: String, values: JSON! }
  "How to find every record at risk: SQL on the live table, and a record API filter when one can say it"
  type RiskFinder { sql: String!, filter: JSON }
  type DataRisk { id: String!, kind: String!, entity: String!, field: String, rows: Int!, message: String!, hint: String, blocking: Boolean!, "The first 20 records at risk, by id" records: [RiskRecord!]!, find: RiskFinder }
  "A value that differs between the live and the next document: path by element keys, values before and after (null when added or removed)"
  type DocumentChange { change: String!, path: String!, before: JSON, after: JSON }
  "A place that names a removed or renamed field; breaks: it would name nothing after publishing (also a risk to confirm)"
  type FieldUse { entity: String!, field: String!, change: String!, usedBy: String!, owner: String!, path: String!, breaks: Boolean!, message: String! }
  type Plan {
    fromVersion: Int!
    "The older version the draft started from, when versions were published since; null otherwise"
    startedFrom: Int
    toHash: String!
    "Key-based changes (entity/field added, removed, renamed, storage changed...)"
    changes: JSON!
    "Tariff catalog and layer price changes, value by value"
    catalogChanges: [DocumentChange!]!
    "Rule set changes, by rule set and rule key"
    ruleSetChanges: [DocumentChange!]!
    "Forms, shared views, computed facts and the layers' form layouts: one change per document (no DDL)"
    formChanges: [DocumentChange!]!
    "Roles, sharing rules, rule sets, tariff conditions, layers, forms, views and facts that name a removed or renamed field"
    whereUsed: [FieldUse!]!
    "Statements publish runs, in order, in one transaction"
    ddl: [String!]!
    apiChanges: [ApiChange!]!
    risks: [DataRisk!]!
    confirmationsRequired: [String!]!
    "Problems of the layers along the org tree; publish requires none"
    layerProblems: [Problem!]!
    "Overrides that a higher layer changed since: { layer, element, property, base, current, value, changedBy }"
    layerConflicts: JSON!
    blocked: Boolean!
    "A short hash of each part of the plan: the parts that differ say why two plans' hashes differ"
    parts: JSON!
    "Workflows changed ({ workflow, entity, change, states, transitions, inFlight }): records in flight keep the version they started on"
    workflowChanges: JSON!
    hash: String!
  }
  "The version now live, and the plan run; unchanged: the metadata equalled the live version's, so nothing was run or stored"
  type PublishResult { version: Int!, plan: Plan!, unchanged: Boolean! }
  type MetadataVersion { version: Int!, hash: String!, publishedAt: DateTime!, publishedBy: String, comment: String, restoredFrom: Int, source: JSON! }

  type Query {
    "The draft being edited: the live metadata with the draft's documents applied"
    draft(name: String = "main"): Draft!
    "Metadata of the live version"
    liveMetadata: MetadataVersion
    versions: [MetadataVersion!]!
    version(version: Int!): MetadataVersion
    """
    What publishing the draft (or the given metadata) would do; changes nothing. startedFrom: the version the metadata
    was started from (a saved draft's baseVersion by default): what it would undo of versions published since is a risk
    """
    plan(source: JSON, draft: String = "main", startedFrom: Int): Plan!
    planRollback(toVersion: Int!): Plan!
  }

  type Mutation {
    "Saves a whole set into the draft: every document that differs from the live one is an edit, a live one it lacks a removal (over any version: the set is the newest word)"
    saveDraft(source: JSON!, name: String = "main"): Draft!
    """
    Publishes the draft (or the given metadata). Required: planHash and baseVersion, the hash and fromVersion of the
    plan you reviewed (VALIDATION without them; PLAN_STALE when another version was published since or the plan
    changed). confirm: the risk ids you accept.
    """
    publish(source: JSON, draft: String = "main", planHash: String, baseVersion: Int, startedFrom: Int, confirm: [String!], comment: String): PublishResult!
    "Publishes version toVersion's metadata again; planHash and baseVersion from planRollback, as for publish"
    rollback(toVersion: Int!, planHash: String, baseVersion: Int, confirm: [String!], comment: String): PublishResult!
  }
`;

export type { AdminContext } from './admin-context.js';

type Args = Record<string, any>;

/** The reviewed plan's hash and base version as the caller gave them (publish refuses when either is missing). */
const reviewedPlanOf = (a: Args) => ({ planHash: a['planHash'] ?? undefined, baseVersion: a['baseVersion'] ?? undefined });

/** Resolvers wrapped so that each first checks that the actor holds a capability. */
function requiring<T extends Record<string, (...args: any[]) => unknown>>(capability: Capability, resolvers: T): T {
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => [
      name,
      (root: unknown, args: Args, context: AdminContext, info: unknown) => {
        context.actor.grants.require(capability);
        return resolve(root, args, context, info);
      },
    ]),
  ) as T;
}

/** What the admin API reads records with: an access point acting as the caller, on the live version. */
export interface AdminRecords {
  readonly accessFor: (actor: Actor) => RecordAccess;
  /** The business time zone: "today" and "last month" for simulations. */
  readonly timeZone: string;
}

/** A module's part of the admin API (business calendars): its type definitions and its root fields, wired in by the composition root. */
export interface AdminSchemaPart {
  readonly typeDefs: string;
  readonly Query: Record<string, unknown>;
  readonly Mutation: Record<string, unknown>;
}

/** The admin API: drafts, plan, publish, rollback and version history; the organisation (`org-admin-schema.ts`); layers; tariff simulations; and the modules' parts. */
export function buildAdminSchema(metadata: MetadataService, org: OrgService, orm: MikroORM, registry: FieldTypeRegistry, records: AdminRecords, moduleParts: readonly AdminSchemaPart[] = []): GraphQLSchema {
  const orgPart = orgResolvers(org, orm);
  const layerPart = layerResolvers(metadata, org, registry);
  const tariffPart = tariffResolvers(metadata, records.accessFor, records.timeZone);
  const draftPart = draftResolvers(metadata);
  /** The metadata planned or published: as given, or the saved draft seen whole; and the version it started from (as given, or the oldest its documents were read at). */
  const subjectOf = async (args: Args) => {
    if (args['source']) return { source: args['source'] as MetadataSet, startedFrom: (args['startedFrom'] ?? undefined) as number | undefined };
    const view = await metadata.getDraft(args['draft']);
    return { source: view.source, startedFrom: (args['startedFrom'] ?? view.baseVersion) as number | undefined, draft: { name: (args['draft'] ?? 'main') as string, view } };
  };
  /** The records a plan names, as the caller may see them (the plan itself, and its hash, are everyone's). */
  const seenBy = (c: AdminContext, plan: Plan, next?: MetadataSet) => planAsSeenBy(plan, records.accessFor(c.actor), metadata.liveModel(), next);
  const versionView = async (summary: { version: number }) => ({ ...summary, source: () => metadata.versionSource(summary.version) });
  return makeExecutableSchema({
    typeDefs: [typeDefs, draftTypeDefs, orgTypeDefs, layerTypeDefs, tariffTypeDefs, ...moduleParts.map((part) => part.typeDefs)],
    resolvers: {
      JSON: SCALARS.JSON,
      DateTime: SCALARS.DateTime,
      OrgUnit: orgPart.OrgUnit,
      User: orgPart.User,
      Query: {
        ...orgPart.Query,
        ...layerPart.Query,
        ...tariffPart.Query,
        ...draftPart.Query,
        ...Object.assign({}, ...moduleParts.map((part) => part.Query)),
        ...requiring('metadata.read', {
          draft: async (_r: unknown, a: Args) => draftAnswer(metadata, await metadata.getDraft(a['name'])),
          liveMetadata: async () => {
            const [latest] = await metadata.versions();
            return latest ? versionView(latest) : null;
          },
          versions: async () => Promise.all((await metadata.versions()).map(versionView)),
          version: async (_r: unknown, a: Args) => {
            const found = (await metadata.versions()).find((v) => v.version === a['version']);
            return found ? versionView(found) : null;
          },
          plan: async (_r: unknown, a: Args, c: AdminContext) => {
            const { source, startedFrom } = await subjectOf(a);
            return seenBy(c, await metadata.plan(source, startedFrom), source);
          },
          planRollback: async (_r: unknown, a: Args, c: AdminContext) => seenBy(c, await metadata.planRollback(a['toVersion']), await metadata.versionSource(a['toVersion'])),
        }),
      },
      Mutation: {
        ...orgPart.Mutation,
        ...layerPart.Mutation,
        ...draftPart.Mutation,
        ...Object.assign({}, ...moduleParts.map((part) => part.Mutation)),
        publish: async (_r: unknown, a: Args, c: AdminContext) => {
          const { source, startedFrom, draft } = await subjectOf(a);
          assertMayPublish(c, metadata.liveSource(), source, org, registry);
          const published = await metadata.publish(source, { ...reviewedPlanOf(a), startedFrom, ...(draft ? { draft } : {}), confirm: a['confirm'] ?? [], comment: a['comment'], actor: c.actor });
          return { ...published, plan: await seenBy(c, published.plan) };
        },
        ...requiring('metadata.publish', {
          saveDraft: async (_r: unknown, a: Args, c: AdminContext) => {
            await metadata.saveDraft(a['source'], c.actor, a['name']);
            return draftAnswer(metadata, await metadata.getDraft(a['name']));
          },
          rollback: async (_r: unknown, a: Args, c: AdminContext) => {
            const rolledBack = await metadata.rollback(a['toVersion'], { ...reviewedPlanOf(a), confirm: a['confirm'] ?? [], comment: a['comment'], actor: c.actor });
            return { ...rolledBack, plan: await seenBy(c, rolledBack.plan) };
          },
        }),
      },
    },
  });
}
