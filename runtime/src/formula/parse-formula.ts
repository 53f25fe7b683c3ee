import jsep from 'jsep';
import type { FormulaType } from '../field-types/field-type.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkFormulaExpression } from './check-formula-expression.js';
import type { FormulaNode } from './formula-node.js';

export interface ParsedFormula {
  ast: FormulaNode;
  resultType: FormulaType;
  /** Field names the formula reads, in order of first use. */
  dependencies: string[];
}

const MAX_LENGTH = 4000;

/**
 * Parses and type-checks a formula against the fields of its entity.
 *
 * `fieldType(name)` answers for a field name: its formula type, null when
 * the field exists but formulas cannot use it, undefined when there is no
 * such field. `fieldNames`, when given, lets "unknown field" problems
 * suggest close names. jsep is used as configured by default and never
 * reconfigured (its settings are process-wide); operators the language
 * lacks are refused by the checker instead.
 */
export function parseFormula(
  expression: string,
  fieldType: (fieldName: string) => FormulaType | null | undefined,
  path: string,
  fieldNames?: readonly string[],
): Checked<ParsedFormula> {
  if (expression.trim() === '') return failed([problem('formula.empty', path, 'the formula is empty', 'e.g. unitPrice * quantity')]);
  if (expression.length > MAX_LENGTH) {
    return failed([problem('formula.too-long', path, `the formula is ${expression.length} characters long; at most ${MAX_LENGTH} allowed`)]);
  }
  let tree: jsep.Expression;
  try {
    tree = jsep(expression);
  } catch (error) {
    return failed([syntaxProblem(expression, error, path)]);
  }
  const problems: Problem[] = [];
  const dependencies = new Set<string>();
  const ast = checkFormulaExpression(tree, { path, fieldType, problems, dependencies, ...(fieldNames ? { fieldNames } : {}) });
  if (ast === undefined || problems.length > 0) return failed(problems);
  if (ast.type === 'null') return failed([problem('formula.untyped', path, 'the formula is always null', 'a formula must compute a value from fields')]);
  return ok({ ast, resultType: ast.type, dependencies: [...dependencies] });
}

function syntaxProblem(expression: string, error: unknown, path: string): Problem {
  const details = error as { index?: unknown; description?: unknown; message?: unknown };
  const description = typeof details.description === 'string' ? details.description : String(details.message ?? error);
  const index = typeof details.index === 'number' ? details.index : undefined;
  if (index === undefined) return problem('formula.syntax', path, `the formula cannot be read: ${description}`);
  const start = Math.max(0, index - 30);
  const before = `${start > 0 ? '...' : ''}${expression.slice(start, index)}`;
  return problem(
    'formula.syntax',
    path,
    `the formula cannot be read at character ${index + 1}: ${description}`,
    `it stops making sense after ${JSON.stringify(before)}; check for a missing value, operator, comma, quote or parenthesis`,
  );
}
