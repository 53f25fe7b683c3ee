import type jsep from 'jsep';
import { ExactDecimal } from '../field-types/exact-decimal.js';
import type { FormulaType } from '../field-types/field-type.js';
import { unstorableTextReason } from '../field-types/storable-text.js';
import { problem, type Problem } from '../problems/problem.js';
import { closeFieldNames } from './close-field-names.js';
import { FORMULA_FUNCTIONS, article, type FormulaArgument } from './formula-functions.js';
import type { FormulaNode } from './formula-node.js';
import { BINARY_OPERATORS, OPERATOR_HINTS, binaryOperatorType, type BinaryOperator } from './formula-operators.js';
import { formulaSource } from './formula-source.js';

export interface FormulaCheckContext {
  readonly path: string;
  readonly fieldType: (fieldName: string) => FormulaType | null | undefined;
  readonly fieldNames?: readonly string[];
  readonly problems: Problem[];
  /** Field names read, in order of first use. */
  readonly dependencies: Set<string>;
}

const NULL_HINT = 'null may only be a branch of if() or an argument of coalesce(); use coalesce(value, fallback) to replace a missing value';

/**
 * Type-checks one jsep node into a FormulaNode, recording problems in the
 * context. Returns undefined when the node or a part of it is wrong, so
 * that one mistake is reported once rather than again by every parent.
 */
export function checkFormulaExpression(node: jsep.Expression, context: FormulaCheckContext): FormulaNode | undefined {
  const source = formulaSource(node);
  const report = (code: string, message: string, hint?: string): undefined => {
    context.problems.push(problem(code, context.path, message, hint));
    return undefined;
  };
  switch (node.type) {
    case 'Literal':
      return checkLiteral(node as jsep.Literal, report);
    case 'Identifier':
      return checkField(String(node.name), context, report);
    case 'UnaryExpression':
      return checkUnary(node as jsep.UnaryExpression, source, context, report);
    case 'BinaryExpression':
      return checkBinary(node as jsep.BinaryExpression, source, context, report);
    case 'CallExpression':
      return checkCall(node as jsep.CallExpression, source, context, report);
    case 'MemberExpression':
      return report('formula.member-access', `"${source}": a formula cannot read properties or fields of other records`, 'use fields of this record by name; related records are not available in formulas in this version');
    case 'ArrayExpression':
      return report('formula.array', `"${source}": lists are not part of the formula language`, 'pass values as separate arguments, e.g. coalesce(a, b)');
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      return report('formula.unsupported', `"${source}": the ? : operator is not part of the formula language`, `use if(${formulaSource(c.test)}, ${formulaSource(c.consequent)}, ${formulaSource(c.alternate)})`);
    }
    case 'Compound': {
      const parts = (node as jsep.Compound).body.map((part) => formulaSource(part));
      return report('formula.syntax', `a formula is one expression, but this has ${parts.length} side by side: ${parts.join(' | ')}`, 'join them with an operator such as + or &&, or with a function such as concat(a, b)');
    }
    default:
      return report('formula.unsupported', `"${source}" is not part of the formula language`);
  }
}

type Report = (code: string, message: string, hint?: string) => undefined;

function checkLiteral(node: jsep.Literal, report: Report): FormulaNode | undefined {
  const { value } = node;
  if (value === null) return { kind: 'literal', type: 'null', value: null };
  if (typeof value === 'boolean') return { kind: 'literal', type: 'boolean', value };
  if (typeof value === 'number') {
    // From the text as written, never the float: 0.1 stays exactly 0.1.
    const decimal = new ExactDecimal(node.raw);
    // Bounded so that 1e999999999 cannot make a billion-digit string; numeric(38) is the widest column.
    if (decimal.e > 37 || decimal.decimalPlaces() > 38) {
      return report('formula.number-out-of-range', `the number ${node.raw} is out of range`, 'numbers in formulas have at most 38 digits before and 38 after the decimal point');
    }
    return { kind: 'literal', type: 'number', value: decimal.toFixed() };
  }
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    if (reason !== null) return report('formula.invalid-text', `the text ${node.raw} ${reason}`);
    return { kind: 'literal', type: 'text', value };
  }
  return report('formula.unsupported', `${node.raw} is not a formula value`);
}

