import type { Request, RequestHandler } from 'express';
import { LatticeError } from '../errors/lattice-error.js';
import { sendErrorResponse } from '../errors/send-error-response.js';
import type { AuthenticatedUser, AuthService } from './auth-service.js';

const USERS = new WeakMap<Request, AuthenticatedUser>();

/**
 * Verifies the Bearer token of every request to an API and remembers its
 * user for the GraphQL context. A missing or bad token is refused: HTTP 401
 * with a GraphQL error whose code is UNAUTHENTICATED.
 */
export function authenticateRequests(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    auth
      .authenticate(req.headers.authorization)
      .then((user) => {
        if (!user) throw LatticeError.authenticationRequired();
        USERS.set(req, user);
        next();
      })
      .catch((error: unknown) => sendErrorResponse(res, error));
  };
}

/** The user a request was authenticated as; every request that reaches an API has one. */
export function authenticatedUserOf(req: Request): AuthenticatedUser {
  const user = USERS.get(req);
  if (!user) throw LatticeError.authenticationRequired();
  return user;
}
