import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { LatticeError } from '../errors/lattice-error.js';
import { sendErrorResponse } from '../errors/send-error-response.js';

/** What a request to a GraphQL API may hold (`LATTICE_MAX_REQUEST_BYTES`, `LATTICE_MAX_QUERY_LENGTH`). */
export interface RequestBodyLimits {
  readonly maxRequestBytes: number;
  readonly maxQueryLength: number;
}

/**
 * The JSON body of a GraphQL request, held to its caps before GraphQL sees
 * it: a body over the byte limit is refused while it is read (HTTP 413), a
 * query text over the length limit before it is parsed (HTTP 400), both
 * LIMIT_EXCEEDED; a body that is not JSON is VALIDATION. Every refusal has
 * the GraphQL error shape, never the framework's HTML page.
 */
export function readRequestBody(limits: RequestBodyLimits): (RequestHandler | ErrorRequestHandler)[] {
  const json = express.json({ limit: limits.maxRequestBytes });
  const refuseUnreadable: ErrorRequestHandler = (error: { type?: string; length?: number }, _req, res, next) => {
    if (error.type === 'entity.too.large') return sendErrorResponse(res, LatticeError.limitExceeded('The request body (bytes)', limits.maxRequestBytes, Number(error.length ?? limits.maxRequestBytes + 1)), 413);
    if (error.type === 'entity.parse.failed') return sendErrorResponse(res, LatticeError.invalidInput('body', 'The request body is not valid JSON'));
    next(error);
  };
  const capQueryText: RequestHandler = (req, res, next) => {
    const query: unknown = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string' && query.length > limits.maxQueryLength) return sendErrorResponse(res, LatticeError.limitExceeded('The query text (characters)', limits.maxQueryLength, query.length));
    next();
  };
  return [json, refuseUnreadable, capQueryText];
}

/**
 * The same body, caps and refusals on Node's own request (the record API's
 * lean route, `lean-record-route.ts`): a declared length over the byte limit
 * is refused before reading, a body that grows past it while it is read;
 * the body must be a JSON object or array (as `express.json` holds it).
 * Answers undefined once it has sent the refusal.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limits: RequestBodyLimits): Promise<unknown> {
  const refuse = (error: LatticeError, status?: number) => {
    // What is left of the body is not read: the connection closes with the answer.
    res.setHeader('connection', 'close');
    sendErrorResponse(res, error, status);
    return undefined;
  };
  const tooLarge = (actual: number) => refuse(LatticeError.limitExceeded('The request body (bytes)', limits.maxRequestBytes, actual), 413);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limits.maxRequestBytes) return tooLarge(declared);
  const chunks = await readUpTo(req, limits.maxRequestBytes);
  if (!chunks) return tooLarge(limits.maxRequestBytes + 1);
  const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body === null || typeof body !== 'object') return refuse(LatticeError.invalidInput('body', 'The request body is not valid JSON'));
  const query: unknown = (body as { query?: unknown }).query;
  if (typeof query === 'string' && query.length > limits.maxQueryLength) return refuse(LatticeError.limitExceeded('The query text (characters)', limits.maxQueryLength, query.length));
  return body;
}

/** The body's chunks, or undefined as soon as it passes `limit` bytes (the rest is left unread). */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer[] | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(chunks);
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
