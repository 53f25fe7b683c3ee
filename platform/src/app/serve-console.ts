import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';

/**
 * The console's page may run only its own scripts and talk only to this
 * origin: an injected script could otherwise read the session's tokens.
 * Element Plus sets inline styles, hence 'unsafe-inline' for styles only.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Paths the APIs answer: the console's fallback never answers them, whatever the method. */
const API_PREFIXES = ['/graphql', '/admin', '/auth', '/health'];

/**
 * The folder of the built console: `LATTICE_CONSOLE_DIR`, else the
 * designer package's `dist/` beside this one in the workspace. Found at run
 * time, so the platform builds and runs without the designer (then the APIs
 * alone are served).
 */
export function findConsoleDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env['LATTICE_CONSOLE_DIR'] ? resolve(env['LATTICE_CONSOLE_DIR']) : fileURLToPath(new URL('../../../designer/dist', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the console at `/`: its files (hashed assets cached for a year,
 * `index.html` never cached, so a new build is picked up at once), and for
 * any other page a browser asks for, `index.html` (the app's router reads
 * the address: history-API fallback). Returns whether a console was found.
 */
export function serveConsole(app: INestApplication, dir: string | null = findConsoleDir()): boolean {
  if (!dir) return false;
  const files = express.static(dir, {
    index: false,
    setHeaders: (response, path) => response.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const index = join(dir, 'index.html');
  const serve = (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'same-origin');
    files(request, response, () => {
      // A missing asset is a 404, not the app's page; a page address gets the app.
      if (request.path.startsWith('/assets/') || !request.accepts('html')) return next();
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(index);
    });
  };
  // The app's scripts and styles shrink to about a quarter gzipped: the first load of a hall's PC on a slow line.
  const compress = compression();
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    compress(request, response, () => serve(request, response, next));
  });
  return true;
}
