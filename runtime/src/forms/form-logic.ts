import type { TopCondition } from '../rules/rule-set.document.js';

/** The five per-field properties a form's logic has, and a section's visibility. */
export type FieldLogicKind = 'visible' | 'required' | 'readOnly' | 'readOnlyAfterCreate' | 'invalid' | 'options';

/** One piece of a form's logic, parsed and checked: a constant, or a condition and the facts it reads. */
export type LogicValue = { readonly constant: boolean } | { readonly condition: TopCondition; readonly reads: ReadonlySet<string> };

/** One field of a form: where it sits and its logic, as parsed (`L` = LogicValue) or compiled (`L` = a test). */
export interface FormFieldParts<L> {
  readonly field: string;
  /** `tabs[main].sections[identity].fields[idNumber]` */
  readonly path: string;
  readonly section: string;
  readonly tab: string;
  /** Visible only when its own condition and its section's both hold. */
  readonly visible: readonly L[];
  readonly required?: L;
  readonly readOnly?: L;
  readonly readOnlyAfterCreate?: L;
  readonly invalid?: { readonly when: L; readonly message: string; readonly hint?: string };
  readonly options?: readonly { readonly when: L; readonly values: readonly string[] }[];
}

/** Everything a checked form knows about one of its fields. */
export type FormFieldLogic = FormFieldParts<LogicValue>;

export const ALWAYS: LogicValue = { constant: true };
export const NEVER: LogicValue = { constant: false };

export function isConstant(value: LogicValue | undefined, constant: boolean): boolean {
  return value !== undefined && 'constant' in value && value.constant === constant;
}
