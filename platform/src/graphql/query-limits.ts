import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import { GraphQLError, visit, type DocumentNode, type GraphQLSchema, type ValidationRule, type ValueNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';

/** Depth limit, checked with the other validation rules before execution. */
export function queryDepthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as unknown as ValidationRule;
}

/**
 * Aliased fields and operations of one document, checked with the other
 * validation rules: every alias of a field runs its resolver again (a read
 * by id costs 1 but is a statement), and every operation of a document is
 * parsed and validated even though one runs.
 */
export function documentShapeRule(limits: { maxAliases: number; maxOperations: number }): ValidationRule {
  return (context) => ({
    Document(document) {
      const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition').length;
      if (operations > limits.maxOperations) context.reportError(limitError(`The document holds ${operations} operations, over the limit of ${limits.maxOperations}: send one operation per request`, limits.maxOperations, operations));
      let aliases = 0;
      visit(document, { Field: (field) => void (field.alias ? aliases++ : undefined) });
      if (aliases > limits.maxAliases) context.reportError(limitError(`The document has ${aliases} aliased fields, over the limit of ${limits.maxAliases}: split it into several requests`, limits.maxAliases, aliases));
    },
  });
}

/**
 * A refusal for a limit, as a GraphQL error: HTTP 400 (Apollo answers 500 for
 * an error without a status thrown before execution), and `limitExceeded`
 * so the error boundary reports LIMIT_EXCEEDED whatever code Apollo adds.
 */
function limitError(message: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', limitExceeded: true, limit, actual, http: { status: 400, headers: new HeaderMap() } } });
}

/** The arguments the cost estimate reads: page sizes and batch sizes. */
const SIZE_ARGUMENTS = new Set(['first', 'last', 'inputs']);
/** Costs kept per document: one per combination of the variables that sizes depend on (a few, in practice). */
const COSTS_PER_DOCUMENT = 64;

/**
 * Cost limit, checked once the operation and its variables are known: 1 per
 * field, multiplied by the page size asked for on lists (the default page
 * size when a list asks for none, since that is what it reads; by the number of
 * inputs of a batch, and by the `complexity` a relation list declares), so a
 * deep query over large pages is refused with the figures, not run.
 * Estimating walks the whole query with the schema's types, which costs
 * about as much as running a small one: the cost is kept per schema and
 * document (Apollo hands the same parsed document to every request with the
 * same query), for the values of the only variables it depends on, those
 * used in size arguments and in directives (`@include(if: $x)`).
 */
export function queryCostPlugin(maxCost: number, defaultPageSize: number): ApolloServerPlugin {
  const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let bySchema = costs.get(schema);
          if (!bySchema) costs.set(schema, (bySchema = new WeakMap()));
          let byVariables = bySchema.get(document);
          if (!byVariables) bySchema.set(document, (byVariables = new Map()));
          const key = costKey(document, request.operationName, request.variables);
          let cost = byVariables.get(key);
          if (cost === undefined) {
            try {
              cost = estimateCost(schema, document, request.variables ?? {}, request.operationName, defaultPageSize);
            } catch {
              // Variables that do not fit the operation: Apollo refuses them next, with the proper VALIDATION error.
              return;
            }
            if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.clear();
            byVariables.set(key, cost);
          }
          if (cost > maxCost) {
            // Apollo passes GraphQLErrors from this hook through unchanged (any other error would become INTERNAL).
            throw limitError(`Query cost is ${cost}, over the limit of ${maxCost}: ask for smaller pages or fewer nested lists`, maxCost, cost);
          }
        },
      };
    },
  };
}

function estimateCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined, defaultPageSize: number): number {
  return getComplexity({
    schema,
    query,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [
      fieldExtensionsEstimator(),
      ({ args, field, childComplexity }) => {
        const paged = field.args.some((arg) => arg.name === 'first');
        const page = Number(args['first'] ?? args['last'] ?? (Array.isArray(args['inputs']) ? args['inputs'].length : paged ? defaultPageSize : 0));
        return page > 0 ? page * Math.max(childComplexity, 1) : undefined;
      },
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

const sizeVariablesByDocument = new WeakMap<DocumentNode, readonly string[]>();

/** The operation, and the values of the variables the cost can depend on. */
function costKey(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  let names = sizeVariablesByDocument.get(document);
  if (!names) sizeVariablesByDocument.set(document, (names = sizeVariablesOf(document)));
  return JSON.stringify([operationName ?? null, ...names.map((name) => variables?.[name] ?? null)]);
}

/** Variables used, at any depth, in the value of a size argument or of a directive's argument. */
function sizeVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (value: ValueNode) => visit(value, { Variable: (v) => void names.add(v.name.value) });
  visit(document, {
    Argument(argument) {
      if (SIZE_ARGUMENTS.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      for (const argument of directive.arguments ?? []) collect(argument.value);
    },
  });
  return [...names].sort();
}
