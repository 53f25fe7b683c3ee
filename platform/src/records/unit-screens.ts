import { entityViews, formsOf, type CompiledEntity, type CompiledModel, type FormDocument, type ViewDocument } from '@lattice/runtime';

/** A form as a user gets it: the document as their unit's layers re-laid it out, with only the fields they may read. */
export interface ServedForm extends FormDocument {
  readonly isDefault: boolean;
  /** The unit whose layer re-laid the form out, when one did. */
  readonly layer: string | null;
}

/**
 * An entity's forms for the unit at the end of `unitPath` (unit keys, group
 * first): `formsForUnit`, the same fold the write check uses, so the screen
 * and the server agree. A field the user may not read is left out of the
 * layout (its logic still runs on the server). Layers whose forms do not
 * fold cannot be published, so a failure here is the platform's own.
 */
export function formsForUser(model: CompiledModel, entity: CompiledEntity, unitPath: readonly string[], readable: (fieldName: string) => boolean): ServedForm[] {
  const forms = formsOf(model).forUnit(unitPath);
  if (!forms.ok) throw new Error(`The forms of ${unitPath.join('/')} do not fold: ${forms.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return forms.value
    .filter((f) => f.entity === entity.key)
    .map((form) => ({
      ...form.document,
      isDefault: form.isDefault,
      layer: form.layer ?? null,
      tabs: form.document.tabs.map((tab) => ({ ...tab, sections: tab.sections.map((section) => ({ ...section, fields: section.fields.filter((f) => readable(f.field)) })) })),
    }));
}

/**
 * The entity's shared list views the user is among the audience of and may
 * use (`usable`: their roles let them filter and sort as the view does),
 * with only the columns they may read.
 */
export function viewsForUser(model: CompiledModel, entity: CompiledEntity, user: { readonly roles: readonly string[]; readonly unitPath: readonly string[] }, unrestricted: boolean, readable: (fieldName: string) => boolean, usable: (view: ViewDocument) => boolean): ViewDocument[] {
  return entityViews(model, entity.key)
    .filter((v) => (unrestricted || v.isSharedWith(user)) && usable(v))
    .map(({ isSharedWith: _shared, ...view }) => ({ ...view, columns: view.columns.filter(readable) }) as ViewDocument);
}
