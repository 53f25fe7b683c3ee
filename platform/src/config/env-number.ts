/** What a numeric setting must be: whole, and at least `min` (0 unless told). */
export interface NumberRule {
  readonly min?: number;
  readonly integer?: boolean;
}

/**
 * Reads a numeric setting from the environment, or its default when unset.
 * A value that is not a number, not whole where it must be, or below its
 * minimum stops the start with the variable's name, the value and the rule:
 * `Number('5s')` would otherwise run the node with NaN (a timer loop that
 * spins, a timeout that never fires).
 */
export function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, rule: NumberRule = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const min = rule.min ?? 0;
  const integer = rule.integer ?? true;
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}, not "${raw}"`);
  }
  return value;
}
