import { describe, expect, it } from 'vitest';
import { checkRecordWrite } from '../records/check-record-write.js';
import { compileWith, customerForm } from './testing/forms-model.js';
import { formsOf } from './forms-section.js';

const group = { kind: 'layer', key: 'group', forms: [{ key: 'customer_main', lock: ['identity'] }] };
const chengdu = {
  kind: 'layer',
  key: 'sc_cd',
  entities: [{ key: 'customer', addFields: [{ key: 'cd_grid', name: 'cdGrid', type: 'text', maxLength: 20 }] }],
  forms: [
    {
      key: 'customer_main',
      addSections: [{ tab: 'main', after: 'identity', section: { key: 'district', label: { en: 'District', 'zh-CN': '区县' }, fields: [{ field: 'cdGrid', label: '网格' }] } }],
      move: [{ field: 'since', to: 'district' }],
      relabel: [{ section: 'documents', label: { en: 'Real-name', 'zh-CN': '实名' } }],
      hideFields: ['discountNote'],
    },
  ],
};
const withSince = () => {
  const form = customerForm() as { tabs: { sections: { key: string; fields: unknown[] }[] }[] };
  form.tabs[0]!.sections.find((s) => s.key === 'documents')!.fields.push({ field: 'since' });
  return form;
};
const user = { roles: ['hall_clerk'], unitPath: ['group', 'sc_cd'], channel: 'hall' };

describe('layers re-lay out forms along the org tree', () => {
  it('adds a section with the layer\'s own field, moves, relabels and hides, with provenance', () => {
    const compiled = compileWith({ forms: [withSince()], layers: [group, chengdu] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const model = compiled.value;
    const [core] = formsOf(model).ofEntity('customer');
    const [local] = formsOf(model).ofEntity('customer', ['group', 'sc_cd']);
    expect(core!.document.tabs[0]!.sections.map((s) => s.key)).toEqual(['identity', 'person', 'company', 'documents']);
    expect(local!.document.tabs[0]!.sections.map((s) => s.key)).toEqual(['identity', 'district', 'person', 'company', 'documents']);
    expect(local!.document.tabs[0]!.sections[1]!.fields.map((f) => f.field)).toEqual(['cdGrid', 'since']);
    expect(local!.layer).toBe('sc_cd');
    // The hidden field is cleared and refused in Chengdu only.
    const entity = model.entityByKey('customer')!;
    const unit = { orgUnitId: null, unitKeys: () => [] };
    const write = { customerType: 'individual', name: 'Li', discountNote: 'staff rate', monthlySpend: '80' };
    expect(checkRecordWrite(model, unit, { entity, mode: 'create' }, write, { user, layerPath: ['group', 'sc_cd'] })).toMatchObject({ ok: false, problems: [{ code: 'form.hidden-field', path: 'discountNote' }] });
    expect(checkRecordWrite(model, unit, { entity, mode: 'create' }, write, { user }).ok).toBe(true);
  });

  it('refuses changes to a section a layer above locked, at the lower layer\'s path; the layer itself is not bound', () => {
    const sc = { kind: 'layer', key: 'sc', forms: [{ key: 'customer_main', relabel: [{ section: 'identity', label: '身份' }], move: [{ field: 'name', to: 'documents' }] }] };
    const compiled = compileWith({ forms: [customerForm()], layers: [group, sc] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(formsOf(compiled.value).forUnit(['group', 'sc'])).toMatchObject({
      ok: false,
      problems: [
        { code: 'layer.locked', path: 'layers[sc].forms[customer_main].move[0]' },
        { code: 'layer.locked', path: 'layers[sc].forms[customer_main].relabel[0]' },
      ],
    });
    const groupItself = { ...group, forms: [{ key: 'customer_main', lock: ['identity'], relabel: [{ section: 'identity', label: '身份' }] }] };
    const own = compileWith({ forms: [customerForm()], layers: [groupItself] });
    expect(own.ok && formsOf(own.value).forUnit(['group']).ok).toBe(true);
  });

  it('refuses at plan time an overlay of an unknown form or field, and a layer hiding a field its entity requires', () => {
    const bad = { kind: 'layer', key: 'sc', forms: [{ key: 'customer_mian' }, { key: 'customer_main', hideFields: ['nmae', 'name'] }] };
    const result = compileWith({ forms: [customerForm()], layers: [bad] });
    expect(result.ok ? [] : result.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual([
      'layer.unknown-form @ layers[sc].forms[customer_mian]',
      'layer.unknown-field @ layers[sc].forms[customer_main].hideFields[0]',
    ]);
    const hidesRequired = compileWith({ forms: [customerForm()], layers: [{ kind: 'layer', key: 'sc', forms: [{ key: 'customer_main', hideFields: ['name'] }] }] });
    expect(hidesRequired.ok ? [] : hidesRequired.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['form.hidden-required @ forms[customer_main].tabs[main].sections[identity].fields[name].visible']);
  });
});
