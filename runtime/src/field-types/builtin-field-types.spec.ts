import { describe, expect, it } from 'vitest';
import { builtinFieldTypes, createBuiltinRegistry } from './builtin-field-types.js';

describe('built-in field types', () => {
  it('registers every documented type under its exact name', () => {
    expect(createBuiltinRegistry().names().sort()).toEqual(
      [
        'autonumber', 'boolean', 'date', 'datetime', 'decimal', 'email', 'formula', 'integer', 'json', 'longText',
        'manyToMany', 'money', 'multiPicklist', 'oneToMany', 'phone', 'picklist', 'reference', 'text', 'uuid',
      ].sort(),
    );
  });

  it('gives a fresh registry each time, so plugins never leak between installations', () => {
    const first = createBuiltinRegistry();
    first.register({ ...builtinFieldTypes()[0]!, name: 'pluginType' });
    expect(createBuiltinRegistry().get('pluginType')).toBeUndefined();
  });

  it('accepts minimal settings and refuses an unknown setting on every type', () => {
    const minimal: Record<string, Record<string, unknown>> = {
      reference: { target: 'customer' },
      oneToMany: { target: 'order', inverseOf: 'customer' },
      manyToMany: { target: 'region' },
      picklist: { options: [{ value: 'a' }] },
      multiPicklist: { options: [{ value: 'a' }] },
      autonumber: { pattern: '{seq:6}' },
      formula: { expression: 'a + 1' },
    };
    for (const type of builtinFieldTypes()) {
      const settings = minimal[type.name] ?? {};
      expect(type.settings.safeParse(settings).success, type.name).toBe(true);
      expect(type.settings.safeParse({ ...settings, maxLenght: 10 }).success, type.name).toBe(false);
    }
  });

  it('keeps list values, relations and storage consistent', () => {
    for (const type of builtinFieldTypes()) {
      if (type.list) expect(type.sortable, type.name).toBe(false);
      if (type.relation === 'oneToMany' || type.relation === 'manyToMany') expect(type.list, type.name).toBe(true);
      if (type.formulaType !== null) expect(type.list ?? false, type.name).toBe(false);
    }
  });
});
