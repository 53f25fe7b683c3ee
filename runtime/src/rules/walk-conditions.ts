import { isFactReference, type ConditionDocument, type ConditionReference, type FactCondition } from './rule-set.document.js';

export interface ConditionVisitor {
  fact?(condition: FactCondition, path: string): void;
  reference?(condition: ConditionReference, path: string): void;
  /** Each all/any list, with its path (`…all`). */
  list?(kind: 'all' | 'any', conditions: readonly ConditionDocument[], path: string): void;
}

/** The facts a condition tree reads, on either side of its comparisons (not through named conditions). */
export function factsReadBy(root: ConditionDocument): Set<string> {
  const read = new Set<string>();
  walkConditions(root, '', {
    fact: (condition) => {
      read.add(condition.fact);
      if (isFactReference(condition.value)) read.add(condition.value.fact);
    },
  });
  return read;
}

/** Visits a parsed condition tree depth first; paths as problems name them (`conditions.all[1]`). */
export function walkConditions(node: ConditionDocument, path: string, visitor: ConditionVisitor): void {
  if ('any' in node || 'all' in node) {
    const kind = 'any' in node ? 'any' : 'all';
    const children = 'any' in node ? node.any : node.all;
    visitor.list?.(kind, children, `${path}.${kind}`);
    children.forEach((child, index) => walkConditions(child, `${path}.${kind}[${index}]`, visitor));
  } else if ('not' in node) {
    walkConditions(node.not, `${path}.not`, visitor);
  } else if ('condition' in node) {
    visitor.reference?.(node, path);
  } else {
    visitor.fact?.(node, path);
  }
}
