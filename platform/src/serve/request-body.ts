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
