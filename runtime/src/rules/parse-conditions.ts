import type { ZodError } from 'zod';
import { zodProblems } from '../documents/parse-documents.js';
import { problem, type Problem } from '../problems/problem.js';
import { booleanConditionSchemas, factConditionSchema, type ConditionDocument, type TopCondition } from './rule-set.document.js';

/**
 * Parses a condition tree node by node. The node's kind is chosen the way
 * json-rules-engine chooses it (`any`, then `all`, then `not`, then
 * `condition`, else a fact condition), then its shape is checked with zod,
 * so a problem names the node (`conditions.all[1].value`) rather than
 * reporting that nothing in a union matched.
 */
export function parseConditions(input: unknown, path: string, problems: Problem[], top = true): ConditionDocument | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    problems.push(problem('rule.bad-condition', path, `expected a condition object, got ${input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input}`));
    return undefined;
  }
  const node = input as Record<string, unknown>;
  const kind = (['any', 'all', 'not', 'condition'] as const).find((key) => Object.hasOwn(node, key));
  if (!kind) {
    if (top) {
      problems.push(
        problem('rule.bad-condition', path, 'the top of a rule\'s conditions must be "all", "any", "not" or "condition"', 'wrap the condition in { all: [ ... ] }'),
      );
      return undefined;
    }
    if (!Object.hasOwn(node, 'value')) {
      problems.push(problem('rule.bad-condition', `${path}.value`, 'a fact condition needs a "value" to compare with'));
      return undefined;
    }
    return parsed(factConditionSchema.safeParse(node), node, path, problems) as ConditionDocument | undefined;
  }
  const shape = parsed(booleanConditionSchemas[kind].safeParse(node), node, path, problems);
  if (!shape) return undefined;
  if (kind === 'condition') return shape as ConditionDocument;
  if (kind === 'not') {
    const inner = parseConditions(node['not'], `${path}.not`, problems, false);
    return inner && { ...(shape as object), not: inner } as ConditionDocument;
  }
  const children = (node[kind] as unknown[]).map((child, index) => parseConditions(child, `${path}.${kind}[${index}]`, problems, false));
  if (children.some((child) => child === undefined)) return undefined;
  return { ...(shape as object), [kind]: children } as unknown as ConditionDocument;
}

export function parseTopCondition(input: unknown, path: string, problems: Problem[]): TopCondition | undefined {
  return parseConditions(input, path, problems, true) as TopCondition | undefined;
}

function parsed(result: { success: true; data: unknown } | { success: false; error: ZodError }, node: unknown, path: string, problems: Problem[]): unknown {
  if (result.success) return result.data;
  problems.push(...zodProblems(result.error, node, path));
  return undefined;
}
