import type { Request, RequestHandler } from 'express';
import { LatticeError } from '../errors/lattice-error.js';
import { sendErrorResponse } from './send-error-response.js';
import type { AuthenticatedUser, AuthService } from './auth-service.js';

const USERS = new WeakMap<Request, AuthenticatedUser | null>();

/**
 * Verifies the Bearer token of every request to an API and remembers its
 * user for the GraphQL context. A bad token is always refused; a missing one
 * only when `required` (the transition flag `requireAuthentication`).
 * Refusals are HTTP 401 with a GraphQL error whose code is UNAUTHENTICATED.
 */
export function authenticateRequests(auth: AuthService, required: boolean): RequestHandler {
  return (req, res, next) => {
    auth
      .authenticate(req.headers.authorization)
      .then((user) => {
        if (!user && required) throw LatticeError.authenticationRequired();
        USERS.set(req, user);
        next();
      })
      .catch((error: unknown) => sendErrorResponse(res, error));
  };
}

/** The user a request was authenticated as (null when authentication is not required and none was sent). */
export function authenticatedUserOf(req: Request): AuthenticatedUser | null {
  return USERS.get(req) ?? null;
}
