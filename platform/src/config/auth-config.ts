import { envNumber } from './env-number.js';
/** Sign-in settings: password rules, lock-out, token lifetimes, the bootstrap admin and OpenID Connect. */
export interface AuthConfig {
  /** Shared signing secret (≥ 32 characters); absent means a generated one stored in the database. */
  readonly secret?: string;
  readonly accessTokenSeconds: number;
  readonly refreshTokenSeconds: number;
  /** How long a node trusts a check of an access token and its session (every end of a session is announced: this only bounds a lost notice); 0: check every request. */
  readonly sessionCheckCacheSeconds: number;
  readonly passwordMinLength: number;
  /** Require at least one letter and one digit. */
  readonly passwordLetterAndDigit: boolean;
  /** Refuse passwords that contain the login. */
  readonly passwordNotLogin: boolean;
  /** Failed sign-ins in a row that lock an account, and for how long. */
  readonly lockoutAttempts: number;
  readonly lockoutSeconds: number;
  /** Initial password of the `admin` user created on a first start; absent means a generated one. */
  readonly adminPassword?: string;
  readonly oidc?: OidcConfig;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** A claim whose value, lower-cased, is a Lattice login: links an identity to that user on first sign-in. */
  readonly autoLinkClaim?: string;
  /** Where the callback sends the browser with `#code=<one-time code>`; absent means the callback answers JSON. */
  readonly postSignInUrl?: string;
  /** Allow an http:// issuer (a provider on this machine, tests). */
  readonly allowInsecureHttp: boolean;
}

export function readAuthConfig(env: NodeJS.ProcessEnv, overrides: Partial<AuthConfig> = {}): AuthConfig {
  const secret = env['LATTICE_AUTH_SECRET'] || undefined;
  const adminPassword = env['LATTICE_ADMIN_PASSWORD'] || undefined;
  const oidc = readOidcConfig(env);
  return {
    ...(secret ? { secret } : {}),
    accessTokenSeconds: envNumber(env, 'LATTICE_ACCESS_TOKEN_SECONDS', 15 * 60),
    refreshTokenSeconds: envNumber(env, 'LATTICE_REFRESH_TOKEN_SECONDS', 14 * 24 * 3600),
    sessionCheckCacheSeconds: envNumber(env, 'LATTICE_SESSION_CHECK_CACHE_SECONDS', 10),
    passwordMinLength: envNumber(env, 'LATTICE_PASSWORD_MIN_LENGTH', 10),
    passwordLetterAndDigit: flag(env['LATTICE_PASSWORD_LETTER_AND_DIGIT'], true),
    passwordNotLogin: flag(env['LATTICE_PASSWORD_NOT_LOGIN'], true),
    lockoutAttempts: envNumber(env, 'LATTICE_LOCKOUT_ATTEMPTS', 5),
    lockoutSeconds: envNumber(env, 'LATTICE_LOCKOUT_SECONDS', 15 * 60),
    ...(adminPassword ? { adminPassword } : {}),
    ...(oidc ? { oidc } : {}),
    ...overrides,
  };
}

function readOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env['LATTICE_OIDC_ISSUER'];
  const clientId = env['LATTICE_OIDC_CLIENT_ID'];
  const redirectUri = env['LATTICE_OIDC_REDIRECT_URI'];
  if (!issuer || !clientId || !redirectUri) return undefined;
  const clientSecret = env['LATTICE_OIDC_CLIENT_SECRET'] || undefined;
  const autoLinkClaim = env['LATTICE_OIDC_AUTO_LINK'] || undefined;
  const postSignInUrl = env['LATTICE_OIDC_POST_SIGN_IN_URL'] || undefined;
  return {
    issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUri,
    scope: env['LATTICE_OIDC_SCOPE'] ?? 'openid profile email',
    ...(autoLinkClaim ? { autoLinkClaim } : {}),
    ...(postSignInUrl ? { postSignInUrl } : {}),
    allowInsecureHttp: flag(env['LATTICE_OIDC_ALLOW_INSECURE_HTTP'], false),
  };
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}
