/** An error the platform answered (one of its public codes), or a network failure, as the console shows it. */
export class ApiError extends Error {
  constructor(
    /** The platform's public code (`UNAUTHENTICATED`, `VALIDATION`, ...) or `NETWORK`. */
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphqlErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The first error of a GraphQL answer, with its code. */
export function apiErrorOf(errors: readonly GraphqlErrorLike[]): ApiError {
  const first = errors[0] ?? { message: 'Unknown error' };
  return new ApiError(String(first.extensions?.['code'] ?? 'INTERNAL'), first.message, first.extensions ?? {});
}
