import type { INestApplication } from '@nestjs/common';
import type { Express, Request, Response } from 'express';
import { LatticeError } from '../../errors/lattice-error.js';
import type { AuthService } from '../auth-service.js';
import { sendErrorResponse } from '../../errors/send-error-response.js';
import { LOGIN_COOKIE, loginCookieHeader, openPendingLogin, readCookie, sealPendingLogin } from './oidc-login-cookie.js';
import { OidcSignIn } from './oidc-sign-in.service.js';

/**
 * GET /auth/oidc/login redirects to the provider; GET /auth/oidc/callback
 * finishes there and hands out a one-time code (never tokens: a URL ends up
 * in histories, logs and Referer headers), as `#code=` on the configured
 * post-sign-in page or as JSON; `exchangeSignInCode` turns it into tokens.
 */
export function mountOidcRoutes(app: INestApplication, auth: AuthService): void {
  const config = auth.config.oidc;
  const oidc = config ? new OidcSignIn(config, auth) : undefined;
  const secure = config?.redirectUri.startsWith('https:') ?? true;
  const http = app.getHttpAdapter().getInstance() as Express;
  http.get('/auth/oidc/login', (_req: Request, res: Response) => {
    void (async () => {
      if (!oidc) throw LatticeError.externalSignInNotConfigured();
      const { url, pending } = await oidc.start();
      res.set('Set-Cookie', loginCookieHeader(await sealPendingLogin(auth.keys.oidcCookie, pending), secure));
      res.set('Cache-Control', 'no-store');
      res.redirect(302, url.href);
    })().catch((error: unknown) => sendErrorResponse(res, error));
  });
  http.get('/auth/oidc/callback', (req: Request, res: Response) => {
    void (async () => {
      if (!oidc || !config) throw LatticeError.externalSignInNotConfigured();
      const pending = await openPendingLogin(auth.keys.oidcCookie, readCookie(req.headers.cookie, LOGIN_COOKIE));
      if (!pending) throw LatticeError.externalSignInFailed('this browser has no pending sign-in (start again at /auth/oidc/login)');
      // The URL the provider redirected to is the configured one: never rebuilt from a client-sent Host header.
      const callbackUrl = new URL(config.redirectUri);
      callbackUrl.search = new URL(req.originalUrl, 'http://callback').search;
      const userId = await oidc.finish(callbackUrl, pending);
      const { code, expiresAt } = await auth.createSignInCode(userId);
      res.set('Set-Cookie', loginCookieHeader('', secure));
      res.set('Cache-Control', 'no-store');
      if (config.postSignInUrl) res.redirect(302, `${config.postSignInUrl}#code=${encodeURIComponent(code)}`);
      else res.json({ code, expiresAt: expiresAt.toISOString() });
    })().catch((error: unknown) => sendErrorResponse(res, error));
  });
}
