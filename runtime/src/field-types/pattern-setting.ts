import { problem, type Problem } from '../problems/problem.js';
import type { FieldTypeContext } from './field-type.js';

// Patterns come from metadata, so the set is small; compiling once per pattern
// keeps validation of large imports cheap.
const compiled = new Map<string, RegExp | string>();

/**
 * A `pattern` setting compiled as a JavaScript regular expression with the
 * u flag (so `.` and `{n}` count characters, not UTF-16 halves), or the
 * reason it does not compile. Not anchored: write ^...$ to match the whole value.
 */
export function compilePattern(source: string): RegExp | string {
  let result = compiled.get(source);
  if (result === undefined) {
    try {
      result = new RegExp(source, 'u');
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    compiled.set(source, result);
  }
  return result;
}

export function patternSettingProblems(pattern: string | undefined, context: FieldTypeContext): Problem[] {
  if (pattern === undefined) return [];
  const result = compilePattern(pattern);
  if (typeof result !== 'string') return [];
  return [
    problem(
      'field.invalid-pattern',
      `${context.path}.pattern`,
      `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${result}`,
      'patterns are JavaScript regular expressions with the u flag, e.g. ^[A-Z]{2}\\d{6}$; escape literal characters such as . ( ) with a backslash',
    ),
  ];
}

/** Why the value does not match, or null (including when the pattern is broken: checkSettings reports that). */
export function patternMismatch(value: string, pattern: string | undefined): { message: string } | null {
  if (pattern === undefined) return null;
  const regex = compilePattern(pattern);
  if (typeof regex === 'string' || regex.test(value)) return null;
  return { message: `${JSON.stringify(value)} does not match the pattern ${pattern}` };
}
