import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import type { ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { LatticeError } from '../errors/lattice-error.js';

/** Depth limit, checked with the other validation rules before execution. */
export function queryDepthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as unknown as ValidationRule;
}

/**
 * Cost limit, checked once the operation and its variables are known: 1 per
 * field, multiplied by the page size asked for on lists (and by the number of
 * inputs of a batch), so a deep query over large pages is refused with the
 * figures, not run.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
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
          if (cost > maxCost) throw LatticeError.limitExceeded('Query cost (fields × page sizes)', maxCost, cost);
        },
      };
    },
  };
}
