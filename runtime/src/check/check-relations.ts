import { problem, type Problem } from '../problems/problem.js';
import type { CheckContext, ResolvedEntity, ResolvedField } from './check-context.js';

/**
 * Relations must point at entities that exist; an inverse list must name a
 * reference on its target that points back; and required references must not
 * form a cycle, because then no record of the cycle could ever be created first.
 */
export function checkRelations(context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const entity of context.entities) {
    for (const field of entity.fields) {
      if (!field.type?.relation || !field.settings) continue;
      const target = String(field.settings['target']);
      const targetEntity = context.entityByKey.get(target);
      if (!targetEntity) {
        problems.push(
          problem('relation.dangling', `${field.path}.target`, `Field "${field.document.name}" points at entity "${target}", which does not exist`, `Use one of: ${[...context.entityByKey.keys()].join(', ')}`),
        );
        continue;
      }
      if (field.type.relation === 'reference') problems.push(...checkReference(field));
      if (field.type.relation === 'oneToMany') problems.push(...checkInverse(entity, field, targetEntity));
    }
  }
  problems.push(...checkRequiredCycles(context));
  return problems;
}

function checkReference(field: ResolvedField): Problem[] {
  if (field.settings?.['onDelete'] === 'setNull' && field.document.required) {
    return [problem('relation.set-null-required', `${field.path}.onDelete`, `Required reference "${field.document.name}" cannot be set to null when its target is deleted`, 'Use onDelete: restrict or cascade, or make the field optional')];
  }
  return [];
}

function checkInverse(entity: ResolvedEntity, field: ResolvedField, target: ResolvedEntity): Problem[] {
  const inverseOf = String(field.settings?.['inverseOf']);
  const back = target.fields.find((f) => f.document.key === inverseOf);
  if (!back) {
    const candidates = target.fields.filter((f) => f.type?.relation === 'reference' && f.settings?.['target'] === entity.document.key).map((f) => f.document.key);
    return [problem('relation.inverse-missing', `${field.path}.inverseOf`, `Entity "${target.document.key}" has no field "${inverseOf}"`, candidates.length ? `Use one of: ${candidates.join(', ')}` : `Add a reference field on "${target.document.key}" that targets "${entity.document.key}"`)];
  }
  if (back.type?.relation !== 'reference' || back.settings?.['target'] !== entity.document.key) {
    return [problem('relation.inverse-mismatch', `${field.path}.inverseOf`, `Field "${target.document.key}.${inverseOf}" is not a reference to "${entity.document.key}"`, 'inverseOf must name a reference field on the target that points back at this entity')];
  }
  return [];
}

/** Depth-first search for cycles among required references (Tarjan-style colouring, O(entities + references)). */
function checkRequiredCycles(context: CheckContext): Problem[] {
  const edges = new Map<string, Array<{ to: string; field: ResolvedField }>>();
  for (const entity of context.entities) {
    edges.set(
      entity.document.key,
      entity.fields
        .filter((f) => f.type?.relation === 'reference' && f.document.required && f.settings)
        .map((f) => ({ to: String(f.settings?.['target']), field: f })),
    );
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: Problem[] = [];
  const stack: ResolvedField[] = [];
  const visit = (key: string): void => {
    state.set(key, 'visiting');
    for (const edge of edges.get(key) ?? []) {
      stack.push(edge.field);
      const s = state.get(edge.to);
      if (s === 'visiting') {
        const cycle = stack.slice(stack.findIndex((f) => f.path.startsWith(`entities[${edge.to}]`))).map((f) => f.path);
        problems.push(problem('relation.required-cycle', edge.field.path, `Required references form a cycle: ${cycle.join(' → ')}`, 'Make one reference in the cycle optional so a first record can be created'));
      } else if (s === undefined && edges.has(edge.to)) {
        visit(edge.to);
      }
      stack.pop();
    }
    state.set(key, 'done');
  };
  for (const key of edges.keys()) if (!state.has(key)) visit(key);
  return problems;
}
