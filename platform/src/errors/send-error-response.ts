import type { ServerResponse } from 'node:http';
import { formatGraphqlError } from './graphql-error-mapping.js';
import { LatticeError } from './lattice-error.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * Answers a request refused before GraphQL runs (no token, OIDC callback) in
 * the GraphQL error shape, through the one error boundary, with its HTTP
 * status. Written with Node's own response methods, so it answers on the
 * record API's lean route as on Express's (whose response is one).
 */
export function sendErrorResponse(res: ServerResponse, error: unknown, status?: number): void {
  const formatted = formatGraphqlError({ message: error instanceof Error ? error.message : 'error' }, error);
  status ??= error instanceof LatticeError ? (STATUS[error.code] ?? 400) : 500;
  const body = JSON.stringify({ errors: [formatted] });
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="lattice"');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.statusCode = status;
  res.end(body);
}
