import type { MetadataEntity, MetadataField } from '../src/shell/console-metadata.js';
import type { ServedFormData } from '../src/records/served-form.js';

/**
 * A 200-field entity and its form with 50 visibility conditions, each on
 * the value of an earlier picklist: what a large operator screen holds.
 */
export function syntheticForm(fieldCount = 200, conditionCount = 50): { entity: MetadataEntity; form: ServedFormData; record: Record<string, unknown> } {
  const types = ['text', 'picklist', 'integer', 'date', 'boolean'] as const;
  const fields: MetadataField[] = Array.from({ length: fieldCount }, (_, i) => {
    const type = types[i % types.length]!;
    return { key: `f${i}`, name: `f${i}`, type, label: { en: `Field ${i}`, 'zh-CN': `字段 ${i}` }, ...(type === 'picklist' ? { options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] } : {}) };
  });
  const entity = { kind: 'entity', key: 'bench', name: 'Bench', pluralName: 'benches', titleField: 'f0', fields } as MetadataEntity;
  const picklists = fields.filter((f) => f.type === 'picklist');
  const logic = { label: null, help: null, placeholder: null, widget: null, required: null, readOnly: null, readOnlyAfterCreate: null, invalid: null, options: null };
  const formFields = fields.map((field, i) => {
    // Every fourth field from the 8th on is shown by an earlier picklist's value: 50 conditions over 200 fields.
    const controlled = i >= 8 && i % 4 === 0 && Math.floor(i / 4) - 2 < conditionCount;
    const by = picklists[Math.floor(i / 20)]!;
    return { field: field.name, ...logic, visible: controlled && by.name !== field.name ? { all: [{ fact: by.name, operator: 'notEqual', value: 'c' }] } : null };
  });
  const sections = Array.from({ length: Math.ceil(fieldCount / 20) }, (_, s) => ({ key: `s${s}`, label: { en: `Section ${s}` }, columns: 2, readOnly: false, visible: null, relatedList: null, fields: formFields.slice(s * 20, s * 20 + 20) }));
  const form: ServedFormData = { key: 'bench_main', entity: 'bench', label: null, isDefault: true, audience: null, conditions: null, layer: null, tabs: [{ key: 'main', label: null, sections }] };
  const record = Object.fromEntries(fields.map((f, i) => [f.name, f.type === 'picklist' ? 'a' : f.type === 'integer' ? i : f.type === 'boolean' ? false : f.type === 'date' ? '2026-01-01' : `value ${i}`]));
  return { entity, form, record };
}
