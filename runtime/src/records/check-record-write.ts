import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import { chooseForm } from '../forms/choose-form.js';
import type { CompiledForm } from '../forms/compile-form.js';
import { evaluateForm, type FieldState, type FormEvaluation, type FormUser } from '../forms/evaluate-form.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { runWriteRules, type WritePlacement } from './run-write-rules.js';
import { copyOf, decodeRecordInput, requiredProblem, type WriteMode } from './validate-record-input.js';
import { formsOf } from '../forms/forms-section.js';

export type { WritePlacement } from './run-write-rules.js';

/** The record a write concerns: its entity, and on update the stored record (plain values by field name, system fields included). */
export interface WriteTarget {
  readonly entity: CompiledEntity;
  readonly mode: WriteMode;
  readonly stored?: Readonly<Record<string, unknown>>;
}

/** What the write's conditions may read besides the record. */
export interface WriteFacts {
  /** The writer; without one, no form applies (a system write: imports run as a user, so they have one). */
  readonly user?: FormUser;
  /** Referenced records by reference field name (conditions with a path into them). */
  readonly references?: Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;
  /** Values of facts the caller computes (counts over related lists), by name. */
  readonly supplied?: Readonly<Record<string, unknown>>;
  /** A form chosen by key (the screen the user filled in); else the form the user's audience gets. */
  readonly form?: string;
  /** The layers whose form layouts apply (the writer's unit path, group first); core's forms when absent. */
  readonly layerPath?: readonly string[];
}

export interface CheckedWrite {
  /** What to store: the decoded patch, on create with defaults and rule-filled fields, and hidden fields cleared (null). */
  readonly values: Record<string, unknown>;
  /** The whole record as it will be. */
  readonly record: Readonly<Record<string, unknown>>;
  /** Where routing rules placed a new record, when they did. */
  readonly ownerId?: string;
  readonly orgUnitId?: string;
  /** The form whose logic applied, and each of its fields' state. */
  readonly form?: string;
  readonly fields?: ReadonlyMap<string, FieldState>;
}

/**
 * Every database-free step of a record write, in the write pipeline's
 * order, the same for create and update and for the browser and the
 * server: decode the patch (field types) → the record as it will be
 * (stored values, or defaults on create, plus the patch) → form logic
 * (hidden fields cleared, writes to them and to read-only fields refused)
 * → rule sets (validation; on create defaulting and routing) → required
 * fields and the form's `invalid` and option checks → the layers'
 * validations along the record's unit. Rules see decoded values in both
 * modes. Hidden fields are never required or validated. Returns what to
 * store, or every problem at once with the field (or the rule) as path.
 */
export function checkRecordWrite(model: CompiledModel, unit: WritePlacement, target: WriteTarget, patch: Readonly<Record<string, unknown>>, facts: WriteFacts = {}): Checked<CheckedWrite> {
  const { entity, mode } = target;
  const decoded = decodeRecordInput(entity, patch);
  const record = { ...startingRecord(entity, mode, target.stored, decoded.values), ...decoded.values };
  const form = facts.user ? formFor(model, entity, facts, record) : undefined;
  let evaluation: FormEvaluation | undefined;
  if (form && facts.user) {
    const evaluated = evaluateForm(form, record, { mode, user: facts.user, ...(facts.references ? { references: facts.references } : {}), ...(facts.supplied ? { supplied: facts.supplied } : {}) });
    if (!evaluated.ok) return failed([{ code: evaluated.error.code, path: `forms[${form.key}].${evaluated.error.path}`, message: `A condition of form "${form.key}" could not run: ${evaluated.error.message}`, hint: 'An administrator must correct the form; nothing was stored' }]);
    evaluation = evaluated.value;
  }
  const hidden = evaluation?.hidden ?? new Set<string>();
  // A value written to a field the form hides is refused, whatever it is; an explicit null (clearing) is fine.
  const problems = decoded.problems.filter((p) => !hidden.has(p.path) || (p.code !== 'record.required' && p.code !== 'record.invalid-value'));
  for (const name of hidden) if (patch[name] != null) problems.push(problem('form.hidden-field', name, `Field "${name}" is hidden on form "${form?.key}" for this record and cannot be written`, 'Leave it out, or change the fields that hide it'));
  // Rules and form checks need sound values; a create still reports every missing required field, as before.
  if (problems.length) return failed(mode === 'create' ? [...problems, ...requiredMissing(entity, record, evaluation, problems)] : problems);
  const cleared = evaluation ? evaluation.record : record;
  if (evaluation) problems.push(...readOnlyWrites(evaluation, target, decoded.values));
  const ruled = runWriteRules(model, entity, cleared, mode, unit);
  if (!ruled.ok) return failed(ruled.problems);
  const final = ruled.value.record;
  problems.push(...ruled.value.problems.filter((p) => !hidden.has(p.path)));
  problems.push(...requiredMissing(entity, final, evaluation, problems));
  if (evaluation) problems.push(...evaluation.invalid, ...narrowedOptions(evaluation, final, mode, decoded.values));
  if (problems.length) return failed(problems);
  return ok({
    values: valuesToStore(entity, mode, target.stored, final, decoded.values),
    record: final,
    ...(ruled.value.ownerId ? { ownerId: ruled.value.ownerId } : {}),
    ...(ruled.value.orgUnitId ? { orgUnitId: ruled.value.orgUnitId } : {}),
    ...(form && evaluation ? { form: form.key, fields: evaluation.fields } : {}),
  });
}

