import { describe, expect, it } from 'vitest';
import { loadEntityDocuments, type EntityDoc, type FieldDoc } from './testing/entity-documents.js';

/**
 * The example's metadata holds together: the checks an admin would otherwise
 * meet at publish time (the runtime's own checks run on this folder through
 * the platform), repeated here so the example cannot drift on its own.
 */
const KEY = /^[a-z][a-z0-9_]{0,47}$/;
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,47}$/;
const ENTITY_NAME = /^[A-Z][A-Za-z0-9]{0,47}$/;
const OPTION_VALUE = /^[A-Za-z0-9_.-]{1,64}$/;
const SYSTEM_NAMES = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'orgUnitId', 'version', 'deletedAt']);
const SYSTEM_KEYS = new Set(['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'owner_id', 'org_unit_id', 'version', 'deleted_at']);
/** Words the runtime refuses as names (SQL reserved words and GraphQL's root types), among those a CRM might reach for. */
const RESERVED = new Set(['order', 'group', 'user', 'table', 'select', 'default', 'check', 'subscription', 'query', 'mutation', 'node', 'filter', 'first', 'last']);
const TYPES = new Set(['text', 'longText', 'integer', 'decimal', 'money', 'boolean', 'date', 'datetime', 'picklist', 'multiPicklist', 'email', 'phone', 'reference', 'oneToMany', 'manyToMany', 'json', 'autonumber', 'formula', 'uuid']);
const FORMULA_FUNCTIONS = new Set(['if', 'concat', 'upper', 'lower', 'len', 'round', 'abs', 'coalesce', 'daysBetween', 'year', 'month']);

const entries = loadEntityDocuments();
const byKey = new Map(entries.map(({ document }) => [document.key, document]));

describe('metadata/entities', () => {
  it('holds the seven core entities, one per file named after its key', () => {
    expect(entries.map(({ document }) => document.key).sort()).toEqual(['account', 'contact', 'customer', 'order', 'order_item', 'product', 'subscription']);
    for (const { file, document } of entries) expect(file).toBe(`${document.key}.yaml`);
  });

  it.each(entries.map(({ document }) => [document.key, document] as const))('%s: names, keys and labels are valid', (_, entity) => {
    expect(entity.kind).toBe('entity');
    expect(entity.key).toMatch(KEY);
    expect(entity.name).toMatch(ENTITY_NAME);
    expect(RESERVED.has(entity.name.toLowerCase())).toBe(false);
    expect(labelled(entity.label) && labelled(entity.pluralLabel)).toBe(true);
    expect(new Set(entity.fields.map((field) => field.key)).size).toBe(entity.fields.length);
    expect(new Set(entity.fields.map((field) => field.name.toLowerCase())).size).toBe(entity.fields.length);
    for (const field of entity.fields) {
      expect(field.key, field.key).toMatch(KEY);
      expect(field.name, field.key).toMatch(FIELD_NAME);
      expect(SYSTEM_NAMES.has(field.name) || SYSTEM_KEYS.has(field.key) || RESERVED.has(field.name.toLowerCase()), field.key).toBe(false);
      expect(TYPES.has(field.type), `${field.key}: ${field.type}`).toBe(true);
      expect(labelled(field.label), field.key).toBe(true);
      if (field.type === 'picklist' || field.type === 'multiPicklist') {
        expect(field.options?.length, field.key).toBeGreaterThan(0);
        for (const option of field.options ?? []) {
          expect(option.value).toMatch(OPTION_VALUE);
          expect(labelled(option.label), `${field.key}: ${option.value}`).toBe(true);
        }
        expect(new Set(field.options?.map((option) => option.value)).size).toBe(field.options?.length);
      }
      if (field.default !== undefined && field.type === 'picklist') expect(field.options?.map((option) => option.value)).toContain(field.default);
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern ?? '')).not.toThrow();
      if (field.type === 'autonumber' || field.type === 'formula') expect(field.required, field.key).toBeUndefined();
    }
  });

  it('has relations that point at existing entities, with inverses that point back', () => {
    for (const { document: entity } of entries) {
      for (const field of entity.fields.filter((f) => ['reference', 'oneToMany', 'manyToMany'].includes(f.type))) {
        const target = byKey.get(field.target ?? '');
        expect(target, `${entity.key}.${field.key} → ${field.target}`).toBeDefined();
        if (field.type === 'reference') {
          expect(['restrict', 'setNull', 'cascade']).toContain(field.onDelete);
          if (field.onDelete === 'setNull') expect(field.required).not.toBe(true);
        }
        if (field.type === 'oneToMany') {
          const back = target?.fields.find((f) => f.key === field.inverseOf);
          expect(back?.type, `${entity.key}.${field.key} inverseOf ${field.inverseOf}`).toBe('reference');
          expect(back?.target).toBe(entity.key);
        }
      }
    }
  });

  it('names existing stored fields in title fields and indexes', () => {
    for (const { document: entity } of entries) {
      if (entity.titleField !== undefined) expect(fieldByKey(entity, entity.titleField)).toBeDefined();
      for (const index of entity.indexes ?? []) {
        for (const key of index.fields) {
          const field = fieldByKey(entity, key);
          expect(field, `${entity.key}#${index.key}: ${key}`).toBeDefined();
          expect(['oneToMany', 'manyToMany']).not.toContain(field?.type);
        }
      }
    }
  });

  it('writes formulas over plain fields of the same entity', () => {
    const formulas = entries.flatMap(({ document: entity }) => entity.fields.filter((f) => f.type === 'formula').map((field) => ({ entity, field })));
    expect(formulas.length).toBeGreaterThanOrEqual(2);
    for (const { entity, field } of formulas) {
      const withoutStrings = (field.expression ?? '').replace(/'[^']*'|"[^"]*"/g, '');
      for (const match of withoutStrings.matchAll(/[A-Za-z_][A-Za-z0-9_]*(\s*\()?/g)) {
        const [text, call] = [match[0].replace(/\s*\($/, ''), match[1]];
        if (call) {
          expect(FORMULA_FUNCTIONS.has(text), `${field.key}: function ${text}`).toBe(true);
          continue;
        }
        if (['true', 'false', 'null'].includes(text)) continue;
        const used = entity.fields.find((f) => f.name === text);
        expect(used, `${entity.key}.${field.key} uses ${text}`).toBeDefined();
        expect(['formula', 'reference', 'oneToMany', 'manyToMany', 'multiPicklist', 'json']).not.toContain(used?.type);
      }
    }
  });

  it('declares unique autonumbers in Beijing time with exactly one sequence', () => {
    for (const { document: entity } of entries) {
      for (const field of entity.fields.filter((f) => f.type === 'autonumber')) {
        expect(field.timeZone).toBe('Asia/Shanghai');
        expect(field.unique).toBe(true);
        expect(field.pattern?.match(/\{seq:\d+\}/g)).toHaveLength(1);
      }
    }
  });
});

function fieldByKey(entity: EntityDoc, key: string): FieldDoc | undefined {
  return entity.fields.find((field) => field.key === key);
}

/** `{ en, zh-CN }`, every text a non-empty string (an unquoted comma in YAML flow style would split a text into keys). */
function labelled(label: unknown): boolean {
  if (typeof label !== 'object' || label === null) return false;
  const texts = Object.entries(label);
  return texts.every(([language, text]) => /^[a-z]{2}(-[A-Z]{2})?$/.test(language) && typeof text === 'string' && text !== '') && 'en' in label && 'zh-CN' in label;
}
