import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { createBuiltinRegistry } from '../field-types/builtin-field-types.js';
import type { Problem } from '../problems/problem.js';
import { describePath, parseMetadataSet } from './parse-documents.js';

const registry = createBuiltinRegistry();

function customer(fields: unknown[], extra: Record<string, unknown> = {}) {
  return { kind: 'entity', key: 'customer', name: 'Customer', fields, ...extra };
}

function shapeProblems(input: unknown): Problem[] {
  const result = parseMetadataSet(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

function compileProblems(input: unknown): Problem[] {
  const result = compileModel(input, registry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('parseMetadataSet', () => {
  it('accepts a minimal set and keeps field settings for the type to check', () => {
    const result = parseMetadataSet({ entities: [customer([{ key: 'phone', name: 'phone', type: 'text', maxLength: 20 }])] });
    expect(result).toEqual({
      ok: true,
      value: { entities: [{ kind: 'entity', key: 'customer', name: 'Customer', fields: [{ key: 'phone', name: 'phone', type: 'text', maxLength: 20 }] }] },
    });
  });

  it('names an element by its index when it has no key', () => {
    expect(shapeProblems({ entities: [{ kind: 'entity', name: 'Customer', fields: [] }] })).toEqual([
      { code: 'document.invalid_type', path: 'entities[0].key', message: 'Invalid input: expected string, received undefined' },
    ]);
  });

  it('refuses a key that is not lower-case letters, digits and _, naming the element by that key', () => {
    const [problem, ...rest] = shapeProblems({ entities: [{ kind: 'entity', key: 'Customer', name: 'Customer', fields: [] }] });
    expect(rest).toEqual([]);
    expect(problem).toEqual({ code: 'document.invalid_format', path: 'entities[Customer].key', message: expect.stringContaining('a key is lower-case letters') });
    expect(shapeProblems({ entities: [customer([{ key: '1st', name: 'first', type: 'text' }])] })).toMatchObject([
      { code: 'document.invalid_format', path: 'entities[customer].fields[1st].key' },
    ]);
    expect(shapeProblems({ entities: [customer([{ key: 'k'.repeat(49), name: 'long', type: 'text' }])] })).toMatchObject([
      { code: 'document.invalid_format', path: `entities[customer].fields[${'k'.repeat(49)}].key` },
    ]);
  });

  it('refuses an unknown top-level property, at the root, naming the property in the message', () => {
    expect(shapeProblems({ entities: [], processes: [] })).toEqual([
      { code: 'document.unrecognized_keys', path: '', message: 'Unrecognized key: "processes"' },
    ]);
  });

  it('refuses an unknown entity property at the entity', () => {
    expect(shapeProblems({ entities: [customer([], { colour: 'red' })] })).toEqual([
      { code: 'document.unrecognized_keys', path: 'entities[customer]', message: 'Unrecognized key: "colour"' },
    ]);
  });

  it('names fields by key inside entities named by key', () => {
    expect(shapeProblems({ entities: [customer([{ key: 'phone', name: '', type: 'phone' }])] })).toMatchObject([
      { code: 'document.too_small', path: 'entities[customer].fields[phone].name' },
    ]);
    expect(shapeProblems({ entities: [customer([{ key: 'phone', name: 'phone', type: 'phone', required: 'yes' }])] })).toMatchObject([
      { code: 'document.invalid_type', path: 'entities[customer].fields[phone].required' },
    ]);
  });

  it('refuses a document of another kind and a label in an unknown language form', () => {
    expect(shapeProblems({ entities: [{ ...customer([]), kind: 'form' }] })).toMatchObject([
      { code: 'document.invalid_value', path: 'entities[customer].kind' },
    ]);
    const [label] = shapeProblems({ entities: [customer([], { label: { english: 'Customer' } })] });
    expect(label).toMatchObject({ code: 'document.invalid_union', path: 'entities[customer].label', message: expect.stringContaining('zh-CN') });
  });

  it('refuses an index without fields and names it by key', () => {
    expect(shapeProblems({ entities: [customer([], { indexes: [{ key: 'by_nothing', fields: [] }] })] })).toMatchObject([
      { code: 'document.too_small', path: 'entities[customer].indexes[by_nothing].fields' },
    ]);
  });

  it('reports every shape problem at once', () => {
    const problems = shapeProblems({
      entities: [
        { kind: 'entity', key: 'Customer', name: 'Customer', fields: [] },
        { kind: 'entity', key: 'order', fields: [{ key: 'total', type: 'money' }] },
      ],
      extra: true,
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['document.invalid_format', 'entities[Customer].key'],
      ['document.invalid_type', 'entities[order].name'],
      ['document.invalid_type', 'entities[order].fields[total].name'],
      ['document.unrecognized_keys', ''],
    ]);
  });

  it('refuses what is not a metadata set at all', () => {
    for (const input of [null, undefined, 42, 'entities', [], { entities: 'customer' }]) {
      const problems = shapeProblems(input);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.code.startsWith('document.') && p.message !== '')).toBe(true);
    }
  });
});

describe('field settings shapes (checked by the field type, reported as document problems)', () => {
  it('puts a bad setting at its path under the field', () => {
    expect(compileProblems({ entities: [customer([{ key: 'phone', name: 'phone', type: 'text', maxLength: 'x' }])] })).toEqual([
      { code: 'document.invalid_type', path: 'entities[customer].fields[phone].maxLength', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it('refuses a misspelt setting at the field, naming it in the message', () => {
    expect(compileProblems({ entities: [customer([{ key: 'phone', name: 'phone', type: 'text', maxLenght: 20 }])] })).toEqual([
      { code: 'document.unrecognized_keys', path: 'entities[customer].fields[phone]', message: 'Unrecognized key: "maxLenght"' },
    ]);
  });

  it('names picklist options by value', () => {
    const problems = compileProblems({
      entities: [customer([{ key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }, { value: 'personal', label: 42 }] }])],
    });
    expect(problems).toMatchObject([{ code: 'document.invalid_union', path: 'entities[customer].fields[segment].options[personal].label' }]);
    expect(problems[0]?.message).toContain('Expected a text');
  });

  it('names an option by its position when its value is not text', () => {
    expect(compileProblems({ entities: [customer([{ key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }, { value: 7 }] }])] })).toMatchObject([
      { code: 'document.invalid_type', path: 'entities[customer].fields[segment].options[1].value' },
    ]);
  });
});

describe('describePath', () => {
  const root = { entities: [{ key: 'customer', fields: [{ key: 'segment', options: [{ value: 'vip' }, { value: '' }, {}] }] }, { name: 'keyless' }] };

  it('names array elements by key, then by value, else by index', () => {
    expect(describePath(root, ['entities', 0, 'fields', 0, 'options', 0, 'label'])).toBe('entities[customer].fields[segment].options[vip].label');
    expect(describePath(root, ['entities', 0, 'fields', 0, 'options', 1])).toBe('entities[customer].fields[segment].options[1]');
    expect(describePath(root, ['entities', 0, 'fields', 0, 'options', 2, 'value'])).toBe('entities[customer].fields[segment].options[2].value');
    expect(describePath(root, ['entities', 1, 'name'])).toBe('entities[1].name');
  });

  it('keeps going past the end of the document, by index', () => {
    expect(describePath(root, ['entities', 5, 'fields', 3])).toBe('entities[5].fields[3]');
    expect(describePath(null, ['entities'])).toBe('entities');
    expect(describePath(root, [])).toBe('');
  });
});
