import { checkRecordWrite, type CompiledModel, type FormUser, type Problem } from '@lattice/runtime';
import type { MetadataEntity } from '../shell/console-metadata.js';
import type { EditorReferences } from '../records/record-editor.js';

/** The record a transition is fired on, as its page holds it: what the dialog renders its fields with and checks them by. */
export interface TransitionRecord {
  readonly entity: MetadataEntity;
  readonly entities: readonly MetadataEntity[];
  /** The record as the page read it (references as records, for the widgets). */
  readonly stored: Readonly<Record<string, unknown>>;
  /** The same as plain values (references as ids), as the runtime reads it. */
  readonly plain: Readonly<Record<string, unknown>>;
  readonly references: EditorReferences;
  /** The runtime's model of the entity (absent when the page could not compile one: the server checks alone). */
  readonly model: CompiledModel | undefined;
  readonly form: string | undefined;
  readonly user: FormUser;
}

/** Empty as a transition's required field reads it: no value, or an empty text. */
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * What a transition sends, checked in the browser before it goes: its
 * required fields given (on the record as it will be), then the values by
 * the runtime's `checkRecordWrite` (shape, range, the form's read-only and
 * hidden fields), as a save of the record is. The server checks it all
 * again, and the guard, which may read facts the browser has not.
 */
export function checkTransitionInput(args: {
  model: CompiledModel | undefined;
  entity: MetadataEntity;
  stored: Readonly<Record<string, unknown>>;
  input: Readonly<Record<string, unknown>>;
  required: readonly string[];
  references: EditorReferences;
  user: FormUser;
  form?: string | undefined;
  requiredMessage: (field: string) => string;
}): Problem[] {
  const after = { ...args.stored, ...args.input };
  const missing = args.required.filter((name) => isEmpty(after[name])).map((name): Problem => ({ code: 'record.required', path: name, message: args.requiredMessage(name) }));
  const compiled = args.model?.entityByKey(args.entity.key);
  if (!compiled || !args.model || Object.keys(args.input).length === 0) return missing;
  const checked = checkRecordWrite(args.model, { orgUnitId: null, unitKeys: () => [] }, { entity: compiled, mode: 'update', stored: args.stored }, args.input, { user: args.user, references: args.references, ...(args.form ? { form: args.form } : {}) });
  const required = new Set(missing.map((p) => p.path));
  return [...missing, ...(checked.ok ? [] : checked.problems.filter((p) => !required.has(p.path ?? '')))];
}

/** The input a transition sends: the dialog's values, a picked reference as its id. */
export function transitionInput(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value && typeof value === 'object' && !Array.isArray(value) && 'id' in value ? (value as { id: unknown }).id : value]));
}
