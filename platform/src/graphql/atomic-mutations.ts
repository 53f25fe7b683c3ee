import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { RequestTransaction } from '../pipeline/request-transaction.js';
import { formatGraphqlError } from '../errors/graphql-error-mapping.js';

/** The extension that marks a mutation field whose writes can join the request's transaction (the record verbs). */
export const JOINS_REQUEST_TRANSACTION = 'joinsRequestTransaction';

/** The extension that marks a mutation field that may write several records (a plugin's): its writes commit together even when it is alone. */
export const ALWAYS_IN_TRANSACTION = 'alwaysInRequestTransaction';

/** What the plugin needs of a request's context. */
export interface TransactionalContext {
  readonly requestTransaction: RequestTransaction;
}

/**
 * All or none: a request with several mutations runs them in one
 * transaction. GraphQL runs them in order; when one fails, it stops (the
 * record verbs answer non-null), the transaction is rolled back, the answer
 * holds every error and no data (nothing is shown as done that is not), and
 * `extensions.rolledBack` says so. Only fields whose writes join the
 * transaction may be combined: one with effects outside it (a
 * serve-anywhere grant, a share, which reload the caller's grants) is
 * refused in company, before anything runs. A plugin's mutation, which
 * may write several records, runs in the transaction even alone.
 */
export function atomicMutationsPlugin(): ApolloServerPlugin<TransactionalContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const fields = rootFieldNames(operation.selectionSet, fragmentsOf(document));
          if (fields.length < 2) {
            if (fields.some((name) => mutationExtension(schema, name, ALWAYS_IN_TRANSACTION))) contextValue.requestTransaction.open();
            return;
          }
          const alone = fields.filter((name) => !joinsTransaction(schema, name));
          if (alone.length) {
            throw new GraphQLError(`${alone.join(', ')} cannot be combined with other mutations in one request (its effects cannot be rolled back with theirs): send it alone`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400, headers: new HeaderMap() } },
            });
          }
          contextValue.requestTransaction.open();
        },
        async willSendResponse({ contextValue, response }) {
          const transaction = contextValue.requestTransaction;
          if (!transaction.isOpen || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const failed = Boolean(result.errors?.length);
          // A request refused before it ran (its cost, say) wrote nothing: nothing was rolled back either.
          const wrote = transaction.hasWrites;
          try {
            await transaction.finish(!failed);
          } catch (error) {
            result.errors = [...(result.errors ?? []), formatGraphqlError({ message: 'commit failed' }, error)];
            result.data = null;
            result.extensions = { ...result.extensions, rolledBack: true };
            return;
          }
          if (failed) {
            result.data = null;
            if (wrote) result.extensions = { ...result.extensions, rolledBack: true };
          }
        },
      };
    },
  };
}

function joinsTransaction(schema: GraphQLSchema, name: string): boolean {
  return mutationExtension(schema, name, JOINS_REQUEST_TRANSACTION);
}

function mutationExtension(schema: GraphQLSchema, name: string, extension: string): boolean {
  return schema.getMutationType()?.getFields()[name]?.extensions?.[extension] === true;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}

/** The root fields an operation selects, through inline fragments and fragment spreads; `__typename` and the like are not mutations. */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__') ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFieldNames(fragment.selectionSet, fragments, seen);
  });
}
