import { describe, expect, it } from 'vitest';
import type { EntityDocument, FormDocument } from '@lattice/runtime';
import { freeKey, newForm, paletteFields } from './form-layout.js';

const entity = { kind: 'entity', key: 'customer', name: 'Customer', fields: [
  { key: 'cust_name', name: 'name', type: 'text' },
  { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'a' }] },
  { key: 'lines', name: 'lines', type: 'oneToMany', target: 'subscription', inverseOf: 'customer' },
] } as unknown as EntityDocument;

describe('the form canvas\' palette and new elements', () => {
  it('offers the fields not yet on the form, without related lists', () => {
    const form = newForm(entity, 'customer_main', true);
    expect(paletteFields(entity, form)).toEqual([{ field: 'name' }, { field: 'segment' }]);
    const placed: FormDocument = { ...form, tabs: [{ ...form.tabs[0]!, sections: [{ ...form.tabs[0]!.sections[0]!, fields: [{ field: 'segment' }] }] }] };
    expect(paletteFields(entity, placed)).toEqual([{ field: 'name' }]);
  });

  it('gives a new form\'s tab and section different keys (the runtime refuses a form where they clash)', () => {
    const form = newForm(entity, 'customer_main', true);
    const keys = form.tabs.flatMap((tab) => [tab.key, ...tab.sections.map((s) => s.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a free key for a new tab or section', () => {
    expect(freeKey('section', ['main'])).toBe('section');
    expect(freeKey('section', ['section', 'section_2'])).toBe('section_3');
  });
});
