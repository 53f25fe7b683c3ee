import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { LatticeError, type PublicErrorCode } from './lattice-error.js';

/** Apollo's own codes for malformed requests, mapped into Lattice's closed set. */
const APOLLO_CODES: Record<string, PublicErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'VALIDATION',
  GRAPHQL_VALIDATION_FAILED: 'VALIDATION',
  BAD_USER_INPUT: 'VALIDATION',
  OPERATION_RESOLUTION_FAILURE: 'VALIDATION',
  PERSISTED_QUERY_NOT_FOUND: 'VALIDATION',
  PERSISTED_QUERY_NOT_SUPPORTED: 'VALIDATION',
  BAD_REQUEST: 'VALIDATION',
};

/**
 * The one boundary where errors become GraphQL errors. Lattice errors keep
 * their code, message and problems (with field paths); GraphQL's own errors
 * keep their message; anything else is logged with a reference and shown as
 * INTERNAL, never with a stack trace.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof LatticeError) {
    return { message: original.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: original.code, ...original.details } };
  }
  const apolloCode = String(formatted.extensions?.['code'] ?? '');
  if (apolloCode === 'LIMIT_EXCEEDED' || formatted.extensions?.['limitExceeded'] === true || /exceeds maximum operation depth/.test(formatted.message)) {
    const { limit, actual } = (formatted.extensions ?? {}) as { limit?: number; actual?: number };
    return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: 'LIMIT_EXCEEDED', ...(limit === undefined ? {} : { limit, actual }) } };
  }
  const code = APOLLO_CODES[apolloCode] ?? (error instanceof GraphQLError && !(error.originalError) ? 'VALIDATION' : undefined);
  if (code) {
    return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
  }
  const reference = randomUUID();
  console.error(`[lattice] internal error ${reference}:`, original);
  const internal = LatticeError.internal(reference);
  return { message: internal.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: internal.code, reference } };
}
