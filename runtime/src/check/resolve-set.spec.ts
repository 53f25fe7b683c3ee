import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { problemsOfSet } from './testing/compile-problems.js';
import { compileModel } from '../compile/compile-model.js';
import { builtinFieldTypes, createBuiltinRegistry } from '../field-types/builtin-field-types.js';
import { defineFieldType } from '../field-types/field-type.js';
import { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import type { Problem } from '../problems/problem.js';

const registry = createBuiltinRegistry();

function customer(fields: unknown[]) {
  return { entities: [{ kind: 'entity', key: 'customer', name: 'Customer', fields }] };
}

const problemsOf = (input: unknown, types: FieldTypeRegistry = registry): Problem[] => problemsOfSet(input, types);

describe('field types are resolved from the registry', () => {
  it('refuses an unknown type at .type, listing the types there are', () => {
    const [problem, ...rest] = problemsOf(customer([{ key: 'phone', name: 'phone', type: 'telephone' }]));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'field.unknown-type', path: 'entities[customer].fields[phone].type', message: 'Unknown field type "telephone"' });
    expect(problem?.hint).toBe(`Use one of: ${registry.names().join(', ')}`);
    expect(problem?.hint).toContain('phone');
    expect(problem?.hint).toContain('multiPicklist');
  });

  it('matches type names exactly', () => {
    expect(problemsOf(customer([{ key: 'name', name: 'name', type: 'Text' }]))).toMatchObject([{ code: 'field.unknown-type', path: 'entities[customer].fields[name].type' }]);
  });

  it('uses the registry it is given: a plugin type is known only where it was registered', () => {
    const imei = defineFieldType({
      name: 'imei',
      settings: z.strictObject({}),
      storage: () => ({ kind: 'string', length: 15 }),
      scalar: 'String',
      filterOperators: ['eq'],
      sortable: true,
      widget: 'input',
      formulaType: 'text',
      decode: (input) => (typeof input === 'string' && /^\d{15}$/.test(input) ? { ok: true, value: input } : { ok: false, message: 'expected 15 digits' }),
      validate: () => null,
    });
    const withPlugin = new FieldTypeRegistry(builtinFieldTypes()).register(imei);
    const input = customer([{ key: 'handset', name: 'handset', type: 'imei' }]);

    const result = compileModel(input, withPlugin);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.entityByKey('customer')?.fieldByName('handset')).toMatchObject({ typeName: 'imei', column: 'handset', storage: { kind: 'string', length: 15 } });

    expect(problemsOf(input, registry)).toMatchObject([{ code: 'field.unknown-type', path: 'entities[customer].fields[handset].type' }]);
    // The system fields need their types too: a registry without them says so rather than throwing.
    expect(problemsOf(customer([]), new FieldTypeRegistry([imei])).map((p) => p.path)).toContain('entities[customer].systemFields[id].type');
  });
});

describe('field settings are checked by their type', () => {
  it('refuses a setting of the wrong kind at its path', () => {
    expect(problemsOf(customer([{ key: 'name', name: 'name', type: 'text', maxLength: 'x' }]))).toMatchObject([
      { code: 'document.invalid_type', path: 'entities[customer].fields[name].maxLength', message: expect.any(String) },
    ]);
    expect(problemsOf(customer([{ key: 'name', name: 'name', type: 'text', maxLength: 0 }]))).toMatchObject([
      { code: 'document.too_small', path: 'entities[customer].fields[name].maxLength' },
    ]);
  });

  it('refuses a picklist with duplicate option values, once per value, at the option', () => {
    const problems = problemsOf(customer([{ key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'vip' }, { value: 'vip' }, { value: 'vip' }, { value: 'mass' }] }]));
    expect(problems).toEqual([
      {
        code: 'field.duplicate-option',
        path: 'entities[customer].fields[segment].options[vip]',
        message: 'option value "vip" appears more than once',
        hint: expect.stringContaining('each option needs its own value'),
      },
    ]);
  });

  it('refuses a picklist without options', () => {
    expect(problemsOf(customer([{ key: 'segment', name: 'segment', type: 'picklist', options: [] }]))).toMatchObject([
      { code: 'document.too_small', path: 'entities[customer].fields[segment].options', message: 'a picklist needs at least one option' },
    ]);
  });

  it('refuses settings that contradict each other', () => {
    expect(problemsOf(customer([{ key: 'name', name: 'name', type: 'text', minLength: 10, maxLength: 5 }]))).toMatchObject([
      { code: 'field.invalid-range', path: 'entities[customer].fields[name].minLength', message: 'minLength 10 is greater than maxLength 5' },
    ]);
  });

  it('refuses a pattern that is not a regular expression', () => {
    const [problem] = problemsOf(customer([{ key: 'id_number', name: 'idNumber', type: 'text', pattern: '^[0-9' }]));
    expect(problem).toMatchObject({ code: 'field.invalid-pattern', path: 'entities[customer].fields[id_number].pattern' });
    expect(problem?.message).toContain('^[0-9');
    expect(problem?.hint).toBeTruthy();
  });

  it('refuses a relation target that is not a key', () => {
    expect(problemsOf(customer([{ key: 'region', name: 'region', type: 'reference', target: 'Region' }]))).toMatchObject([
      { code: 'document.invalid_format', path: 'entities[customer].fields[region].target' },
    ]);
    expect(problemsOf(customer([{ key: 'region', name: 'region', type: 'reference', target: 'region', onDelete: 'ignore' }]))).toMatchObject([
      { code: 'document.invalid_value', path: 'entities[customer].fields[region].onDelete' },
    ]);
  });

  it('reports the problems of independent fields together', () => {
    const problems = problemsOf(
      customer([
        { key: 'name', name: 'name', type: 'text', maxLength: 'x' },
        { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'a' }, { value: 'a' }] },
        { key: 'tier', name: 'tier', type: 'tier' },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['document.invalid_type', 'entities[customer].fields[name].maxLength'],
      ['field.duplicate-option', 'entities[customer].fields[segment].options[a]'],
      ['field.unknown-type', 'entities[customer].fields[tier].type'],
    ]);
  });
});
