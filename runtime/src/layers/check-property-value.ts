import { entityDocumentSchema, fieldDocumentSchema, type FieldDocument } from '../documents/entity.document.js';
import { canonicalJson } from '../model/model-hash.js';
import { resolveField } from '../check/resolve-set.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { valueError } from '../field-types/value-error.js';
import type { Problem } from '../problems/problem.js';
import { elementProperty, offeredOptions } from './element-property.js';
import type { FoldElement } from './fold-state.js';
import { layerProblems } from './layer-problems.js';

export interface PropertyValueInput {
  readonly element: FoldElement;
  readonly property: string;
  readonly value: unknown;
  /** The set entry's path, where problems are reported. */
  readonly path: string;
  readonly registry: FieldTypeRegistry;
  readonly defaultLanguage: string;
}

/**
 * Whether a layer's value for a property fits the element as the layers
 * above left it: texts for labels, a boolean for `hidden`, a subset of the
 * offered options, a default valid for the field's type (and among the
 * options still offered), and for any other property a document that still
 * resolves and keeps the column every org unit shares.
 */
export function checkPropertyValue(input: PropertyValueInput): Problem[] {
  const { element, property, value, path } = input;
  if (property.includes('.')) {
    return value === null || (typeof value === 'string' && value !== '') ? [] : [layerProblems.badValue(path, `A label is a non-empty text, got ${canonicalJson(value)}`)];
  }
  if (element.kind === 'entity') return checkEntityProperty(input);
  if (property === 'hidden') return checkHidden(element, value, path);
  if (property === 'options') return checkOptions(element, value, path);
  if (property === 'default') return checkDefault(input);
  return checkFieldSetting(input);
}

function checkHidden(element: FoldElement, value: unknown, path: string): Problem[] {
  if (typeof value !== 'boolean') return [layerProblems.badValue(path, `hidden is true or false, got ${canonicalJson(value)}`)];
  const { document } = element;
  const hasDefault = document['default'] !== undefined && document['default'] !== null;
  return value && document['required'] === true && !hasDefault ? [layerProblems.hiddenRequired(path, element.fieldKey ?? '')] : [];
}

function checkOptions(element: FoldElement, value: unknown, path: string): Problem[] {
  const offered = offeredOptions(element.document);
  if (offered === null) return [layerProblems.badValue(path, `Field "${element.fieldKey}" has no options to choose from`)];
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    return [layerProblems.badValue(path, 'options is a non-empty list of option values', `Choose among: ${offered.join(', ')}`)];
  }
  const outside = (value as string[]).filter((v) => !offered.includes(v));
  if (outside.length) return [layerProblems.notASubset(path, outside, offered)];
  const current = element.document['default'];
  const kept = new Set(value as string[]);
  const lost = (Array.isArray(current) ? current : current === undefined || current === null ? [] : [current]).filter((v) => !kept.has(v as string));
  return lost.length ? [layerProblems.badDefault(path, `the default ${canonicalJson(current)} is left out of the options`, 'Set a default among the options in the same layer')] : [];
}

function checkDefault({ element, value, path, registry }: PropertyValueInput): Problem[] {
  if (value === null) return [];
  const scratch: Problem[] = [];
  const { type, settings } = resolveField(element.document as unknown as FieldDocument, path, registry, scratch, false);
  if (!type || !settings) return []; // the base set's own problems are the compile checks' to report
  if (type.readOnly || type.relation === 'oneToMany') return [layerProblems.badDefault(path, `field "${element.fieldKey}" (${type.name}) is computed`)];
  const invalid = valueError(type, settings, value);
  if (invalid) return [layerProblems.badDefault(path, invalid.message, invalid.hint)];
  const offered = offeredOptions(element.document);
  const values = Array.isArray(value) ? value : [value];
  if (offered !== null && values.some((v) => !offered.includes(v as string))) {
    return [layerProblems.badDefault(path, `${canonicalJson(value)} is not among the options offered here`, `Choose among: ${offered.join(', ')}`)];
  }
  return [];
}

/** A property a layer above opened: the field must still parse and resolve, and keep its storage. */
function checkFieldSetting({ element, property, value, path, registry, defaultLanguage }: PropertyValueInput): Problem[] {
  const candidate = { ...element.document };
  elementProperty.write(candidate, property, value, defaultLanguage);
  const shape = fieldDocumentSchema.safeParse(candidate);
  if (!shape.success) return shape.error.issues.map((issue) => layerProblems.badValue(path, issue.message));
  const problems: Problem[] = [];
  const after = resolveField(shape.data, path, registry, problems, false);
  if (problems.length) return problems;
  const before = resolveField(element.document as unknown as FieldDocument, path, registry, [], false);
  if (before.type && before.settings && after.type && after.settings) {
    if (canonicalJson(before.type.storage(before.settings)) !== canonicalJson(after.type.storage(after.settings))) {
      return [layerProblems.storageChange(path, property)];
    }
  }
  return [];
}

function checkEntityProperty({ element, property, value, path, defaultLanguage }: PropertyValueInput): Problem[] {
  const candidate = { ...element.document };
  elementProperty.write(candidate, property, value, defaultLanguage);
  const shape = entityDocumentSchema.safeParse(candidate);
  return shape.success ? [] : shape.error.issues.map((issue) => layerProblems.badValue(path, issue.message));
}
