import type { CompiledModel } from '../compile/compiled-model.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkForm, type FormCheckContext } from './check-form.js';
import { compileForm, type CompiledForm } from './compile-form.js';

/**
 * The set's forms: each checked against the model and compiled (problems at
 * `forms[<key>]…`), keys unique, and each entity that has forms has exactly
 * one default. All or nothing: one bad form fails the set.
 */
export function compileForms(inputs: readonly unknown[], context: FormCheckContext): Checked<CompiledForm[]> {
  const problems: Problem[] = [];
  const forms: CompiledForm[] = [];
  const keys = new Set<string>();
  inputs.forEach((input, index) => {
    const key = keyOf(input) ?? String(index);
    const prefix = `forms[${key}]`;
    if (keys.has(key)) problems.push(problem('form.duplicate-form', prefix, `two forms have the key "${key}"`));
    keys.add(key);
    const checked = checkForm(input, context);
    if (!checked.ok) return void problems.push(...checked.problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix })));
    forms.push(compileForm(checked.value, context));
  });
  if (problems.length) return failed(problems);
  problems.push(...checkDefaults(forms, context.model));
  return problems.length ? failed(problems) : ok(forms);
}

function checkDefaults(forms: readonly CompiledForm[], model: CompiledModel): Problem[] {
  const problems: Problem[] = [];
  for (const entity of new Set(forms.map((f) => f.entity))) {
    const defaults = forms.filter((f) => f.entity === entity && f.isDefault);
    const name = model.entityByKey(entity)?.name ?? entity;
    if (defaults.length === 0) {
      const first = forms.find((f) => f.entity === entity) as CompiledForm;
      problems.push(problem('form.no-default', `forms[${first.key}].default`, `${name} has forms but no default form`, 'mark the form everyone else gets with default: true'));
    }
    for (const extra of defaults.slice(1)) problems.push(problem('form.multiple-defaults', `forms[${extra.key}].default`, `${name} already has the default form "${(defaults[0] as CompiledForm).key}"`));
  }
  return problems;
}

function keyOf(input: unknown): string | undefined {
  const key = input !== null && typeof input === 'object' ? (input as { key?: unknown }).key : undefined;
  return typeof key === 'string' ? key : undefined;
}
