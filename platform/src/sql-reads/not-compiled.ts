import type { FallbackReason } from './fallback-reasons.js';

/** A read the statement builder cannot express: answered by the resolvers, for the reason named. */
export class NotCompiled extends Error {
  constructor(
    readonly reason: FallbackReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
