import type { CompiledEntity, CompiledField, CompiledModel } from '../compile/compiled-model.js';
import { textIn } from '../documents/localized-text.js';
import { zodProblems } from '../documents/parse-documents.js';
import { closeFieldNames } from '../formula/close-field-names.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { checkConditions, type ConditionCheckContext } from '../rules/check-conditions.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import { checkNamedConditions, parseNamedConditions, referencedConditions } from '../rules/named-conditions.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import { parseTopCondition } from '../rules/parse-conditions.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import { factsReadBy, walkConditions } from '../rules/walk-conditions.js';
import { checkVisibilityCycles } from './check-visibility-cycles.js';
import { formFactCatalog } from './form-fact-catalog.js';
import { formDocumentSchema, type FormDocument, type FormFieldDocument, type FormLogic, type FormSectionDocument } from './form.document.js';
import { ALWAYS, isConstant, type FormFieldLogic, type LogicValue } from './form-logic.js';

export interface FormCheckContext {
  readonly model: CompiledModel;
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
}

export interface CheckedForm {
  readonly document: FormDocument;
  readonly conditions: Readonly<Record<string, TopCondition>>;
  /** Reference fields its conditions read into with a `path`: the caller passes those records (`references`). */
  readonly referencesRead: readonly string[];
  /** The form's fields in layout order, with their logic parsed. */
  readonly fields: readonly FormFieldLogic[];
}

/**
 * Checks a form document against the model: its shape; the entity and
 * every field it names (on the entity, or on the related entity for a
 * related list's columns); each condition (facts, paths, operators, types:
 * the rule checker with the form's facts); options that exist; a field
 * that may be hidden is not required by its entity (its value is cleared
 * when hidden); visibility conditions that depend on each other in a cycle.
 * Problem paths are relative to the document (`tabs[main].sections[id].fields[idNumber].visible.all[0].fact`).
 */
export function checkForm(input: unknown, context: FormCheckContext): Checked<CheckedForm> {
  const shape = formDocumentSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input));
  const document = shape.data;
  const entity = context.model.entityByKey(document.entity);
  if (!entity) return failed([problem('form.unknown-entity', 'entity', `no entity with key "${document.entity}"`, `entities: ${context.model.entities.map((e) => e.key).join(', ')}`)]);
  const problems: Problem[] = [];
  const referencesRead = new Set<string>();
  const conditions = parseNamedConditions(document.conditions, problems);
  const noteReferences = (condition: TopCondition) =>
    walkConditions(condition, '', { fact: (c) => void (c.path !== undefined && entity.fieldByName(c.fact)?.relation?.kind === 'reference' && referencesRead.add(c.fact)) });
  for (const condition of Object.values(conditions)) noteReferences(condition);
  const conditionContext: ConditionCheckContext = { facts: formFactCatalog(entity, context.model, context.facts), operators: context.operators, conditionNames: new Set(Object.keys(conditions)) };
  if (!problems.length) problems.push(...checkNamedConditions(conditions, conditionContext));
  const logic = (raw: FormLogic | undefined, path: string): LogicValue | undefined => {
    if (raw === undefined) return undefined;
    if (typeof raw === 'boolean') return { constant: raw };
    const parsed = parseTopCondition(raw, path, problems);
    if (!parsed) return undefined;
    const before = problems.length;
    checkConditions(parsed, path, conditionContext, problems);
    if (problems.length > before) return undefined;
    noteReferences(parsed);
    const reads = factsReadBy(parsed);
    for (const name of referencedConditions(parsed, conditions)) for (const fact of factsReadBy(conditions[name] as TopCondition)) reads.add(fact);
    return { condition: parsed, reads };
  };
  const fields: FormFieldLogic[] = [];
  const placed = new Map<string, string>();
  const keys = new Set<string>();
  const uniqueKey = (key: string, path: string) => {
    if (keys.has(key)) problems.push(problem('form.duplicate-key', `${path}.key`, `two tabs or sections of the form have the key "${key}"`));
    keys.add(key);
  };
  for (const tab of document.tabs) {
    const tabPath = `tabs[${tab.key}]`;
    uniqueKey(tab.key, tabPath);
    for (const section of tab.sections) {
      const sectionPath = `${tabPath}.sections[${section.key}]`;
      uniqueKey(section.key, sectionPath);
      const sectionVisible = logic(section.visible, `${sectionPath}.visible`);
      if (section.relatedList) checkRelatedList(section, entity, context.model, sectionPath, problems);
      for (const item of section.fields) {
        const path = `${sectionPath}.fields[${item.field}]`;
        const field = entity.fieldByName(item.field);
        if (!field) {
          problems.push(unknownField(entity, item.field, `${path}.field`));
          continue;
        }
        const first = placed.get(item.field);
        if (first) problems.push(problem('form.duplicate-field', `${path}.field`, `"${item.field}" is already on the form at ${first}`));
        placed.set(item.field, path);
        fields.push(fieldLogic(item, field, section, tab.key, path, sectionVisible, logic, problems));
      }
    }
  }
  if (document.for?.recordType) checkRecordType(document.for.recordType, entity, problems);
  if (problems.length) return failed(problems);
  problems.push(...checkVisibilityCycles(fields));
  return problems.length ? failed(problems) : ok({ document, conditions, fields, referencesRead: [...referencesRead] });
}

