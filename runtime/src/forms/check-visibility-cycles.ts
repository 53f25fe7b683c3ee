import { problem, type Problem } from '../problems/problem.js';
import type { FormFieldLogic } from './form-logic.js';

/**
 * A hidden field's value is cleared, so a field's visibility must be known
 * before any condition reading that field runs. Visibility conditions are
 * therefore evaluated in dependency order (depth-first topological sort,
 * fields in layout order for ties), and a cycle (A shown by B, B shown by
 * A; or a field shown by its own value) has no order: it is refused with
 * the cycle named, at the first field's `visible`.
 */
export function checkVisibilityCycles(fields: readonly FormFieldLogic[]): Problem[] {
  const order = visibilityOrder(fields);
  if (Array.isArray(order)) return [];
  const first = fields.find((f) => f.field === order.cycle[0]) as FormFieldLogic;
  return [problem('form.condition-cycle', `${first.path}.visible`, `visibility conditions depend on each other in a cycle: ${order.cycle.join(' → ')}`, 'a field\'s visibility may read only fields whose own visibility does not read it')];
}

/** The fields with visibility conditions, each after the fields its conditions read; or a cycle. */
export function visibilityOrder(fields: readonly FormFieldLogic[]): FormFieldLogic[] | { cycle: string[] } {
  const byName = new Map(fields.filter((f) => f.visible.length).map((f) => [f.field, f]));
  const reads = (f: FormFieldLogic) => [...new Set(f.visible.flatMap((v) => ('reads' in v ? [...v.reads] : [])))].filter((name) => byName.has(name));
  const done = new Set<string>();
  const order: FormFieldLogic[] = [];
  const visit = (f: FormFieldLogic, trail: string[]): string[] | undefined => {
    if (done.has(f.field)) return undefined;
    const at = trail.indexOf(f.field);
    if (at >= 0) return [...trail.slice(at), f.field];
    for (const name of reads(f)) {
      const cycle = visit(byName.get(name) as FormFieldLogic, [...trail, f.field]);
      if (cycle) return cycle;
    }
    done.add(f.field);
    order.push(f);
    return undefined;
  };
  for (const f of byName.values()) {
    const cycle = visit(f, []);
    if (cycle) return { cycle };
  }
  return order;
}
