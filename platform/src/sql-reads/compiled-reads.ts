import { LRUCache } from 'lru-cache';
import { execute, getVariableValues, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { RecordContext } from '../graphql/record-context.js';
import type { ServedVersion } from '../serve/served-version.js';
import { LatticeError } from '../errors/lattice-error.js';
import { directiveVariables, planOperation, type ReadPlan, type Unplanned } from './read-plan.js';
import { emptyStats, type CompiledReadStats, type FallbackReason } from './fallback-reasons.js';
import { NotCompiled } from './not-compiled.js';
import type { StatementRunner } from './statement-runner.js';
import { COMPILED_READS } from './compiled-read-part.js';
import { constantAnswer } from './constant-answer.js';

/** Plans kept per version: the distinct operations (and `@skip`/`@include` values) clients send. */
const PLANS_PER_VERSION = 1000;

interface DocumentPlans {
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly directiveVariables: readonly string[];
  readonly plans: Map<string, ReadPlan | Unplanned>;
}

/**
 * Apollo Server's gateway executor for the record API: a query operation is
 * planned once per (document hash, operation, version, `@skip`/`@include`
 * values) and answered by one SQL statement through the request's access
 * point (its `COMPILED_READS` part), skipping graphql-js field
 * resolution; everything else runs on graphql-js's executor with the
 * schema's resolvers. A read the access point refuses is answered by the
 * resolvers too, so its error is the very error they give.
 * `LATTICE_COMPILED_READS=off` sends every operation to the resolvers.
 */
export class CompiledReads {
  /** Whether query operations are compiled (`LATTICE_COMPILED_READS`); off: every operation is resolved field by field. */
  enabled: boolean;
  readonly stats: CompiledReadStats = emptyStats();
  readonly #byVersion = new WeakMap<ServedVersion, LRUCache<string, DocumentPlans>>();

  constructor(
    private readonly versionOf: (schema: GraphQLSchema) => ServedVersion | undefined,
    private readonly runner: StatementRunner,
    enabled: boolean,
  ) {
    this.enabled = enabled;
  }

  readonly executor: GatewayExecutor = (request) => this.#execute(request as GatewayGraphQLRequestContext<RecordContext>);

  async #execute(request: GatewayGraphQLRequestContext<RecordContext>) {
    const resolve = (reason: FallbackReason) => {
      this.stats.fallback[reason]++;
      return execute({ schema: request.schema, document: request.document, contextValue: request.context, variableValues: request.request.variables ?? {}, operationName: request.request.operationName ?? null });
    };
    if (!this.enabled) return resolve('switched-off');
    const operation = request.operation;
    if (operation.operation !== 'query') return resolve('not-a-query');
    const version = this.versionOf(request.schema);
    if (!version) return resolve('unknown-schema');
    const coerced = getVariableValues(request.schema, operation.variableDefinitions ?? [], request.request.variables ?? {});
    if (coerced.errors) return resolve('invalid-variables');
    const variables = coerced.coerced;
    const plan = this.#plan(version, request, operation, variables);
    if (plan.kind === 'fallback') return resolve(plan.reason);
    const constant = constantAnswer(plan, version.version);
    if (constant) {
      this.stats.compiled++;
      return { data: constant };
    }
    try {
      const data = await request.context.accessFor(version).part(COMPILED_READS).read(plan, variables, version.version, this.runner);
      this.stats.compiled++;
      return { data };
    } catch (error) {
      if (error instanceof NotCompiled) {
        this.#forget(version, request, plan, error.reason, error.detail);
        return resolve(error.reason);
      }
      if (error instanceof LatticeError) return resolve('refused');
      // Not the caller's fault: answered by the resolvers; a statement Postgres refuses (class 42: syntax, undefined column…) is not tried again on this version.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('42')) {
        console.warn(`lattice: a compiled read was refused by the database, its operation is answered by the resolvers from now on: ${(error as Error).message}`);
        this.#forget(version, request, plan, 'statement-failed', (error as Error).message);
      }
      return resolve('statement-failed');
    }
  }

  #plan(version: ServedVersion, request: GatewayGraphQLRequestContext<RecordContext>, operation: OperationDefinitionNode, variables: Record<string, unknown>): ReadPlan | Unplanned {
    const documents = this.#documents(version);
    const documentKey = `${request.queryHash}|${request.operationName ?? ''}`;
    let document = documents.get(documentKey);
    if (!document) {
      const fragments = fragmentsOf(request.document);
      document = { fragments, directiveVariables: directiveVariables(operation, fragments), plans: new Map() };
      documents.set(documentKey, document);
    }
    const planKey = JSON.stringify(document.directiveVariables.map((name) => variables[name] ?? null));
    let plan = document.plans.get(planKey);
    if (!plan) {
      plan = planOperation(request.schema, version.model, operation, document.fragments, variables, `${documentKey}|${planKey}`);
      document.plans.set(planKey, plan);
    }
    return plan;
  }

  #forget(version: ServedVersion, request: GatewayGraphQLRequestContext<RecordContext>, plan: ReadPlan, reason: FallbackReason, detail: string): void {
    const document = this.#documents(version).get(`${request.queryHash}|${request.operationName ?? ''}`);
    for (const [key, kept] of document?.plans ?? []) if (kept === plan) document?.plans.set(key, { kind: 'fallback', reason, detail });
  }

  #documents(version: ServedVersion): LRUCache<string, DocumentPlans> {
    let documents = this.#byVersion.get(version);
    if (!documents) this.#byVersion.set(version, (documents = new LRUCache({ max: PLANS_PER_VERSION })));
    return documents;
  }
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}
