import { dayNumber } from '../field-types/calendar-date.js';
import { ExactDecimal, toFixedText } from '../field-types/exact-decimal.js';
import type { FormulaType } from '../field-types/field-type.js';
import { characterCount } from '../field-types/storable-text.js';
import type { FormulaNode } from './formula-node.js';
import { divideAsPostgres, moneyAsText, numberAsText } from './formula-numeric.js';

/** number and money: ExactDecimal; text and date: string; boolean; datetime: epoch milliseconds. */
type Value = ExactDecimal | string | boolean | number | null;

/** Largest magnitudes the result columns hold: numeric(30,8) and numeric(18,2). */
const NUMBER_LIMIT = new ExactDecimal('1e22');
const MONEY_LIMIT = new ExactDecimal('1e16');

/**
 * Evaluates a checked formula on a record of canonical values, with SQL's
 * null rules, and returns what the platform reads back from the generated
 * column: number "12.50000000", money "199.00", date "2026-11-25", datetime
 * ISO UTC, text and booleans as they are. A result too large for its column
 * gives null (Postgres refuses such a write; the platform reports it).
 */
export function evaluateFormula(ast: FormulaNode, record: Record<string, unknown>): unknown {
  const value = evaluate(ast, record);
  if (value === null) return null;
  switch (ast.type) {
    case 'number':
      return fitting(value as ExactDecimal, 8, NUMBER_LIMIT);
    case 'money':
      return fitting(value as ExactDecimal, 2, MONEY_LIMIT);
    case 'datetime':
      return new Date(value as number).toISOString();
    default:
      return value;
  }
}

function fitting(value: ExactDecimal, scale: number, limit: ExactDecimal): string | null {
  return value.toDecimalPlaces(scale).abs().gte(limit) ? null : toFixedText(value, scale);
}

function evaluate(node: FormulaNode, record: Record<string, unknown>): Value {
  switch (node.kind) {
    case 'literal':
      return node.type === 'number' && node.value !== null ? new ExactDecimal(String(node.value)) : node.value;
    case 'field':
      return readField(record[node.field], node.type);
    case 'unary': {
      const operand = evaluate(node.operand, record);
      if (operand === null) return null;
      return node.op === '-' ? (operand as ExactDecimal).neg() : !(operand as boolean);
    }
    case 'binary':
      return evaluateBinary(node, record);
    case 'call':
      return evaluateCall(node, record);
  }
}

/** Record values are canonical field values; anything unreadable counts as missing. */
function readField(raw: unknown, type: FormulaType): Value {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'number':
    case 'money':
      if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'bigint') return new ExactDecimal(String(raw));
      return typeof raw === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? new ExactDecimal(raw) : null;
    case 'text':
      return typeof raw === 'string' ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : null;
    case 'datetime': {
      const time = raw instanceof Date ? raw.getTime() : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      return Number.isNaN(time) ? null : time;
    }
  }
}

function evaluateBinary(node: Extract<FormulaNode, { kind: 'binary' }>, record: Record<string, unknown>): Value {
  const left = evaluate(node.left, record);
  const right = evaluate(node.right, record);
  // Three-valued logic, as SQL: false AND null is false, true OR null is true.
  if (node.op === '&&') return left === false || right === false ? false : left === null || right === null ? null : true;
  if (node.op === '||') return left === true || right === true ? true : left === null || right === null ? null : false;
  if (left === null || right === null) return null;
  switch (node.op) {
    case '+':
      return (left as ExactDecimal).plus(right as ExactDecimal);
    case '-':
      return (left as ExactDecimal).minus(right as ExactDecimal);
    case '*':
      return (left as ExactDecimal).times(right as ExactDecimal);
    case '/':
      return divideAsPostgres(left as ExactDecimal, right as ExactDecimal);
    default: {
      const order = compare(left, right);
      switch (node.op) {
        case '==':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
      }
    }
  }
}

/** Both operands have one kind (the checker saw to it); text in code point order, as COLLATE "C". */
function compare(left: Exclude<Value, null>, right: Exclude<Value, null>): number {
  if (left instanceof ExactDecimal) return left.cmp(right as ExactDecimal);
  if (typeof left === 'string') return compareCodePoints(left, right as string);
  if (typeof left === 'number') return Math.sign(left - (right as number));
  return left === right ? 0 : left ? 1 : -1;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let index = 0; index < Math.min(x.length, y.length); index++) {
    const difference = (x[index]?.codePointAt(0) ?? 0) - (y[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(x.length - y.length);
}

function evaluateCall(node: Extract<FormulaNode, { kind: 'call' }>, record: Record<string, unknown>): Value {
  const arg = (index: number): Value => {
    const child = node.args[index];
    return child === undefined ? null : evaluate(child, record);
  };
  switch (node.fn) {
    case 'if':
      // CASE WHEN: a null condition takes the else branch.
      return arg(0) === true ? arg(1) : arg(2);
    case 'coalesce':
      for (const child of node.args) {
        const value = evaluate(child, record);
        if (value !== null) return value;
      }
      return null;
    case 'concat':
      return node.args.map((child) => asText(child.type, evaluate(child, record))).join('');
    default:
      break;
  }
  const first = arg(0);
  if (first === null) return null;
  switch (node.fn) {
    // Only a-z/A-Z change case: Postgres upper() under COLLATE "C" does the same in every database locale.
    case 'upper':
      return (first as string).replace(/[a-z]+/g, (letters) => letters.toUpperCase());
    case 'lower':
      return (first as string).replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    case 'len':
      return new ExactDecimal(characterCount(first as string));
    case 'abs':
      return (first as ExactDecimal).abs();
    case 'round': {
      const digits = node.args[1];
      return (first as ExactDecimal).toDecimalPlaces(digits?.kind === 'literal' ? Number(digits.value) : 0);
    }
    case 'year':
      return new ExactDecimal((first as string).slice(0, 4));
    case 'month':
      return new ExactDecimal((first as string).slice(5, 7));
    case 'daysBetween': {
      const end = arg(1);
      return end === null ? null : new ExactDecimal(dayNumber(end as string) - dayNumber(first as string));
    }
    default:
      throw new Error(`evaluateFormula: unknown function ${node.fn}; the AST did not come from parseFormula`);
  }
}

/** concat's text form of each value; null is ''. */
function asText(type: FormulaType | 'null', value: Value): string {
  if (value === null) return '';
  if (type === 'number') return numberAsText(value as ExactDecimal);
  if (type === 'money') return moneyAsText(value as ExactDecimal);
  return String(value);
}
