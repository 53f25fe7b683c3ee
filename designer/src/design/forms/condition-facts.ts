import type { EntityDocument } from '@lattice/runtime';
import { fieldTypes } from '../draft-set.js';

/** Something a form condition may read, as the builder offers it. */
export interface FactChoice {
  /** `fact` and `path` joined by `|`: one select value. */
  id: string;
  fact: string;
  path?: string;
  label: string;
  kind: 'text' | 'number' | 'boolean';
  /** A picklist's values, offered as the value. */
  values?: string[];
}

const kindOf = (type: string): FactChoice['kind'] => {
  const formula = fieldTypes.get(type)?.formulaType;
  return formula === 'boolean' ? 'boolean' : formula === 'number' || formula === 'money' ? 'number' : 'text';
};
const valuesOf = (field: Record<string, unknown>) => (Array.isArray(field['options']) ? (field['options'] as { value: string }[]).map((o) => o.value) : undefined);

/**
 * What a form's conditions may read, and nothing else (as `forms/README.md`
 * of the runtime says): the entity's fields, a referenced record's fields
 * (through the reference, with a path), the user's roles, unit path and
 * channel, and the form mode.
 */
export function conditionFacts(entity: EntityDocument, entities: readonly EntityDocument[], labelOf: (label: unknown, fallback: string) => string, words: { user: string; mode: string }): FactChoice[] {
  const choices: FactChoice[] = [];
  for (const field of entity.fields) {
    const type = fieldTypes.get(field.type);
    if (type?.relation === 'reference') {
      const target = entities.find((e) => e.key === (field as Record<string, unknown>)['target']);
      for (const other of target?.fields ?? []) {
        if (fieldTypes.get(other.type)?.relation) continue;
        choices.push({ id: `${field.name}|$.${other.name}`, fact: field.name, path: `$.${other.name}`, label: `${labelOf(field.label, field.name)} → ${labelOf(other.label, other.name)}`, kind: kindOf(other.type), ...(valuesOf(other) ? { values: valuesOf(other)! } : {}) });
      }
      choices.push({ id: `${field.name}|`, fact: field.name, label: labelOf(field.label, field.name), kind: 'text' });
      continue;
    }
    if (type?.relation) continue;
    choices.push({ id: `${field.name}|`, fact: field.name, label: labelOf(field.label, field.name), kind: kindOf(field.type), ...(valuesOf(field) ? { values: valuesOf(field)! } : {}) });
  }
  for (const part of ['roles', 'unitPath', 'channel']) choices.push({ id: `$user|$.${part}`, fact: '$user', path: `$.${part}`, label: `${words.user}: ${part}`, kind: 'text' });
  choices.push({ id: '$mode|', fact: '$mode', label: words.mode, kind: 'text', values: ['create', 'update'] });
  return choices;
}

export const factId = (fact: string, path?: string) => `${fact}|${path ?? ''}`;
