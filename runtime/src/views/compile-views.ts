import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import { zodProblems } from '../documents/parse-documents.js';
import { unknownField } from '../forms/check-form.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkFilter } from './check-filter.js';
import { viewDocumentSchema } from './view.document.js';
import type { CompiledView } from './compiled-view.js';

export type { CompiledView } from './compiled-view.js';

/**
 * The set's views: shape, entity, columns and sort fields (sortable ones),
 * the filter (`checkFilter`), unique keys, at most one default per entity.
 * Problems at `views[<key>]…`.
 */
export function compileViews(inputs: readonly unknown[], model: CompiledModel): Checked<CompiledView[]> {
  const problems: Problem[] = [];
  const views: CompiledView[] = [];
  const keys = new Set<string>();
  const defaults = new Map<string, string>();
  inputs.forEach((input, index) => {
    const shape = viewDocumentSchema.safeParse(input);
    const key = shape.success ? shape.data.key : String(index);
    const prefix = `views[${key}]`;
    if (!shape.success) return void problems.push(...zodProblems(shape.error, input, prefix));
    const view = shape.data;
    if (keys.has(key)) problems.push(problem('view.duplicate-view', prefix, `two views have the key "${key}"`));
    keys.add(key);
    const entity = model.entityByKey(view.entity);
    if (!entity) return void problems.push(problem('view.unknown-entity', `${prefix}.entity`, `no entity with key "${view.entity}"`));
    problems.push(...checkViewFields(model, entity, view, prefix));
    if (view.default) {
      const first = defaults.get(view.entity);
      if (first) problems.push(problem('view.multiple-defaults', `${prefix}.default`, `${entity.name} already has the default view "${first}"`));
      defaults.set(view.entity, key);
    }
    const roles = view.sharedWith?.roles;
    const units = view.sharedWith?.units;
    views.push(Object.freeze({ ...view, isSharedWith: (user: { readonly roles: readonly string[]; readonly unitPath: readonly string[] }) => (!roles || roles.some((r) => user.roles.includes(r))) && (!units || units.some((u) => user.unitPath.includes(u))) }));
  });
  return problems.length ? failed(problems) : ok(views);
}

/** What a list view names, as one entity has it now. */
export interface ViewFields {
  readonly columns: readonly string[];
  readonly sort?: readonly { readonly field: string }[] | undefined;
  readonly filter?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A view's columns (known fields), sort (sortable fields) and filter
 * (`checkFilter`) against its entity, problems under `prefix`: the check of
 * shared views at plan time and of the views users save, at save and after
 * every publish that may have removed what they name.
 */
export function checkViewFields(model: CompiledModel, entity: CompiledEntity, view: ViewFields, prefix: string): Problem[] {
  const problems: Problem[] = [];
  view.columns.forEach((column, i) => {
    if (!entity.fieldByName(column)) problems.push({ ...unknownField(entity, column, `${prefix}.columns[${i}]`), code: 'view.unknown-field' });
  });
  view.sort?.forEach((sort, i) => {
    const field = entity.fieldByName(sort.field);
    if (!field) problems.push({ ...unknownField(entity, sort.field, `${prefix}.sort[${i}].field`), code: 'view.unknown-field' });
    else if (!field.type.sortable) problems.push(problem('view.unsortable', `${prefix}.sort[${i}].field`, `"${sort.field}" (${field.typeName}) cannot be sorted on`));
  });
  if (view.filter) problems.push(...checkFilter(model, entity, view.filter, `${prefix}.filter`));
  return problems;
}
