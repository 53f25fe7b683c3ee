import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import type { FieldTypeDefinition } from '../field-types/field-type.js';
import { checkRecordWrite } from '../records/check-record-write.js';
import type { LatticePlugin } from './lattice-plugin.js';
import { PLUGIN_API_VERSION } from './plugin-api-version.js';
import { registriesWith } from './plugin-registries.js';

/** A field type as a third party would write one: a six-digit mainland postcode, canonical without spaces. */
const postcode: FieldTypeDefinition<Record<string, never>> = {
  name: 'postcode',
  settings: z.strictObject({}),
  storage: () => ({ kind: 'string', length: 6 }),
  scalar: 'String',
  filterOperators: ['eq', 'startsWith'],
  sortable: true,
  widget: 'text',
  formulaType: 'text',
  decode: (input) => (typeof input === 'string' && /^\d{6}$/.test(input.replace(/\s/g, '')) ? { ok: true, value: input.replace(/\s/g, '') } : { ok: false, message: `${JSON.stringify(input)} is not a six-digit postcode` }),
  validate: () => null,
};
const postal: LatticePlugin = { key: 'postal', apiVersion: PLUGIN_API_VERSION, fieldTypes: [postcode] };

const withPostcode = {
  entities: [{ kind: 'entity', key: 'site', name: 'Site', fields: [{ key: 'zip', name: 'postcode', type: 'postcode', required: true }] }],
};

describe('field types from plugins', () => {
  it('compile like built-in ones: stored by their storage kind, decoded and validated by their codec', () => {
    const { fieldTypes, compileOptions } = registriesWith([postal]);
    const compiled = compileModel(withPostcode, fieldTypes, compileOptions);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const site = compiled.value.entityByKey('site');
    expect(site?.fields.find((f) => f.key === 'zip')).toMatchObject({ typeName: 'postcode', storage: { kind: 'string', length: 6 }, type: { scalar: 'String' } });
    const unit = { orgUnitId: null, unitKeys: () => [] };
    const good = checkRecordWrite(compiled.value, unit, { entity: site!, mode: 'create' }, { postcode: '610 041' });
    expect(good.ok && good.value.values).toMatchObject({ postcode: '610041' });
    const bad = checkRecordWrite(compiled.value, unit, { entity: site!, mode: 'create' }, { postcode: '61004' });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['postcode: Field "postcode": "61004" is not a six-digit postcode']);
  });

  it('are needed by the metadata that uses them: without the plugin the type is refused with its path', () => {
    const { fieldTypes, compileOptions } = registriesWith([]);
    const compiled = compileModel(withPostcode, fieldTypes, compileOptions);
    expect(compiled.ok ? [] : compiled.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['field.unknown-type @ entities[site].fields[zip].type']);
  });

  it('refuse a name taken twice or badly formed, naming both owners', () => {
    expect(() => registriesWith([{ key: 'mine', apiVersion: PLUGIN_API_VERSION, fieldTypes: [{ ...postcode, name: 'phone' }] }])).toThrow('Plugin "mine" registers the field type "phone", which the built-in field types already have');
    expect(() => registriesWith([postal, { ...postal, key: 'copy' }])).toThrow('Plugin "copy" registers the field type "postcode", which plugin "postal" already have');
    expect(() => registriesWith([{ ...postal, fieldTypes: [{ ...postcode, name: 'post-code' }] }])).toThrow('Plugin "postal" registers the field type "post-code": a field type name is a letter then letters and digits');
  });
});
