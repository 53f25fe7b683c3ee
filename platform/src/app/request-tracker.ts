import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export interface RequestTracker {
  readonly middleware: (request: Request, response: Response, next: NextFunction) => void;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, lets the requests in flight finish (their
   * answers close their connections) for at most `timeoutMs`, closes idle
   * keep-alive connections as they go quiet, then closes whatever is left.
   */
  drain(server: Server, timeoutMs: number): Promise<void>;
}

const POLL_MS = 20;

/** Counts requests in flight; while draining, every answer says `Connection: close`, so no keep-alive connection stays for a next request. */
export function trackRequests(draining: () => boolean): RequestTracker {
  let inFlight = 0;
  return {
    middleware(_request, response, next) {
      inFlight++;
      if (draining()) response.setHeader('connection', 'close');
      response.once('close', () => inFlight--);
      next();
    },
    get inFlight() {
      return inFlight;
    },
    async drain(server, timeoutMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + timeoutMs;
      server.closeIdleConnections();
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        server.closeIdleConnections();
      }
      if (inFlight > 0) console.warn(`lattice: ${inFlight} request(s) still running after ${timeoutMs} ms; closing their connections`);
      server.closeAllConnections();
      await closed;
    },
  };
}
