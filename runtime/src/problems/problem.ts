/**
 * A problem found in metadata or in a record, returned as data. The runtime
 * never throws for bad input: callers decide how to surface problems (the
 * platform maps them to VALIDATION errors with the same path).
 */
export interface Problem {
  /** Stable, machine-readable code, e.g. `field.unknown-type`. */
  code: string;
  /** Where: document path (`entities[customer].fields[name].maxLength`) or record field path (`phone`). */
  path: string;
  /** What is wrong, for a person. */
  message: string;
  /** How to fix it, when there is a useful hint. */
  hint?: string;
}

export function problem(code: string, path: string, message: string, hint?: string): Problem {
  return hint === undefined ? { code, path, message } : { code, path, message, hint };
}

/** Result of an operation that may produce problems instead of a value. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function failed<T = never>(problems: Problem[]): Checked<T> {
  return { ok: false, problems };
}
