import type { FormulaType } from '../field-types/field-type.js';
import { article } from './formula-functions.js';
import type { FormulaNode } from './formula-node.js';

export type BinaryOperator = Extract<FormulaNode, { kind: 'binary' }>['op'];

export type OperatorCheck = { ok: true; type: FormulaType } | { ok: false; code: string; message: string; hint?: string };

export const BINARY_OPERATORS: readonly string[] = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];

/** jsep operators outside the language, with what to write instead. */
export const OPERATOR_HINTS: Readonly<Record<string, string>> = {
  '===': 'use ==',
  '!==': 'use !=',
  '??': 'use coalesce(a, b)',
  '%': 'there is no remainder operator',
  '**': 'there is no power operator; multiply instead',
  '&': 'use && for "and"',
  '|': 'use || for "or"',
  '^': 'there are no bitwise operators',
  '<<': 'there are no bitwise operators',
  '>>': 'there are no bitwise operators',
  '>>>': 'there are no bitwise operators',
  '+': 'remove the +',
  '~': 'use ! for "not"',
};

interface Operand {
  type: FormulaType;
  source: string;
}

/**
 * Result type of `left op right`, or why the operands do not fit. Money
 * stays money through + and - (with numbers too), money × number and
 * money ÷ number; money ÷ money is a plain ratio; money × money is refused.
 */
export function binaryOperatorType(op: BinaryOperator, left: Operand, right: Operand, source: string): OperatorCheck {
  const types = [left.type, right.type];
  const numeric = types.every((type) => type === 'number' || type === 'money');
  const hasMoney = types.includes('money');
  const fail = (message: string, hint?: string, code = 'formula.type-mismatch'): OperatorCheck =>
    hint === undefined ? { ok: false, code, message: `"${source}": ${message}` } : { ok: false, code, message: `"${source}": ${message}`, hint };
  const got = `${left.source} is ${article(left.type)} and ${right.source} is ${article(right.type)}`;

  switch (op) {
    case '+':
    case '-':
      if (numeric) return { ok: true, type: hasMoney ? 'money' : 'number' };
      if (op === '+' && types.includes('text')) return fail('+ does not join text', `use concat(${left.source}, ${right.source})`);
      if (types.includes('date') || types.includes('datetime')) return fail(`${op} does not apply to dates`, `use daysBetween(startDate, endDate) for the days between two dates`);
      return fail(`${op} needs numbers or amounts, but ${got}`);
    case '*':
      if (left.type === 'money' && right.type === 'money') return fail('two amounts of money cannot be multiplied', 'multiply an amount by a number, e.g. unitPrice * quantity');
      if (numeric) return { ok: true, type: hasMoney ? 'money' : 'number' };
      return fail(`* needs numbers or amounts, but ${got}`);
    case '/':
      if (left.type === 'number' && right.type === 'money') return fail('a number cannot be divided by an amount of money', 'divide an amount by a number, or an amount by an amount for a ratio');
      if (numeric) return { ok: true, type: left.type === 'money' && right.type === 'number' ? 'money' : 'number' };
      return fail(`/ needs numbers or amounts, but ${got}`);
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const ordered = op !== '==' && op !== '!=';
      if (ordered && left.type === 'boolean' && right.type === 'boolean') return fail(`${op} does not order booleans`, 'compare booleans with == or !=');
      if (numeric || left.type === right.type) return { ok: true, type: 'boolean' };
      const hint = types.includes('date') && types.includes('text') ? 'a date field cannot be compared with text; compare it with another date field' : 'compare values of the same type';
      return fail(`${op} compares values of one type, but ${got}`, hint);
    }
    case '&&':
    case '||':
      if (left.type === 'boolean' && right.type === 'boolean') return { ok: true, type: 'boolean' };
      return fail(`${op} needs two booleans, but ${got}`, 'compare first, e.g. amount > 0 && active');
  }
}
