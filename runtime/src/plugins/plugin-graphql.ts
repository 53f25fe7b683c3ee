import type { Problem } from '../problems/problem.js';

/**
 * GraphQL a plugin adds to the record API: type definitions (SDL that
 * extends `Query`, `Mutation` or a generated type, or adds types of its
 * own) and their resolvers. Resolvers reach records only through
 * `context.records`, the caller's access point: their permissions, row
 * scope, field security and the access log apply as in the generated API,
 * and every write runs the one write pipeline as the caller. The ORM and
 * the database are not reachable from here by construction.
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
  /**
   * Refuses the request with field problems (`VALIDATION`, each at its
   * `path`), as a form problem is refused: for what a resolver checks
   * itself before it writes. In a request's transaction, nothing it wrote
   * before stays.
   */
  refuse(problems: readonly Problem[]): never;
}

type PluginRecord = Readonly<Record<string, unknown>>;

/**
 * A plugin resolver's way to records: the generated API's verbs, as the
 * caller. Reads answer only what the caller may see. Writes are for the
 * plugin's `Mutation` fields (elsewhere they are refused): each runs the
 * write pipeline as the generated mutation does (authorise, field
 * security, reference visibility, form logic, validation, rules, hooks,
 * audit in the caller's name), and all the writes of one request commit
 * together or not at all. A write answers the record as the caller may see
 * it; one it is refused throws the error the generated mutation gives
 * (`NOT_FOUND`, `FORBIDDEN`, `VALIDATION`, `CONFLICT`).
 */
export interface PluginRecords {
  /** One record by id, or null when it does not exist or is outside the caller's scope. */
  get(entity: string, id: string): Promise<PluginRecord | null>;
  /** A page of records, filtered and sorted as the generated list query is (the same filter language and limits). */
  list(entity: string, args?: PluginListArgs): Promise<PluginRecordPage>;
  /** Creates a record from field values by field name, as `create<Entity>` does (since plugin API 1.1). */
  create(entity: string, input: Readonly<Record<string, unknown>>): Promise<PluginRecord>;
  /** Changes the given fields of the record at the version read (a stale one is a `CONFLICT`), as `update<Entity>` does (since 1.1). */
  update(entity: string, id: string, version: number, input: Readonly<Record<string, unknown>>): Promise<PluginRecord>;
  /** Soft-deletes the record (it can be restored), as `delete<Entity>` does; `version` checked when given (since 1.1). */
  delete(entity: string, id: string, version?: number): Promise<PluginRecord>;
  /** Brings a soft-deleted record back, as `restore<Entity>` does (since 1.1). */
  restore(entity: string, id: string): Promise<PluginRecord>;
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
