import type { Response } from 'express';
import { formatGraphqlError } from './graphql-error-mapping.js';
import { LatticeError } from './lattice-error.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * Answers a request refused before GraphQL runs (no token, OIDC callback) in
 * the GraphQL error shape, through the one error boundary, with its HTTP status.
 */
export function sendErrorResponse(res: Response, error: unknown, status?: number): void {
  const formatted = formatGraphqlError({ message: error instanceof Error ? error.message : 'error' }, error);
  status ??= error instanceof LatticeError ? (STATUS[error.code] ?? 400) : 500;
  if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="lattice"');
  res.set('Cache-Control', 'no-store').status(status).json({ errors: [formatted] });
}
