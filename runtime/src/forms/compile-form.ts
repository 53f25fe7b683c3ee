import { compileRules } from '../rules/compile-rules.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import type { CheckedForm } from './check-form.js';
import { visibilityOrder } from './check-visibility-cycles.js';
import type { FormFieldLogic, LogicValue } from './form-logic.js';
import type { CompiledForm, CompiledFormField, LogicTest } from './compiled-form.js';

export type { CompiledForm, CompiledFormField, LogicTest } from './compiled-form.js';

export interface FormCompileOptions {
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
}

export function compileForm(checked: CheckedForm, options: FormCompileOptions, layer?: string): CompiledForm {
  const test = (value: LogicValue, path: string): LogicTest => {
    if ('constant' in value) {
      const constant = value.constant;
      return () => constant;
    }
    return conditionTest(value.condition, path, checked.conditions, options);
  };
  const fields = checked.fields.map((logic) => compileField(logic, test));
  const byName = new Map(fields.map((f) => [f.field, f]));
  const order = visibilityOrder(checked.fields);
  if (!Array.isArray(order)) throw new Error(`form "${checked.document.key}" has a visibility cycle; checkForm refuses it`);
  return Object.freeze({
    key: checked.document.key,
    entity: checked.document.entity,
    document: checked.document,
    isDefault: checked.document.default ?? false,
    referencesRead: checked.referencesRead,
    fields,
    fieldByName: (name: string) => byName.get(name),
    visibilityOrder: order.map((f) => byName.get(f.field) as CompiledFormField),
    ...(layer ? { layer } : {}),
  });
}

function compileField(logic: FormFieldLogic, test: (value: LogicValue, path: string) => LogicTest): CompiledFormField {
  const at = (part: string) => `${logic.path}.${part}`;
  return {
    field: logic.field,
    path: logic.path,
    section: logic.section,
    tab: logic.tab,
    visible: logic.visible.map((v, index) => test(v, index === 0 ? at('visible') : `sections[${logic.section}].visible`)),
    ...(logic.required ? { required: test(logic.required, at('required')) } : {}),
    ...(logic.readOnly ? { readOnly: test(logic.readOnly, at('readOnly')) } : {}),
    ...(logic.readOnlyAfterCreate ? { readOnlyAfterCreate: test(logic.readOnlyAfterCreate, at('readOnlyAfterCreate')) } : {}),
    ...(logic.invalid ? { invalid: { ...logic.invalid, when: test(logic.invalid.when, at('invalid.when')) } } : {}),
    ...(logic.options ? { options: logic.options.map((option, index) => ({ values: option.values, when: test(option.when, at(`options[${index}].when`)) })) } : {}),
  };
}

/**
 * One condition as one compiled rule (the rule compiler's closures: CSP-safe
 * in the browser). Facts nobody gives read as undefined (a reference the
 * caller did not load), as json-rules-engine's `allowUndefinedFacts`.
 */
export function conditionTest(condition: TopCondition, path: string, named: Readonly<Record<string, TopCondition>>, options: FormCompileOptions): LogicTest {
  const rules = compileRules([{ key: path, conditions: condition, event: { type: 'holds' } }], {
    operators: options.operators,
    facts: options.facts,
    conditions: named,
    allowUndefinedFacts: true,
    pathOf: (key) => key,
  });
  const out = [0];
  return (facts) => {
    const error = rules.fire(facts, out);
    return error ?? out[0] === 1;
  };
}
