import { checkRecordWrite, evaluateForm, type CompiledForm, type CompiledModel, type FieldState, type FormUser, type Problem } from '@lattice/runtime';
import type { MetadataEntity } from '../shell/console-metadata.js';
import { fieldRole, isComputed } from './record-fields.js';

/** A field's value as the form logic reads it: a reference is the id of the record it points at. */
function plainValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value) return (value as { id: unknown }).id;
  return value === undefined ? null : value;
}

/** The stored record as plain values by field name (references as ids, related lists left out), and the referenced records for conditions that read into them. */
export function plainRecord(entity: MetadataEntity, stored: Readonly<Record<string, unknown>> | null): { values: Record<string, unknown>; references: Record<string, Record<string, unknown> | null> } {
  const values: Record<string, unknown> = {};
  const references: Record<string, Record<string, unknown> | null> = {};
  if (!stored) return { values, references };
  for (const field of entity.fields) {
    const role = fieldRole(field);
    if (role === 'value') values[field.name] = stored[field.name] ?? null;
    if (role === 'reference') {
      values[field.name] = plainValue(stored[field.name]);
      references[field.name] = (stored[field.name] as Record<string, unknown> | null) ?? null;
    }
  }
  for (const name of ['id', 'version']) if (name in stored) values[name] = stored[name];
  return { values, references };
}

export interface EditorFacts {
  readonly user: FormUser;
  readonly mode: 'create' | 'update';
}

export interface LiveForm {
  /** Each field's state now: visible, required, read-only, narrowed options. */
  readonly fields: ReadonlyMap<string, FieldState>;
  readonly hidden: ReadonlySet<string>;
  /** The form's `invalid` checks that hold, by field. */
  readonly invalid: readonly Problem[];
  /** A condition that could not run: the form is shown as it is, the server decides. */
  readonly error?: string;
}

/**
 * The form's logic on the record as it will be (stored values, then what
 * the user typed), by the runtime's `evaluateForm`: the same compiled
 * conditions the server runs when the record is saved.
 */
export function liveForm(form: CompiledForm, record: Readonly<Record<string, unknown>>, references: EditorReferences, facts: EditorFacts): LiveForm {
  const evaluated = evaluateForm(form, record, { mode: facts.mode, user: facts.user, references });
  if (!evaluated.ok) return { fields: new Map(), hidden: new Set(), invalid: [], error: evaluated.error.message };
  return { fields: evaluated.value.fields, hidden: evaluated.value.hidden, invalid: evaluated.value.invalid };
}

export type EditorReferences = Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;

/**
 * What a save sends: the fields the user changed from what was stored
 * (every typed field on create), except computed fields and the fields the
 * form hides now (the server clears those itself and refuses a value in
 * them).
 */
export function patchToSave(entity: MetadataEntity, stored: Readonly<Record<string, unknown>>, edits: Readonly<Record<string, unknown>>, hidden: ReadonlySet<string>, isNew: boolean): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (!(field.name in edits) || isComputed(field) || hidden.has(field.name)) continue;
    const value = normalized(edits[field.name]);
    if (!isNew && sameValue(value, normalized(stored[field.name]))) continue;
    if (isNew && value === null) continue;
    patch[field.name] = value;
  }
  return patch;
}

/** Empty text is no value. */
function normalized(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/**
 * The write checked in the browser before it is sent, by the runtime's
 * `checkRecordWrite` on the form's model: required fields, values of the
 * wrong shape, writes to hidden or read-only fields, the form's own checks.
 * The server runs the same check and more (rule sets, uniqueness).
 */
export function checkBeforeSave(model: CompiledModel, entity: MetadataEntity, form: CompiledForm, stored: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>, references: EditorReferences, facts: EditorFacts): readonly Problem[] {
  const compiled = model.entityByKey(entity.key);
  if (!compiled) return [];
  const target = facts.mode === 'update' ? { entity: compiled, mode: 'update' as const, stored } : { entity: compiled, mode: 'create' as const };
  const checked = checkRecordWrite(model, { orgUnitId: null, unitKeys: () => [] }, target, patch, { user: facts.user, references, form: form.key });
  return checked.ok ? [] : checked.problems;
}

/** Problems by the field they concern (a problem at `phone` or `input.phone`); the rest are the record's. */
export function problemsByField(problems: readonly Problem[], fieldNames: ReadonlySet<string>): { byField: Map<string, string[]>; other: string[] } {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const p of problems) {
    const name = (p.path ?? '').replace(/^(input|match)\./, '').split(/[.[]/)[0] ?? '';
    if (fieldNames.has(name)) byField.set(name, [...(byField.get(name) ?? []), p.message]);
    else other.push(p.message);
  }
  return { byField, other };
}
