/**
 * The session's tokens, and a `fetch` that sends the access token and, when
 * the platform answers that it expired (401, reason `expired`), refreshes
 * once for every request waiting on it and retries. A refresh happens
 * below the screens: nothing on them is reset, so what is typed stays.
 */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
}

export interface SessionKeeper {
  tokens(): SessionTokens | null;
  /** Spends the refresh token for the next pair; null when the session is over (then the user signs in again). */
  refresh(): Promise<SessionTokens | null>;
  /** Called when no token works any more. */
  ended(): void;
}

export function sessionFetch(keeper: SessionKeeper, base: typeof fetch = fetch): typeof fetch {
  let refreshing: Promise<SessionTokens | null> | null = null;
  const refreshOnce = () => (refreshing ??= keeper.refresh().finally(() => (refreshing = null)));
  const send = (input: RequestInfo | URL, init: RequestInit | undefined, tokens: SessionTokens | null) => {
    const headers = new Headers(init?.headers);
    if (tokens) headers.set('authorization', `Bearer ${tokens.accessToken}`);
    return base(input, { ...init, headers });
  };
  return async (input, init) => {
    const tokens = keeper.tokens();
    // A token about to expire is renewed before the request rather than after a refusal.
    const fresh = tokens && Date.parse(tokens.accessTokenExpiresAt) - Date.now() < 15_000 ? await refreshOnce() : tokens;
    const response = await send(input, init, fresh);
    if (response.status !== 401 || !fresh) return response;
    const next = await refreshOnce();
    if (!next) {
      keeper.ended();
      return response;
    }
    return send(input, init, next);
  };
}