function formFor(model: CompiledModel, entity: CompiledEntity, facts: WriteFacts, record: Readonly<Record<string, unknown>>): CompiledForm | undefined {
  const forms = formsOf(model).ofEntity(entity.key, facts.layerPath);
  if (facts.form !== undefined) return forms.find((f) => f.key === facts.form) ?? chooseForm(forms, facts.user as FormUser, record);
  return chooseForm(forms, facts.user as FormUser, record);
}

/** Create: every stored user field empty, then its default unless the patch gives it; update: the stored record. */
function startingRecord(entity: CompiledEntity, mode: WriteMode, stored: Readonly<Record<string, unknown>> | undefined, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (mode === 'update') return { ...stored };
  const record: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (!field.column || field.system) continue;
    record[field.name] = !field.readOnly && field.default !== undefined && !Object.hasOwn(given, field.name) ? copyOf(field.default) : null;
  }
  return record;
}

function readOnlyWrites(evaluation: FormEvaluation, target: WriteTarget, given: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (!evaluation.fields.get(name)?.readOnly) continue;
    const before = target.mode === 'update' ? (target.stored?.[name] ?? null) : (target.entity.fieldByName(name)?.default ?? null);
    if (!sameValue(before, value)) problems.push(problem('form.read-only', name, `Field "${name}" is read-only on this form${target.mode === 'update' ? ' for this record' : ''}`, 'Leave it out of the input'));
  }
  return problems;
}

function requiredMissing(entity: CompiledEntity, record: Readonly<Record<string, unknown>>, evaluation: FormEvaluation | undefined, reported: readonly Problem[]): Problem[] {
  const at = new Set(reported.map((p) => p.path));
  const problems: Problem[] = [];
  for (const field of entity.fields) {
    if (field.readOnly || at.has(field.name) || evaluation?.hidden.has(field.name)) continue;
    if (!field.required && !evaluation?.fields.get(field.name)?.required) continue;
    const value = record[field.name];
    if (value == null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0 && !field.required)) problems.push(requiredProblem(field));
  }
  return problems;
}

function narrowedOptions(evaluation: FormEvaluation, record: Readonly<Record<string, unknown>>, mode: WriteMode, given: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, state] of evaluation.fields) {
    const value = record[name];
    if (!state.options || value == null || (mode === 'update' && !Object.hasOwn(given, name))) continue;
    const refused = (Array.isArray(value) ? value : [value]).filter((v) => !state.options?.includes(v as string));
    if (refused.length) problems.push(problem('form.option-not-allowed', name, `Field "${name}": ${refused.map((v) => `"${String(v)}"`).join(', ')} is not allowed for this record`, `allowed: ${state.options.join(', ')}`));
  }
  return problems;
}

/** Update: the decoded patch and every field cleared by hiding it; create: every user field of the record that has a value. */
function valuesToStore(entity: CompiledEntity, mode: WriteMode, stored: Readonly<Record<string, unknown>> | undefined, final: Readonly<Record<string, unknown>>, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (field.readOnly) continue;
    const name = field.name;
    if (mode === 'create' ? final[name] != null || Object.hasOwn(given, name) : Object.hasOwn(given, name) || (final[name] === null && stored?.[name] != null)) values[name] = final[name] ?? null;
  }
  return values;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
