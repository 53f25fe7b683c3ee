import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/** Depth limit, checked with the other validation rules before execution. */
export function queryDepthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as unknown as ValidationRule;
}

/**
 * Cost limit, checked once the operation and its variables are known: 1 per
 * field, multiplied by the page size asked for on lists (by the number of
 * inputs of a batch, and by the `complexity` a relation list declares), so a deep query over large pages is refused with the
 * figures, not run.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => {
                const page = Number(args['first'] ?? args['last'] ?? (Array.isArray(args['inputs']) ? args['inputs'].length : 0));
                return page > 0 ? page * Math.max(childComplexity, 1) : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          } catch {
            // Variables that do not fit the operation: Apollo refuses them next, with the proper VALIDATION error.
            return;
          }
          if (cost > maxCost) {
            // Apollo passes GraphQLErrors from this hook through unchanged (any other error would become INTERNAL).
            throw new GraphQLError(`Query cost is ${cost}, over the limit of ${maxCost}: ask for smaller pages or fewer nested lists`, { extensions: { code: 'LIMIT_EXCEEDED', limit: maxCost, actual: cost } });
          }
        },
      };
    },
  };
}
