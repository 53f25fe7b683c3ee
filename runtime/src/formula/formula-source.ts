import type jsep from 'jsep';

// jsep's default precedences, for putting back only the parentheses that matter.
const PRECEDENCE: Record<string, number> = {
  '||': 1, '??': 1, '&&': 2, '|': 3, '^': 4, '&': 5,
  '==': 6, '!=': 6, '===': 6, '!==': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '>>>': 8,
  '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

/**
 * Writes a parsed sub-expression back as text, so that a message can quote
 * the part it is about (jsep keeps no source positions for nodes).
 */
export function formulaSource(node: jsep.Expression): string {
  switch (node.type) {
    case 'Literal':
      return typeof node.raw === 'string' ? node.raw : String(node.value);
    case 'Identifier':
      return String(node.name);
    case 'ThisExpression':
      return 'this';
    case 'UnaryExpression':
      return `${String(node.operator)}${wrap(node.argument as jsep.Expression, 12)}`;
    case 'BinaryExpression': {
      const precedence = PRECEDENCE[String(node.operator)] ?? 0;
      return `${wrap(node.left as jsep.Expression, precedence)} ${String(node.operator)} ${wrap(node.right as jsep.Expression, precedence + 1)}`;
    }
    case 'CallExpression':
      return `${formulaSource(node.callee as jsep.Expression)}(${list(node.arguments)})`;
    case 'MemberExpression': {
      const object = formulaSource(node.object as jsep.Expression);
      const property = formulaSource(node.property as jsep.Expression);
      return node.computed === true ? `${object}[${property}]` : `${object}.${property}`;
    }
    case 'ArrayExpression':
      return `[${list(node.elements)}]`;
    case 'ConditionalExpression':
      return `${formulaSource(node.test as jsep.Expression)} ? ${formulaSource(node.consequent as jsep.Expression)} : ${formulaSource(node.alternate as jsep.Expression)}`;
    case 'Compound':
      return list(node.body);
    default:
      return node.type;
  }
}

function wrap(node: jsep.Expression, minPrecedence: number): string {
  const text = formulaSource(node);
  const inner = node.type === 'BinaryExpression' ? (PRECEDENCE[String(node.operator)] ?? 0) : node.type === 'ConditionalExpression' ? 0 : 99;
  return inner < minPrecedence ? `(${text})` : text;
}

function list(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes.map((item) => (item === null ? '' : formulaSource(item as jsep.Expression))).join(', ');
}
