import type { FormulaType } from '../field-types/field-type.js';
import type { FormulaNode } from './formula-node.js';

/** A checked argument: its node and how it was written. */
export interface FormulaArgument {
  node: FormulaNode;
  source: string;
}

export type CallCheck = { ok: true; type: FormulaType } | { ok: false; code: string; message: string; hint?: string };

type ArgType = FormulaType | 'null';

interface FormulaFunction {
  signature: string;
  minArgs: number;
  /** Infinity for functions taking any number of arguments. */
  maxArgs: number;
  check(args: FormulaArgument[], call: string): CallCheck;
}

const NUMERIC: readonly ArgType[] = ['number', 'money'];

/**
 * The formula functions and their typing rules. Each rule sees checked
 * arguments, so it only decides the result type or says what is wrong; the
 * JavaScript evaluator and the SQL renderer implement the same names.
 */
export const FORMULA_FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  if: {
    signature: 'if(condition, valueIfTrue, valueIfFalse)',
    minArgs: 3,
    maxArgs: 3,
    check: ([condition, yes, no], call) =>
      argumentError(condition, ['boolean'], 1, call, 'if') ?? sameType([yes, no], call, 'both branches of if() must have the same type'),
  },
  concat: {
    signature: 'concat(a, b, ...)',
    minArgs: 1,
    maxArgs: Infinity,
    check(args, call) {
      for (const [index, arg] of args.entries()) {
        const type = arg.node.type;
        if (type === 'boolean') return mismatch(call, `argument ${index + 1} of concat is a boolean`, `turn it into text first: if(${arg.source}, 'yes', 'no')`);
        if (type === 'datetime') {
          return mismatch(call, `argument ${index + 1} of concat is a date-time, whose text depends on the time zone`, 'concat accepts text, numbers, amounts and dates');
        }
      }
      return { ok: true, type: 'text' };
    },
  },
  upper: unary('upper(text)', ['text'], () => 'text'),
  lower: unary('lower(text)', ['text'], () => 'text'),
  len: unary('len(text)', ['text'], () => 'number'),
  abs: unary('abs(number)', NUMERIC, (type) => type),
  year: unary('year(date)', ['date'], () => 'number'),
  month: unary('month(date)', ['date'], () => 'number'),
  round: {
    signature: 'round(number, digits)',
    minArgs: 2,
    maxArgs: 2,
    check([value, digits], call) {
      const wrong = argumentError(value, NUMERIC, 1, call, 'round');
      if (wrong !== undefined) return wrong;
      const literal = digits?.node;
      if (literal?.kind !== 'literal' || literal.type !== 'number' || !/^[0-8]$/.test(String(literal.value))) {
        return {
          ok: false,
          code: 'formula.round-digits',
          message: `"${call}": the digits of round must be a whole number from 0 to 8 written in the formula, got ${digits?.source ?? 'nothing'}`,
          hint: 'e.g. round(price * 0.95, 2)',
        };
      }
      return { ok: true, type: value?.node.type as FormulaType };
    },
  },
  coalesce: {
    signature: 'coalesce(value, fallback, ...)',
    minArgs: 2,
    maxArgs: Infinity,
    check: (args, call) => sameType(args, call, 'all arguments of coalesce() must have the same type'),
  },
  daysBetween: {
    signature: 'daysBetween(startDate, endDate)',
    minArgs: 2,
    maxArgs: 2,
    check: ([start, end], call) =>
      argumentError(start, ['date'], 1, call, 'daysBetween') ?? argumentError(end, ['date'], 2, call, 'daysBetween') ?? { ok: true, type: 'number' },
  },
};

function unary(signature: string, accepts: readonly ArgType[], result: (type: FormulaType) => FormulaType): FormulaFunction {
  const name = signature.slice(0, signature.indexOf('('));
  return {
    signature,
    minArgs: 1,
    maxArgs: 1,
    check: ([arg], call) => argumentError(arg, accepts, 1, call, name) ?? { ok: true, type: result(arg?.node.type as FormulaType) },
  };
}

function argumentError(arg: FormulaArgument | undefined, accepts: readonly ArgType[], position: number, call: string, fn: string): CallCheck | undefined {
  if (arg === undefined || accepts.includes(arg.node.type)) return undefined;
  const signature = FORMULA_FUNCTIONS[fn]?.signature ?? fn;
  return mismatch(call, `argument ${position} of ${fn} must be ${accepts.map(article).join(' or ')}, but ${arg.source} is ${article(arg.node.type)}`, signature);
}

function sameType(args: (FormulaArgument | undefined)[], call: string, rule: string): CallCheck {
  const typed = args.filter((arg): arg is FormulaArgument => arg !== undefined && arg.node.type !== 'null');
  const first = typed[0];
  if (first === undefined) {
    return { ok: false, code: 'formula.untyped', message: `"${call}" is always null`, hint: 'give at least one argument a field or a value' };
  }
  // Numbers and amounts mix as in arithmetic, so coalesce(discount, 0) stays an amount.
  const numeric = typed.every((arg) => arg.node.type === 'number' || arg.node.type === 'money');
  if (numeric) return { ok: true, type: typed.some((arg) => arg.node.type === 'money') ? 'money' : 'number' };
  const other = typed.find((arg) => arg.node.type !== first.node.type);
  if (other !== undefined) {
    return mismatch(call, `${rule}: ${first.source} is ${article(first.node.type)} but ${other.source} is ${article(other.node.type)}`, sameTypeHint(first, other));
  }
  return { ok: true, type: first.node.type as FormulaType };
}

function sameTypeHint(a: FormulaArgument, b: FormulaArgument): string {
  if (a.node.type === 'text' || b.node.type === 'text') return `turn the other value into text with concat(${a.node.type === 'text' ? b.source : a.source})`;
  return 'use values of one type';
}

function mismatch(call: string, message: string, hint: string): CallCheck {
  return { ok: false, code: 'formula.type-mismatch', message: `"${call}": ${message}`, hint };
}

/** "a number", "an amount", "text"... as a person reads a type. */
export function article(type: ArgType): string {
  switch (type) {
    case 'text':
      return 'text';
    case 'number':
      return 'a number';
    case 'money':
      return 'an amount of money';
    case 'boolean':
      return 'a boolean';
    case 'date':
      return 'a date';
    case 'datetime':
      return 'a date-time';
    case 'null':
      return 'null';
  }
}
