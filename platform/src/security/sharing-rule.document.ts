import { z } from 'zod';
import { checkFilter, isUserOperand, type CompiledModel, type Problem } from '@lattice/runtime';

/**
 * A criteria-based sharing rule: records of `entity` matching `criteria`
 * (the record API's filter language, by field name) are shared — for
 * reading, or also for changing — with units (and their subtrees unless
 * `includeSubtree` is false), with roles, or with everyone who may read the
 * entity at all. Criteria that go through related records (`subscriptions:
 * { some: {} }`) are evaluated with the viewer's own row scope on those
 * records, so "a group customer visible to every unit that serves one of
 * its member lines" is `{ customerClass: { eq: group }, subscriptions: {
 * some: {} } }` shared with everyone.
 */
export const sharingRuleSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a key is lower-case letters, digits and _'),
  entity: z.string().min(1),
  label: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  criteria: z.record(z.string(), z.unknown()),
  shareWith: z
    .strictObject({
      units: z.array(z.string()).default([]),
      includeSubtree: z.boolean().default(true),
      roles: z.array(z.string()).default([]),
      everyone: z.boolean().default(false),
    })
    .refine((s) => s.everyone || s.units.length > 0 || s.roles.length > 0, 'share with at least one unit or role, or with everyone'),
  access: z.enum(['read', 'update']).default('read'),
});

export type SharingRule = z.infer<typeof sharingRuleSchema>;
export type SharingRuleInput = z.input<typeof sharingRuleSchema>;

/**
 * Sharing rules against the metadata being served: the criteria of a rule
 * on a published entity are a filter of it in the one condition language
 * (`checkFilter`), every problem at its path (`sharingRules[0].criteria.tier.eq`).
 * A rule on an entity not published yet (an organisation is often imported
 * before its metadata) is checked when it is used: until its criteria fit,
 * it shares nothing.
 * A criterion cannot name `$user`: a rule shares the same records with
 * everyone it names, whoever reads them.
 */
export function checkSharingRules(model: CompiledModel, rules: readonly SharingRule[]): Problem[] {
  return rules.flatMap((rule, i) => {
    const entity = model.entityByKey(rule.entity);
    if (!entity) return [];
    const path = `sharingRules[${i}].criteria`;
    const user = userOperandPaths(rule.criteria, path).map((at) => ({ code: 'filter.bad-value', path: at, message: 'Sharing criteria cannot name $user: a rule shares the same records with everyone it names' }));
    return [...checkFilter(model, entity, rule.criteria, path), ...user];
  });
}

function userOperandPaths(node: unknown, path: string): string[] {
  if (isUserOperand(node)) return [path];
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((child, i) => userOperandPaths(child, `${path}[${i}]`));
  return Object.entries(node).flatMap(([key, child]) => userOperandPaths(child, `${path}.${key}`));
}
