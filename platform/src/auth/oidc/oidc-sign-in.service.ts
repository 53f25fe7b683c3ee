import * as client from 'openid-client';
import type { OidcConfig } from '../../config/auth-config.js';
import { LatticeError } from '../../errors/lattice-error.js';
import type { AuthService } from '../auth-service.js';
import type { PendingLogin } from './oidc-login-cookie.js';

/**
 * OpenID Connect, authorization-code flow with PKCE (S256), state and nonce,
 * through openid-client (which validates the ID token: signature, issuer,
 * audience, expiry, nonce). Maps the identity to a Lattice user; never
 * creates one.
 */
export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly config: OidcConfig, private readonly auth: AuthService) {}

  /** Where to send the browser, and what its callback must match. */
  async start(): Promise<{ url: URL; pending: PendingLogin }> {
    const configuration = await this.discover();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scope,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code of the callback URL and answers the Lattice user it signs in. */
  async finish(callbackUrl: URL, pending: PendingLogin): Promise<string> {
    const configuration = await this.discover();
    const providerError = callbackUrl.searchParams.get('error');
    if (providerError) throw LatticeError.externalSignInFailed(`the provider answered ${providerError}${describe(callbackUrl.searchParams.get('error_description'))}`);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    } catch (error) {
      throw LatticeError.externalSignInFailed(reasonOf(error));
    }
    const claims = tokens.claims();
    if (!claims) throw LatticeError.externalSignInFailed('the provider returned no ID token');
    return this.userOf(configuration, claims, tokens.access_token);
  }

  private async userOf(configuration: client.Configuration, claims: client.IDToken, accessToken: string): Promise<string> {
    const linked = await this.auth.identities.userOf(claims.iss, claims.sub);
    if (linked) return linked;
    const claim = this.config.autoLinkClaim;
    if (!claim) throw LatticeError.externalIdentityNotLinked(claims.iss);
    let values: Record<string, unknown> = claims;
    if (values[claim] === undefined) values = await client.fetchUserInfo(configuration, accessToken, claims.sub);
    // An e-mail address links only when the provider has verified it belongs to this person.
    const value = claim === 'email' && values['email_verified'] !== true ? undefined : values[claim];
    const userId = typeof value === 'string' ? await this.auth.identities.userWithLogin(value) : undefined;
    if (!userId) throw LatticeError.externalIdentityNotLinked(claims.iss);
    await this.auth.identities.link(claims.iss, claims.sub, userId);
    return userId;
  }

  /** Discovery runs on first use (a provider that is down does not stop the platform) and is retried after a failure. */
  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecureHttp } = this.config;
    this.configuration ??= client
      .discovery(new URL(issuer), clientId, undefined, clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(), allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : {})
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw LatticeError.externalSignInFailed(`the provider at ${issuer} could not be reached or described (${reasonOf(error)})`);
      });
    return this.configuration;
  }
}

/** openid-client says "invalid response encountered" and puts the specific check that failed in the cause. */
function reasonOf(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 3; e = e.cause) messages.push(e.message);
  const text = messages.length ? messages.join(': ') : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

function describe(text: string | null): string {
  return text ? ` (${text.slice(0, 200)})` : '';
}