function checkField(name: string, context: FormulaCheckContext, report: Report): FormulaNode | undefined {
  const type = context.fieldType(name);
  if (type === undefined) {
    const close = closeFieldNames(name, context.fieldType, context.fieldNames);
    const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : 'formulas use field names (not keys or labels); check the spelling and letter case';
    return report('formula.unknown-field', `the formula uses "${name}", which is not a field of this entity`, hint);
  }
  if (type === null) {
    return report(
      'formula.unusable-field',
      `the field "${name}" cannot be used in a formula`,
      'formulas read text, number, money, boolean, date and date-time fields of this record; lists, relations, JSON and other formula fields are not available in this version',
    );
  }
  context.dependencies.add(name);
  return { kind: 'field', type, field: name };
}

function checkUnary(node: jsep.UnaryExpression, source: string, context: FormulaCheckContext, report: Report): FormulaNode | undefined {
  const op = node.operator;
  if (op !== '-' && op !== '!') {
    return report('formula.unsupported-operator', `"${source}": unary ${op} is not a formula operator`, OPERATOR_HINTS[op]);
  }
  const operand = checkFormulaExpression(node.argument, context);
  if (operand === undefined) return undefined;
  if (operand.type === 'null') return report('formula.null-literal', `"${source}" is always null`, NULL_HINT);
  if (op === '-' && (operand.type === 'number' || operand.type === 'money')) return { kind: 'unary', type: operand.type, op, operand };
  if (op === '!' && operand.type === 'boolean') return { kind: 'unary', type: 'boolean', op, operand };
  const needs = op === '-' ? 'a number or an amount' : 'a boolean';
  return report('formula.type-mismatch', `"${source}": ${op} needs ${needs}, but ${formulaSource(node.argument)} is ${article(operand.type)}`);
}

function checkBinary(node: jsep.BinaryExpression, source: string, context: FormulaCheckContext, report: Report): FormulaNode | undefined {
  const op = node.operator;
  if (!BINARY_OPERATORS.includes(op)) {
    return report('formula.unsupported-operator', `"${source}": ${op} is not a formula operator`, OPERATOR_HINTS[op]);
  }
  const left = checkFormulaExpression(node.left, context);
  const right = checkFormulaExpression(node.right, context);
  if (left === undefined || right === undefined) return undefined;
  if (left.type === 'null' || right.type === 'null') {
    const what = op === '==' || op === '!=' ? `comparing with null with ${op} never gives true or false` : `${op} with null always gives null`;
    return report('formula.null-literal', `"${source}": ${what}`, NULL_HINT);
  }
  const checked = binaryOperatorType(
    op as BinaryOperator,
    { type: left.type, source: formulaSource(node.left) },
    { type: right.type, source: formulaSource(node.right) },
    source,
  );
  if (!checked.ok) return report(checked.code, checked.message, checked.hint);
  return { kind: 'binary', type: checked.type, op: op as BinaryOperator, left, right };
}

function checkCall(node: jsep.CallExpression, source: string, context: FormulaCheckContext, report: Report): FormulaNode | undefined {
  if (node.callee.type !== 'Identifier') {
    return report('formula.unsupported', `"${source}": only the formula functions can be called`, `the functions are ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`);
  }
  const name = String(node.callee.name);
  const fn = Object.hasOwn(FORMULA_FUNCTIONS, name) ? FORMULA_FUNCTIONS[name] : undefined;
  if (fn === undefined) {
    const near = Object.keys(FORMULA_FUNCTIONS).find((known) => known.toLowerCase() === name.toLowerCase());
    const hint = near !== undefined ? `did you mean ${near}? Function names are case-sensitive` : `the functions are ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`;
    return report('formula.unknown-function', `"${source}": ${name} is not a formula function`, hint);
  }
  const args: FormulaArgument[] = [];
  let failedArgs = false;
  for (const argument of node.arguments) {
    const checked = checkFormulaExpression(argument, context);
    if (checked === undefined) failedArgs = true;
    else args.push({ node: checked, source: formulaSource(argument) });
  }
  if (failedArgs) return undefined;
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
    return report('formula.arity', `"${source}": ${name} takes ${expected} argument${fn.minArgs === 1 ? '' : 's'}, got ${args.length}`, fn.signature);
  }
  if (name !== 'if' && name !== 'coalesce' && name !== 'concat') {
    const nullArg = args.find((arg) => arg.node.type === 'null');
    if (nullArg !== undefined) return report('formula.null-literal', `"${source}": ${name} of null is always null`, NULL_HINT);
  }
  const checked = fn.check(args, source);
  if (!checked.ok) return report(checked.code, checked.message, checked.hint);
  return { kind: 'call', type: checked.type, fn: name, args: args.map((arg) => arg.node) };
}
