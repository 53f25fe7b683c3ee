import type { EntityDocument, FormDocument, FormFieldDocument } from '@lattice/runtime';

/** Names of the entity's fields the form already places (a field appears once on a form). */
export function placedFields(form: FormDocument): Set<string> {
  return new Set(form.tabs.flatMap((tab) => tab.sections.flatMap((section) => (section.fields ?? []).map((f) => f.field))));
}

/** The entity's fields not yet on the form: the canvas palette, in the entity's order. */
export function paletteFields(entity: EntityDocument, form: FormDocument): FormFieldDocument[] {
  const placed = placedFields(form);
  return entity.fields.filter((f) => !placed.has(f.name) && f.type !== 'oneToMany' && f.type !== 'manyToMany').map((f) => ({ field: f.name }));
}

/** A key not used yet among `taken`: `base`, `base_2`, `base_3`… */
export function freeKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** A new default form for an entity: one tab, one section of two columns, no fields yet (tab and section keys are one namespace: they differ). */
export function newForm(entity: EntityDocument, key: string, isDefault: boolean): FormDocument {
  return { kind: 'form', key, entity: entity.key, label: entity.label, ...(isDefault ? { default: true } : {}), tabs: [{ key: 'main', label: entity.label, sections: [{ key: 'general', columns: 2, fields: [] }] }] } as FormDocument;
}
