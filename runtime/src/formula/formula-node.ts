import type { FormulaType } from '../field-types/field-type.js';

/**
 * A checked formula expression. Every node carries its result type, found by
 * the type checker, so evaluators (JavaScript here, SQL in the platform)
 * never guess.
 */
export type FormulaNode =
  | { kind: 'literal'; type: FormulaType | 'null'; value: string | number | boolean | null }
  | { kind: 'field'; type: FormulaType; field: string }
  | { kind: 'unary'; type: FormulaType; op: '-' | '!'; operand: FormulaNode }
  | {
      kind: 'binary';
      type: FormulaType;
      op: '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
      left: FormulaNode;
      right: FormulaNode;
    }
  | { kind: 'call'; type: FormulaType; fn: string; args: FormulaNode[] };
