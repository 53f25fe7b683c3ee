import type { FormulaNode, FormulaType } from '@lattice/runtime';

/**
 * Column type per formula result type; must agree with the runtime's
 * storageForFormulaType as columnTypeOf renders it.
 */
const COLUMN_TYPE: Record<FormulaType, string> = {
  text: 'text',
  number: 'numeric(30,8)',
  money: 'numeric(18,2)',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

/** Scale both division operands are cast to; the runtime's formula-numeric.ts mirrors it. */
const DIVISION_OPERAND = 'numeric(1000,40)';

const COMPARISON: Record<string, string> = { '==': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Renders a checked formula as the expression of a
 * `GENERATED ALWAYS AS (...) STORED` column (Postgres 15+). Generated
 * columns accept only IMMUTABLE expressions, so: no concat() (STABLE) but
 * `||` over coalesce(x, ''); no date/timestamptz to text casts (they read
 * DateStyle/TimeZone) but text built from extract(); text comparisons and
 * upper/lower under COLLATE "C", which also makes them agree with the
 * JavaScript evaluator whatever the database locale. Numbers are numeric
 * throughout; division follows the runtime's divideAsPostgres. The result
 * is cast to the column type, which rounds half away from zero as the
 * evaluator does. `columnOf` returns an already quoted column.
 */
export function renderFormulaSql(ast: FormulaNode, columnOf: (fieldName: string) => string): string {
  if (ast.type === 'null') throw new Error('renderFormulaSql: a formula that is always null has no column type');
  return `CAST(${render(ast, columnOf)} AS ${COLUMN_TYPE[ast.type]})`;
}

type Column = (fieldName: string) => string;

/** Every rendering is atomic (a name, a call, a cast or parenthesised), so parents never re-parenthesise. */
function render(node: FormulaNode, columnOf: Column): string {
  switch (node.kind) {
    case 'literal':
      return renderLiteral(node);
    case 'field':
      return node.type === 'number' || node.type === 'money' ? `CAST(${columnOf(node.field)} AS numeric)` : columnOf(node.field);
    case 'unary':
      return node.op === '-' ? `(-(${render(node.operand, columnOf)}))` : `(NOT ${render(node.operand, columnOf)})`;
    case 'binary':
      return renderBinary(node, columnOf);
    case 'call':
      return renderCall(node, columnOf);
  }
}

function renderLiteral(node: Extract<FormulaNode, { kind: 'literal' }>): string {
  const { value } = node;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (node.type === 'number') {
    const text = String(value);
    if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`renderFormulaSql: number literal ${JSON.stringify(text)} is not plain decimal text`);
    return `CAST(${text} AS numeric)`;
  }
  return `CAST(${quoteText(String(value))} AS text)`;
}

/** A string constant that reads the same whether standard_conforming_strings is on or off. */
function quoteText(value: string): string {
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

function renderBinary(node: Extract<FormulaNode, { kind: 'binary' }>, columnOf: Column): string {
  const left = render(node.left, columnOf);
  const right = render(node.right, columnOf);
  switch (node.op) {
    case '+':
    case '-':
    case '*':
      return `(${left} ${node.op} ${right})`;
    case '/':
      return `(CAST(${left} AS ${DIVISION_OPERAND}) / NULLIF(CAST(${right} AS ${DIVISION_OPERAND}), 0))`;
    case '&&':
      return `(${left} AND ${right})`;
    case '||':
      return `(${left} OR ${right})`;
    default: {
      const collate = node.left.type === 'text' ? ' COLLATE "C"' : '';
      return `(${left}${collate} ${COMPARISON[node.op] ?? node.op} ${right})`;
    }
  }
}

function renderCall(node: Extract<FormulaNode, { kind: 'call' }>, columnOf: Column): string {
  const args = node.args.map((arg) => render(arg, columnOf));
  const [first = 'NULL', second = 'NULL', third = 'NULL'] = args;
  switch (node.fn) {
    case 'if':
      return `(CASE WHEN ${first} THEN ${second} ELSE ${third} END)`;
    case 'coalesce':
      return `COALESCE(${args.join(', ')})`;
    case 'concat':
      return `(${node.args.map((arg, index) => `COALESCE(${asText(arg.type, args[index] ?? 'NULL')}, '')`).join(' || ')})`;
    case 'upper':
    case 'lower':
      return `${node.fn}(${first} COLLATE "C")`;
    case 'len':
      return `CAST(length(${first}) AS numeric)`;
    case 'abs':
      return `abs(${first})`;
    case 'round': {
      const digits = node.args[1];
      const places = digits?.kind === 'literal' ? Number(digits.value) : Number.NaN;
      if (!Number.isInteger(places) || places < 0 || places > 8) throw new Error('renderFormulaSql: round() needs literal digits 0..8');
      return `round(${first}, ${places})`;
    }
    case 'daysBetween':
      return `CAST((${second} - ${first}) AS numeric)`;
    case 'year':
    case 'month':
      return `CAST(extract(${node.fn.toUpperCase()} FROM ${first}) AS numeric)`;
    default:
      throw new Error(`renderFormulaSql: unknown function ${node.fn}`);
  }
}

/** concat's text form of a value, as the runtime's numberAsText / moneyAsText and the date's canonical text. */
function asText(type: FormulaType | 'null', sql: string): string {
  switch (type) {
    case 'number':
      return `CAST(trim_scale(round(${sql}, 8)) AS text)`;
    case 'money':
      return `CAST(round(${sql}, 2) AS text)`;
    case 'date': {
      const part = (field: string, width: number) => `lpad(CAST(CAST(extract(${field} FROM ${sql}) AS integer) AS text), ${width}, '0')`;
      return `(${part('YEAR', 4)} || '-' || ${part('MONTH', 2)} || '-' || ${part('DAY', 2)})`;
    }
    default:
      return sql;
  }
}
