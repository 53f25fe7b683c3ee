import { problem, type Problem } from '../problems/problem.js';
import type { RuleRunError } from '../rules/rule-run.js';
import type { CompiledForm, LogicTest } from './compile-form.js';
import { MODE_FACT, USER_FACT } from './form-fact-catalog.js';

/** The user as form conditions see them: nothing else about them is readable. */
export interface FormUser {
  readonly roles: readonly string[];
  /** Keys of the user's org unit and its ancestors, root first. */
  readonly unitPath: readonly string[];
  /** Where the write comes from: hall, hotline, web, app, api… */
  readonly channel: string;
}

/** What a form's conditions read besides the record. */
export interface FormFacts {
  readonly mode: 'create' | 'update';
  readonly user: FormUser;
  /** Referenced records by reference field name, for conditions with a `path` into them; a missing one reads as undefined. */
  readonly references?: Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;
  /** Facts the caller computes (a count over a related list, declared in metadata): by fact name. */
  readonly supplied?: Readonly<Record<string, unknown>>;
}

export interface FieldState {
  readonly visible: boolean;
  readonly required: boolean;
  readonly readOnly: boolean;
  /** The allowed picklist values, when the form narrows them now. */
  readonly options?: readonly string[];
}

export interface FormEvaluation {
  /** The record with every hidden field cleared (null). */
  readonly record: Record<string, unknown>;
  readonly fields: ReadonlyMap<string, FieldState>;
  /** Names of the fields hidden now. */
  readonly hidden: ReadonlySet<string>;
  /** `invalid` checks that hold, at their fields (hidden fields are never validated). */
  readonly invalid: readonly Problem[];
}

/**
 * A form's logic on the record as it will be: visibility first, in
 * dependency order, each hidden field cleared before any later condition
 * reads it; then required, read-only, invalid and option conditions on the
 * cleared record. The same function draws the browser's form and checks
 * the server's write. A condition that fails to run (an operator throws)
 * gives its error: nothing is decided from half an evaluation.
 */
export function evaluateForm(form: CompiledForm, record: Readonly<Record<string, unknown>>, facts: FormFacts): { ok: true; value: FormEvaluation } | { ok: false; error: RuleRunError } {
  const values: Record<string, unknown> = { ...record };
  const context: Record<string, unknown> = { ...facts.supplied, ...values, ...facts.references, [USER_FACT]: facts.user, [MODE_FACT]: facts.mode };
  const hidden = new Set<string>();
  const run = (test: LogicTest): boolean => {
    const result = test(context);
    if (typeof result !== 'boolean') throw new FormRunError(result);
    return result;
  };
  try {
    for (const field of form.visibilityOrder) {
      if (field.visible.every(run)) continue;
      hidden.add(field.field);
      values[field.field] = null;
      context[field.field] = null;
    }
    const states = new Map<string, FieldState>();
    const invalid: Problem[] = [];
    for (const field of form.fields) {
      if (hidden.has(field.field)) {
        states.set(field.field, HIDDEN);
        continue;
      }
      if (!field.readOnly && !field.readOnlyAfterCreate && !field.required && !field.options && !field.invalid) {
        states.set(field.field, PLAIN);
        continue;
      }
      const readOnly = (field.readOnly ? run(field.readOnly) : false) || (facts.mode === 'update' && field.readOnlyAfterCreate ? run(field.readOnlyAfterCreate) : false);
      const options = field.options?.find((option) => run(option.when))?.values;
      states.set(field.field, { visible: true, required: field.required ? run(field.required) : false, readOnly, ...(options ? { options } : {}) });
      if (field.invalid && run(field.invalid.when)) invalid.push(problem('form.invalid', field.field, field.invalid.message, field.invalid.hint));
    }
    return { ok: true, value: { record: values, fields: states, hidden, invalid } };
  } catch (error) {
    if (error instanceof FormRunError) return { ok: false, error: error.error };
    throw error;
  }
}

const HIDDEN: FieldState = Object.freeze({ visible: false, required: false, readOnly: true });
const PLAIN: FieldState = Object.freeze({ visible: true, required: false, readOnly: false });

class FormRunError extends Error {
  constructor(readonly error: RuleRunError) {
    super(error.message);
  }
}
