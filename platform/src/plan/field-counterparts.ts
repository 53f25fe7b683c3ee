import type { CompiledEntity, CompiledField, CompiledModel, Problem } from '@lattice/runtime';

/**
 * Which live field a next field is: the one with its key, or, when an admin
 * changed the key, the one its `renamedFrom` names. Every step that matches
 * live and next fields (diff, renames, where-used) asks here, so a key
 * change is one idea in one place.
 */
export function liveFieldOf(live: CompiledEntity, next: CompiledEntity, field: CompiledField): CompiledField | undefined {
  const same = live.fieldByKey(field.key);
  if (same) return same;
  return field.renamedFrom && !next.fieldByKey(field.renamedFrom) ? live.fieldByKey(field.renamedFrom) : undefined;
}

/** The next version's field that the live field `liveKey` becomes, if any. */
export function nextFieldOf(live: CompiledEntity, next: CompiledEntity, liveKey: string): CompiledField | undefined {
  return next.fieldByKey(liveKey) ?? next.fields.find((f) => f.renamedFrom === liveKey && !live.fieldByKey(f.key));
}

/**
 * `renamedFrom` checked against the live version: it must name a live field
 * of the same entity that the draft no longer has, once. A `renamedFrom`
 * left on a field after its key change was published is harmless.
 */
export function checkRenamedFrom(live: CompiledModel | undefined, next: CompiledModel): Problem[] {
  const problems: Problem[] = [];
  for (const entity of next.entities) {
    const before = live?.entityByKey(entity.key);
    const claimed = new Map<string, string>();
    for (const field of entity.fields) {
      const from = field.renamedFrom;
      if (!from || before?.fieldByKey(field.key)) continue;
      const path = `entities[${entity.key}].fields[${field.key}].renamedFrom`;
      if (entity.fieldByKey(from)) {
        problems.push({ code: 'field.renamed-from-in-use', path, message: `Field "${field.key}" says it was "${from}", but the draft still has a field "${from}"`, hint: 'Remove the old field from the draft, or remove renamedFrom' });
      } else if (!before?.fieldByKey(from)) {
        problems.push({ code: 'field.renamed-from-unknown', path, message: `Field "${field.key}" says it was "${from}", but the live entity "${entity.key}" has no field "${from}"`, hint: 'renamedFrom names the key the field has in the live version' });
      } else if (claimed.has(from)) {
        problems.push({ code: 'field.renamed-from-twice', path, message: `Fields "${claimed.get(from)}" and "${field.key}" both say they were "${from}"`, hint: 'A live field becomes one field' });
      } else claimed.set(from, field.key);
    }
  }
  return problems;
}
