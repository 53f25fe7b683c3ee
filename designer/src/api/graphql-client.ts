import { Client, fetchExchange } from '@urql/core';
import { ApiError, apiErrorOf } from './graphql-error.js';

/**
 * The clients of the record API (`/graphql`) and the sign-in API
 * (`/auth/graphql`), on the page's own origin (the platform serves the
 * console). No document cache: every list is the caller's, read fresh.
 */
export function createApiClient(url: string, fetchFn: typeof fetch): Client {
  return new Client({ url, exchanges: [fetchExchange], fetch: fetchFn, requestPolicy: 'network-only', preferGetMethod: false });
}

/** Runs a query or mutation and returns its data, or throws the platform's error. */
export async function request<T>(client: Client, document: string, variables: Record<string, unknown> = {}, kind: 'query' | 'mutation' = 'query'): Promise<T> {
  const result = kind === 'query' ? await client.query(document, variables).toPromise() : await client.mutation(document, variables).toPromise();
  if (result.error) {
    if (result.error.graphQLErrors.length) throw apiErrorOf(result.error.graphQLErrors);
    throw new ApiError('NETWORK', result.error.message);
  }
  return result.data as T;
}
