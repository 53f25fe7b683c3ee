import type { RuleRunError } from '../rules/rule-run.js';
import type { FormDocument } from './form.document.js';
import type { FormFieldParts } from './form-logic.js';

/** A condition compiled to a test: true, false, or the run error (an operator that threw), named by its path. */
export type LogicTest = (facts: Readonly<Record<string, unknown>>) => boolean | RuleRunError;

export type CompiledFormField = FormFieldParts<LogicTest>;

/** A checked form, compiled: its layout as authored and its logic as tests, visibility in dependency order. */
export interface CompiledForm {
  readonly key: string;
  readonly entity: string;
  readonly document: FormDocument;
  readonly isDefault: boolean;
  /** Reference fields whose records its conditions read (with a `path`): load them and pass them as `references`. */
  readonly referencesRead: readonly string[];
  /** Fields in layout order. */
  readonly fields: readonly CompiledFormField[];
  fieldByName(name: string): CompiledFormField | undefined;
  /** Fields with visibility conditions, each after the fields its conditions read. */
  readonly visibilityOrder: readonly CompiledFormField[];
  /** The unit whose layer re-laid the form out, when one did (see `layers/`). */
  readonly layer?: string;
}
