import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { SCALARS } from '../graphql/scalars.js';
import type { MetadataService } from '../publish/metadata-service.js';
import type { Actor } from '../records/actor.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

const typeDefs = /* GraphQL */ `
  scalar JSON
  scalar DateTime

  "A problem found in metadata: where (document path), what, and how to fix it"
  type Problem { code: String!, path: String!, message: String!, hint: String }

  type Draft { source: JSON!, baseVersion: Int, updatedAt: DateTime, problems: [Problem!]! }
  type ApiChange { kind: String!, description: String!, breaking: Boolean! }
  type DataRisk { id: String!, kind: String!, entity: String!, field: String, rows: Int!, message: String!, hint: String, blocking: Boolean! }
  type Plan {
    fromVersion: Int!
    toHash: String!
    "Key-based changes (entity/field added, removed, renamed, storage changed...)"
    changes: JSON!
    "Statements publish runs, in order, in one transaction"
    ddl: [String!]!
    apiChanges: [ApiChange!]!
    risks: [DataRisk!]!
    confirmationsRequired: [String!]!
    blocked: Boolean!
    hash: String!
  }
  type PublishResult { version: Int!, plan: Plan! }
  type MetadataVersion { version: Int!, hash: String!, publishedAt: DateTime!, publishedBy: String, comment: String, restoredFrom: Int, source: JSON! }

  type Query {
    "The draft being edited (the live metadata when none is saved)"
    draft(name: String = "main"): Draft!
    "Metadata of the live version"
    liveMetadata: MetadataVersion
    versions: [MetadataVersion!]!
    version(version: Int!): MetadataVersion
    "What publishing the draft (or the given metadata) would do; changes nothing"
    plan(source: JSON, draft: String = "main"): Plan!
    planRollback(toVersion: Int!): Plan!
  }

  type Mutation {
    saveDraft(source: JSON!, name: String = "main"): Draft!
    "Publishes the draft (or the given metadata). planHash: the plan you reviewed; confirm: the risk ids you accept"
    publish(source: JSON, draft: String = "main", planHash: String, confirm: [String!], comment: String): PublishResult!
    rollback(toVersion: Int!, planHash: String, confirm: [String!], comment: String): PublishResult!
  }
`;

export interface AdminContext {
  actor: Actor;
  /** Null only while `requireAuthentication` is off and the caller sent no token. */
  user: AuthenticatedUser | null;
}

type Args = Record<string, any>;

/** The admin API: drafts, plan, publish, rollback and version history. */
export function buildAdminSchema(metadata: MetadataService): GraphQLSchema {
  const sourceOf = async (args: Args) => args['source'] ?? (await metadata.getDraft(args['draft'])).source;
  const versionView = async (summary: { version: number }) => ({ ...summary, source: () => metadata.versionSource(summary.version) });
  return makeExecutableSchema({
    typeDefs,
    resolvers: {
      JSON: SCALARS.JSON,
      DateTime: SCALARS.DateTime,
      Query: {
        draft: async (_r: unknown, a: Args) => {
          const draft = await metadata.getDraft(a['name']);
          return { ...draft, problems: await metadata.problemsOf(draft.source) };
        },
        liveMetadata: async () => {
          const [latest] = await metadata.versions();
          return latest ? versionView(latest) : null;
        },
        versions: async () => Promise.all((await metadata.versions()).map(versionView)),
        version: async (_r: unknown, a: Args) => {
          const found = (await metadata.versions()).find((v) => v.version === a['version']);
          return found ? versionView(found) : null;
        },
        plan: async (_r: unknown, a: Args) => metadata.plan(await sourceOf(a)),
        planRollback: (_r: unknown, a: Args) => metadata.planRollback(a['toVersion']),
      },
      Mutation: {
        saveDraft: async (_r: unknown, a: Args, c: AdminContext) => {
          const problems = await metadata.saveDraft(a['source'], c.actor, a['name']);
          return { ...(await metadata.getDraft(a['name'])), problems };
        },
        publish: async (_r: unknown, a: Args, c: AdminContext) =>
          metadata.publish(await sourceOf(a), { planHash: a['planHash'], confirm: a['confirm'] ?? [], comment: a['comment'], actor: c.actor }),
        rollback: (_r: unknown, a: Args, c: AdminContext) =>
          metadata.rollback(a['toVersion'], { planHash: a['planHash'], confirm: a['confirm'] ?? [], comment: a['comment'], actor: c.actor }),
      },
    },
  });
}
