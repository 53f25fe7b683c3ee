import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { LatticeError } from '../errors/lattice-error.js';
import { sendErrorResponse } from '../errors/send-error-response.js';
import { readJsonBody, type RequestBodyLimits } from './request-body.js';

/** What the lean route runs, in the order Express's chain for the record API runs it. */
export interface LeanRoute<User, Context extends BaseContext> {
  readonly path: string;
  readonly apollo: ApolloServer<Context>;
  readonly limits: RequestBodyLimits;
  /** Counts the request in flight (the drain's tracker), before anything else. */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** The Bearer check: the caller's user, or a refusal. */
  authenticate(header: string | undefined): Promise<User | undefined>;
  context(user: User): Promise<Context>;
}

/**
 * The record API's `POST <path>` with a JSON body, answered on Node's own
 * request and response, ahead of Nest and Express: their router, request
 * decoration and body parser cost about 0.1 ms of CPU a request (measured
 * beside Fastify and bare `node:http`, `serve/README.md`), more than the
 * rest of a read by id's own work in the node. The steps are Express's
 * chain's, in its order: the request tracker, the Bearer check (before the
 * body is read), the body and query text caps, Apollo Server
 * (`executeHTTPGraphQLRequest`, as the Express integration calls it). Any
 * other request (another path or method, a body not plain UTF-8 JSON, a
 * compressed one) goes on to the listeners that were there, unchanged.
 */
export function serveLeanRoute<User, Context extends BaseContext>(server: Server, route: LeanRoute<User, Context>): void {
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!takes(req, route.path)) {
      for (const listener of others) listener.call(server, req, res);
      return;
    }
    route.track(req, res);
    answer(req, res, route).catch((error: unknown) => {
      if (!res.headersSent) sendErrorResponse(res, error);
      else res.destroy();
    });
  });
}

function takes(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  if (url !== path && !url.startsWith(`${path}?`)) return false;
  const type = req.headers['content-type']?.toLowerCase() ?? '';
  const [media, ...parameters] = type.split(';').map((p) => p.trim());
  if (media !== 'application/json') return false;
  if (parameters.some((p) => p.startsWith('charset=') && p !== 'charset=utf-8' && p !== 'charset="utf-8"')) return false;
  const encoding = req.headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

async function answer<User, Context extends BaseContext>(req: IncomingMessage, res: ServerResponse, route: LeanRoute<User, Context>): Promise<void> {
  let user: User | undefined;
  try {
    user = await route.authenticate(req.headers.authorization);
    if (!user) throw LatticeError.authenticationRequired();
  } catch (error) {
    // The body is never read: the connection closes with the answer.
    res.setHeader('connection', 'close');
    return sendErrorResponse(res, error);
  }
  const body = await readJsonBody(req, res, route.limits);
  if (body === undefined) return;
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const url = req.url ?? '';
  const question = url.indexOf('?');
  const signedIn = user;
  const response = await route.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: question < 0 ? '' : url.slice(question), body },
    context: () => route.context(signedIn),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