function fieldLogic(
  item: FormFieldDocument,
  field: CompiledField,
  section: FormSectionDocument,
  tab: string,
  path: string,
  sectionVisible: LogicValue | undefined,
  logic: (raw: FormLogic | undefined, path: string) => LogicValue | undefined,
  problems: Problem[],
): FormFieldLogic {
  const visible = [logic(item.visible, `${path}.visible`), sectionVisible].filter((v): v is LogicValue => v !== undefined && !isConstant(v, true));
  if (visible.length && field.required) {
    problems.push(problem('form.hidden-required', `${path}.visible`, `"${item.field}" is required by its entity, so it cannot be hidden: a hidden field's value is cleared`, 'make it optional on the entity and required on the form (required: true)'));
  }
  const required = logic(item.required, `${path}.required`);
  if (field.readOnly && required && !isConstant(required, false)) {
    problems.push(problem('form.required-read-only', `${path}.required`, `"${item.field}" is ${field.system ? 'managed by the platform' : 'computed'}: users never write it, so it cannot be required`));
  }
  const invalidWhen = item.invalid ? logic(item.invalid.when, `${path}.invalid.when`) : undefined;
  const options = item.options?.map((option, index) => {
    const allowed = new Set(((field.settings['options'] as { value: string }[] | undefined) ?? []).map((o) => o.value));
    if (!allowed.size) problems.push(problem('form.options-not-picklist', `${path}.options`, `"${item.field}" is a ${field.typeName} field: only picklists have options to narrow`));
    for (const value of option.values) if (allowed.size && !allowed.has(value)) problems.push(problem('form.unknown-option', `${path}.options[${index}].values`, `"${item.field}" has no option "${value}"`, `options: ${[...allowed].join(', ')}`));
    return { when: logic(option.when, `${path}.options[${index}].when`) ?? ALWAYS, values: option.values };
  });
  const blockReadOnly = section.readOnly ? ALWAYS : undefined;
  const readOnly = logic(item.readOnly, `${path}.readOnly`) ?? blockReadOnly;
  const readOnlyAfterCreate = logic(item.readOnlyAfterCreate, `${path}.readOnlyAfterCreate`);
  return {
    field: item.field,
    path,
    section: section.key,
    tab,
    visible,
    ...(required ? { required } : {}),
    ...(readOnly ? { readOnly } : {}),
    ...(readOnlyAfterCreate ? { readOnlyAfterCreate } : {}),
    ...(item.invalid && invalidWhen ? { invalid: { when: invalidWhen, message: textIn(item.invalid.message) ?? '', ...(item.invalid.hint ? { hint: item.invalid.hint } : {}) } } : {}),
    ...(options ? { options } : {}),
  };
}

function checkRelatedList(section: FormSectionDocument, entity: CompiledEntity, model: CompiledModel, path: string, problems: Problem[]): void {
  const list = section.relatedList!;
  const field = entity.fieldByName(list.field);
  if (!field) return void problems.push(unknownField(entity, list.field, `${path}.relatedList.field`));
  const target = field.relation && field.relation.kind !== 'reference' ? model.entityByKey(field.relation.target) : undefined;
  if (!target) return void problems.push(problem('form.not-a-list', `${path}.relatedList.field`, `"${list.field}" is a ${field.typeName} field, not a related list (oneToMany or manyToMany)`));
  list.columns.forEach((column, index) => {
    if (!target.fieldByName(column)) problems.push(unknownField(target, column, `${path}.relatedList.columns[${index}]`));
  });
  list.sort?.forEach((sort, index) => {
    if (!target.fieldByName(sort.field)) problems.push(unknownField(target, sort.field, `${path}.relatedList.sort[${index}].field`));
  });
}

function checkRecordType(recordType: { field: string; values: string[] }, entity: CompiledEntity, problems: Problem[]): void {
  const field = entity.fieldByName(recordType.field);
  if (!field) return void problems.push(unknownField(entity, recordType.field, 'for.recordType.field'));
  const options = ((field.settings['options'] as { value: string }[] | undefined) ?? []).map((o) => o.value);
  if (field.typeName !== 'picklist') return void problems.push(problem('form.bad-record-type', 'for.recordType.field', `"${recordType.field}" is a ${field.typeName} field; a record type is a picklist`));
  recordType.values.forEach((value, index) => {
    if (!options.includes(value)) problems.push(problem('form.unknown-option', `for.recordType.values[${index}]`, `"${recordType.field}" has no option "${value}"`, `options: ${options.join(', ')}`));
  });
}

export function unknownField(entity: CompiledEntity, name: string, path: string): Problem {
  const names = entity.fields.map((f) => f.name);
  const close = closeFieldNames(name, (n) => (names.includes(n) ? 'text' : undefined), names);
  return problem('form.unknown-field', path, `${entity.name} has no field "${name}"`, close.length ? `did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : undefined);
}
