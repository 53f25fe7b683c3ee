/**
 * GraphQL a plugin adds to the record API: type definitions (SDL that
 * extends `Query`, `Mutation` or a generated type, or adds types of its
 * own) and their resolvers. Resolvers reach records only through
 * `context.records`, the caller's access point: their permissions, row
 * scope, field security and the access log apply as in the generated API.
 * The ORM and the database are not reachable from here by construction.
 */
export interface PluginGraphql {
  /** SDL, e.g. `extend type Query { customersInCity(city: String!): CustomerConnection! }`. A name the generated API has stops the start or the plan. */
  readonly typeDefs: string;
  /** Resolvers of the fields `typeDefs` defines, by type then field; a generated field cannot be replaced. */
  readonly resolvers: Readonly<Record<string, Readonly<Record<string, PluginResolver>>>>;
}

export type PluginResolver = (parent: unknown, args: Record<string, unknown>, context: PluginResolverContext) => unknown;

export interface PluginResolverContext {
  /** The signed-in caller. */
  readonly user: { readonly id: string; readonly login: string };
  readonly records: PluginRecords;
}

/** A plugin resolver's way to records: the generated API's read verbs, as the caller. */
export interface PluginRecords {
  /** One record by id, or null when it does not exist or is outside the caller's scope. */
  get(entity: string, id: string): Promise<Readonly<Record<string, unknown>> | null>;
  /** A page of records, filtered and sorted as the generated list query is (the same filter language and limits). */
  list(entity: string, args?: PluginListArgs): Promise<PluginRecordPage>;
}

export interface PluginListArgs {
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly orderBy?: readonly { readonly field: string; readonly direction?: 'ASC' | 'DESC' }[];
  readonly first?: number;
  readonly after?: string;
}

export interface PluginRecordPage {
  readonly nodes: readonly Readonly<Record<string, unknown>>[];
  readonly totalCount?: number | null;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}
