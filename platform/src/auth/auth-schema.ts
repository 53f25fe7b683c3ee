import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { SCALARS } from '../graphql/scalars.js';
import { LatticeError } from '../errors/lattice-error.js';
import type { AuthenticatedUser, AuthService, SessionTokens } from './auth-service.js';

const typeDefs = /* GraphQL */ `
  scalar DateTime

  type User { id: ID!, login: String!, displayName: String! }

  "A signed-in session: send accessToken as 'Authorization: Bearer <accessToken>'; refreshToken gets the next pair once"
  type Session {
    accessToken: String!
    accessTokenExpiresAt: DateTime!
    refreshToken: String!
    refreshTokenExpiresAt: DateTime!
    user: User!
  }

  "The ways to sign in to this platform, for a sign-in screen"
  type SignInOptions {
    "OpenID Connect is configured: GET /auth/oidc/login starts it"
    openIdConnect: Boolean!
  }

  type Query {
    "The signed-in user (needs an access token)"
    me: User!
    "Needs no token"
    signInOptions: SignInOptions!
  }

  type Mutation {
    signIn(login: String!, password: String!): Session!
    "Spends the refresh token and returns the next access and refresh tokens"
    refreshSession(refreshToken: String!): Session!
    "Ends the session of the refresh token, or without one the session of the access token"
    signOut(refreshToken: String): Boolean!
    "Needs an access token; ends the user's other sessions"
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
    "Turns the one-time code of an OpenID Connect sign-in into a session"
    exchangeSignInCode(code: String!): Session!
  }
`;

export interface AuthContext {
  /** The caller, from the Authorization header, verified only when a field needs it. */
  user(): Promise<AuthenticatedUser | null>;
}

type Args = Record<string, any>;

/** The sign-in API at /auth/graphql: the one API that answers without an access token. */
export function buildAuthSchema(auth: AuthService): GraphQLSchema {
  const signedIn = async (context: AuthContext): Promise<AuthenticatedUser> => {
    const user = await context.user();
    if (!user) throw LatticeError.authenticationRequired();
    return user;
  };
  const session = (tokens: SessionTokens) => ({ ...tokens, user: userView(tokens.user) });
  return makeExecutableSchema({
    typeDefs,
    resolvers: {
      DateTime: SCALARS.DateTime,
      Query: {
        me: async (_r: unknown, _a: Args, context: AuthContext) => userView(await signedIn(context)),
        signInOptions: () => ({ openIdConnect: auth.config.oidc !== undefined }),
      },
      Mutation: {
        signIn: async (_r: unknown, a: Args) => session(await auth.signIn(a['login'], a['password'])),
        refreshSession: async (_r: unknown, a: Args) => session(await auth.refreshSession(a['refreshToken'])),
        signOut: async (_r: unknown, a: Args, context: AuthContext) => {
          if (a['refreshToken']) await auth.signOut(a['refreshToken']);
          else await auth.endSession((await signedIn(context)).sessionId);
          return true;
        },
        changePassword: async (_r: unknown, a: Args, context: AuthContext) => {
          await auth.changePassword(await signedIn(context), a['currentPassword'], a['newPassword']);
          return true;
        },
        exchangeSignInCode: async (_r: unknown, a: Args) => session(await auth.exchangeSignInCode(a['code'])),
      },
    },
  });
}

function userView(user: AuthenticatedUser) {
  return { id: user.userId, login: user.login, displayName: user.displayName };
}
