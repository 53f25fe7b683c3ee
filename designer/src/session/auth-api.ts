import type { Client } from '@urql/core';
import { request } from '../api/graphql-client.js';
import type { SessionTokens } from '../api/session-fetch.js';

const SESSION = 'accessToken accessTokenExpiresAt refreshToken user { id login displayName }';

export interface SignedInUser {
  id: string;
  login: string;
  displayName: string;
}

export type Session = SessionTokens & { user: SignedInUser };

/** The platform's sign-in API (`/auth/graphql`, the one that answers without a token). */
export class AuthApi {
  constructor(private readonly client: Client) {}

  async signIn(login: string, password: string): Promise<Session> {
    return (await request<{ signIn: Session }>(this.client, `mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { ${SESSION} } }`, { login, password }, 'mutation')).signIn;
  }

  /** The one-time code an OpenID Connect sign-in ends with (`#code=` on the sign-in page), as a session. */
  async exchangeCode(code: string): Promise<Session> {
    return (await request<{ exchangeSignInCode: Session }>(this.client, `mutation Exchange($code: String!) { exchangeSignInCode(code: $code) { ${SESSION} } }`, { code }, 'mutation')).exchangeSignInCode;
  }

  /** Whether the platform has OpenID Connect configured (the sign-in page then offers it). */
  async signInOptions(): Promise<{ openIdConnect: boolean }> {
    return (await request<{ signInOptions: { openIdConnect: boolean } }>(this.client, 'query SignInOptions { signInOptions { openIdConnect } }')).signInOptions;
  }

  async refresh(refreshToken: string): Promise<Session> {
    return (await request<{ refreshSession: Session }>(this.client, `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${SESSION} } }`, { refreshToken }, 'mutation')).refreshSession;
  }

  async signOut(refreshToken: string): Promise<void> {
    await request(this.client, 'mutation SignOut($refreshToken: String) { signOut(refreshToken: $refreshToken) }', { refreshToken }, 'mutation');
  }
}
