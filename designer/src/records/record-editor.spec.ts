import { describe, expect, it } from 'vitest';
import type { MetadataEntity } from '../shell/console-metadata.js';
import { compileServedForms, type ServedFormData } from './served-form.js';
import { checkBeforeSave, liveForm, patchToSave, plainRecord } from './record-editor.js';
import { conflictRows, editsToReapply } from './stale-edit.js';

// As effectiveMetadata serves it: an entity document, cut to the fields the user may read.
const customer = {
  kind: 'entity',
  key: 'customer',
  name: 'Customer',
  pluralName: 'customers',
  titleField: 'cust_name',
  fields: [
    { key: 'cust_name', name: 'name', type: 'text', required: true },
    { key: 'customer_type', name: 'customerType', type: 'picklist', options: [{ value: 'individual' }, { value: 'enterprise' }] },
    { key: 'customer_class', name: 'customerClass', type: 'picklist', options: [{ value: 'public' }, { value: 'business' }, { value: 'group' }] },
    { key: 'industry', name: 'industry', type: 'text' },
    { key: 'gender', name: 'gender', type: 'text' },
    { key: 'parent_group', name: 'parentGroup', type: 'reference', target: 'customer' },
    { key: 'hidden_from_me', name: 'secret', type: 'reference', target: 'ledger' },
  ],
  // An index over a field the user may not read: the served metadata leaves the field out, not the index.
  indexes: [{ key: 'by_tier', fields: ['value_tier'] }],
} as MetadataEntity;

const field = (name: string, logic: Record<string, unknown> = {}) => ({ field: name, label: null, help: null, placeholder: null, widget: null, visible: null, required: null, readOnly: null, readOnlyAfterCreate: null, invalid: null, options: null, ...logic });
const enterprise = { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }] };
const form: ServedFormData = {
  key: 'customer_main', entity: 'customer', label: null, isDefault: true, audience: null, layer: null,
  conditions: { enterprise },
  tabs: [{ key: 'profile', label: null, sections: [
    { key: 'identity', label: null, columns: 2, readOnly: false, visible: null, relatedList: null, fields: [field('name'), field('customerType'), field('customerClass', { options: [{ when: { condition: 'enterprise' }, values: ['business', 'group'] }] })] },
    { key: 'enterprise', label: null, columns: 2, readOnly: false, visible: { condition: 'enterprise' }, relatedList: null, fields: [field('industry', { required: true }), field('parentGroup')] },
    { key: 'individual', label: null, columns: 2, readOnly: false, visible: { not: { condition: 'enterprise' } }, relatedList: null, fields: [field('gender')] },
    { key: 'lines', label: null, columns: 1, readOnly: false, visible: null, relatedList: { field: 'subscriptions', columns: ['msisdn'] }, fields: [] },
  ] }],
};
const user = { roles: ['counter_operator'], unitPath: ['group', 'sc'], channel: 'hall' };
const stored = { id: 'c1', version: 3, name: '王勇', customerType: 'individual', customerClass: 'public', industry: null, gender: 'male', parentGroup: null };

function compiled() {
  const result = compileServedForms([form], [customer]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('a served form, compiled and run in the browser by the runtime', () => {
  it('compiles against the user\'s effective entities, leaving out what they may not read', () => {
    expect(compiled().forms.map((f) => f.key)).toEqual(['customer_main']);
  });

  it('shows the enterprise fields only for an enterprise, narrows the classes and requires the industry', () => {
    const { forms } = compiled();
    const asStored = liveForm(forms[0]!, stored, {}, { user, mode: 'update' });
    expect([...asStored.hidden].sort()).toEqual(['industry', 'parentGroup']);
    expect(asStored.fields.get('customerClass')?.options).toBeUndefined();
    const typed = liveForm(forms[0]!, { ...stored, customerType: 'enterprise' }, {}, { user, mode: 'update' });
    expect([...typed.hidden]).toEqual(['gender']);
    expect(typed.fields.get('industry')).toMatchObject({ visible: true, required: true });
    expect(typed.fields.get('customerClass')?.options).toEqual(['business', 'group']);
  });

  it('saves only what changed, never a hidden field, and the runtime refuses a missing required field before it is sent', () => {
    const { forms, model } = compiled();
    const edits = { customerType: 'enterprise', gender: null, customerClass: 'business' };
    const live = liveForm(forms[0]!, { ...stored, ...edits }, {}, { user, mode: 'update' });
    const patch = patchToSave(customer, stored, { ...edits, name: '王勇' }, live.hidden, false);
    expect(patch).toEqual({ customerType: 'enterprise', customerClass: 'business' });
    const problems = checkBeforeSave(model, customer, forms[0]!, stored, patch, {}, { user, mode: 'update' });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['record.required', 'industry']]);
    expect(checkBeforeSave(model, customer, forms[0]!, stored, { ...patch, industry: 'retail' }, {}, { user, mode: 'update' })).toEqual([]);
  });

  it('reads a reference as the id of the record it points at', () => {
    const { values, references } = plainRecord(customer, { ...stored, parentGroup: { id: 'g1', name: '集团' } });
    expect(values['parentGroup']).toBe('g1');
    expect(references['parentGroup']).toEqual({ id: 'g1', name: '集团' });
  });
});

describe('a stale edit', () => {
  const current = { ...stored, version: 4, gender: 'female', industry: 'retail' };

  it('lists the fields changed since the record was loaded, theirs against yours', () => {
    const rows = conflictRows(customer, stored, current, { gender: 'male', name: '王勇刚' }, ['gender', 'industry']);
    expect(rows.map((r) => [r.field.name, r.loaded, r.theirs, r.yours, r.clash])).toEqual([
      ['industry', null, 'retail', undefined, false],
      ['gender', 'male', 'female', 'male', true],
    ]);
  });

  it('reapplies the edits that still change something over the current record', () => {
    expect(editsToReapply(customer, current, { gender: 'female', name: '王勇刚' })).toEqual({ name: '王勇刚' });
  });
});
