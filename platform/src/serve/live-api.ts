import { printSchema } from 'graphql';
import type { GatewayExecutor, GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback, GatewayUnsubscriber } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import type { ServedVersion } from './served-version.js';

/**
 * The pointer to the served version, and Apollo Server's view of it. Apollo's
 * gateway interface lets us push a new schema: Apollo validates it, keeps
 * the old one if it is invalid, and every request keeps the schema it
 * started with, so in-flight requests finish on their version.
 */
export class LiveApi implements GatewayInterface {
  #current: ServedVersion | undefined;
  readonly #listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  /** Every version pushed to Apollo, by its schema: a request knows its schema, the executor finds its version. */
  readonly #bySchema = new WeakMap<GraphQLSchema, ServedVersion>();
  #executor: GatewayExecutor | null = null;

  get current(): ServedVersion {
    if (!this.#current) throw new Error('No metadata version is served yet');
    return this.#current;
  }

  get version(): number {
    return this.#current?.version ?? -1;
  }

  /** Makes a version current; older or equal versions are ignored (notifications may arrive late or twice). */
  swap(next: ServedVersion, options: { force?: boolean } = {}): boolean {
    if (this.#current && next.version <= this.#current.version && !options.force) return false;
    this.#current = next;
    this.#bySchema.set(next.schema, next);
    const update = { apiSchema: next.schema, coreSupergraphSdl: printSchema(next.schema) };
    for (const listener of this.#listeners) listener(update);
    return true;
  }

  /** The version a schema was built for, if this pointer ever served it. */
  versionOf(schema: GraphQLSchema): ServedVersion | undefined {
    return this.#bySchema.get(schema);
  }

  /** The executor Apollo runs operations with (the compiled reads, `sql-reads/`); set before Apollo starts. Without one, graphql-js's. */
  useExecutor(executor: GatewayExecutor): void {
    this.#executor = executor;
  }

  async load(): Promise<GatewayLoadResult> {
    return { executor: this.#executor };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.#listeners.add(callback);
    if (this.#current) callback({ apiSchema: this.#current.schema, coreSupergraphSdl: printSchema(this.#current.schema) });
    return () => this.#listeners.delete(callback);
  }

  async stop(): Promise<void> {
    this.#listeners.clear();
  }
}
