import type { INestApplication } from '@nestjs/common';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { readRequestBody } from '../serve/request-body.js';
import { formatGraphqlError } from '../errors/graphql-error-mapping.js';
import { buildAuthSchema, type AuthContext } from './auth-schema.js';
import type { AuthenticatedUser, AuthService } from './auth-service.js';
import { mountOidcRoutes } from './oidc/oidc-routes.js';

/** Mounts the sign-in API at /auth/graphql and, when configured, OpenID Connect at /auth/oidc/*. */
export async function mountAuth(app: INestApplication, auth: AuthService): Promise<{ stop(): Promise<void> }> {
  // No signal handlers of Apollo's own: the node drains on SIGTERM (`lattice serve`).
  const server = new ApolloServer<AuthContext>({ schema: buildAuthSchema(auth), formatError: formatGraphqlError, includeStacktraceInErrorResponses: false, stopOnTerminationSignals: false });
  await server.start();
  // Sign-in needs no more than a few fields: its own small caps.
  app.use('/auth/graphql', ...readRequestBody({ maxRequestBytes: 64 * 1024, maxQueryLength: 10_000 }), expressMiddleware(server, {
    context: async ({ req }) => {
      let user: Promise<AuthenticatedUser | null> | undefined;
      return { user: () => (user ??= auth.authenticate(req.headers.authorization)) };
    },
  }));
  mountOidcRoutes(app, auth);
  return { stop: () => server.stop() };
}
