import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { copyJson } from './copy-json.js';
import { foldLayers } from './fold-layers.js';
import { provenanceOf } from './provenance-of.js';
import { baseSet, codesAndPaths, layer, registry } from './testing/org-tree-fixture.js';

type Set = ReturnType<typeof baseSet>;
const fieldOf = (set: Set, entity: string, field: string) => set.entities.find((e) => e.key === entity)!.fields.find((f) => f.key === field)!;
const customer = (overlay: Record<string, unknown>) => ({ key: 'customer', ...overlay });
const onField = (field: string, overlay: Record<string, unknown>) => customer({ fields: [{ key: field, ...overlay }] });
const fold = (...layers: ReturnType<typeof layer>[]) => foldLayers(baseSet(), layers, registry);

describe('foldLayers', () => {
  it('changes neither the base set nor the layers', () => {
    const base = baseSet();
    const province = layer({ key: 'sichuan', entities: [onField('segment', { set: { options: { value: ['business'], base: ['business', 'personal', 'vip'] }, default: { value: 'business', base: 'personal' } } })] });
    const before = [copyJson(base), copyJson(province)];
    const effective = foldLayers(base, [province], registry);
    expect([base, province]).toEqual(before);
    expect(fieldOf(effective.set, 'customer', 'segment')['default']).toBe('business');
  });

  it('with no layers gives the base set, every property set by core', () => {
    const effective = fold();
    expect(effective.set).toEqual(baseSet());
    expect(effective.provenance).toEqual({});
    expect(provenanceOf(effective, 'customer')).toEqual({ key: 'core', name: 'core', 'label.en': 'core', 'label.zh-CN': 'core', titleField: 'core' });
    expect(provenanceOf(effective, 'customer', 'credit_limit')).toEqual({ key: 'core', name: 'core', type: 'core', 'label.en': 'core', default: 'core' });
    expect(provenanceOf(effective, 'customer', 'nickname')).toBeUndefined();
  });

  describe('relabelling', () => {
    it('merges labels per language and records the layer per language', () => {
      const effective = fold(layer({ key: 'group', entities: [customer({ set: { 'label.zh-CN': { value: '顾客', base: '客户' }, 'pluralLabel.en': { value: 'Customers', base: null } } })] }));
      expect(effective.problems).toEqual([]);
      const entity = effective.set.entities[0]!;
      expect(entity.label).toEqual({ en: 'Customer', 'zh-CN': '顾客' });
      expect(entity.pluralLabel).toEqual({ en: 'Customers' });
      expect(effective.provenance['entities[customer]']).toEqual({ 'label.zh-CN': 'group', 'pluralLabel.en': 'group' });
      expect(provenanceOf(effective, 'customer')).toMatchObject({ 'label.en': 'core', 'label.zh-CN': 'group', 'pluralLabel.en': 'group', name: 'core' });
    });

    it('turns a plain-text label into texts by language, keeping the text for the default language', () => {
      const effective = fold(layer({ key: 'group', entities: [onField('credit_limit', { set: { 'label.zh-CN': { value: '信用额度', base: 'Credit limit' } } })] }));
      expect(effective.problems).toEqual([]);
      expect(fieldOf(effective.set, 'customer', 'credit_limit').label).toEqual({ en: 'Credit limit', 'zh-CN': '信用额度' });
    });

    it('refuses an empty label', () => {
      const effective = fold(layer({ key: 'group', entities: [onField('segment', { set: { 'label.en': { value: '', base: 'Segment' } } })] }));
      expect(codesAndPaths(effective.problems)).toEqual([{ code: 'layer.bad-value', path: 'layers[group].entities[customer].fields[segment].set[label.en]' }]);
    });
  });

  describe('defaults', () => {
    it('checks a default with the field type', () => {
      const effective = fold(
        layer({
          key: 'group',
          entities: [
            customer({
              fields: [
                { key: 'credit_limit', set: { default: { value: 'lots', base: '0' } } },
                { key: 'segment', set: { default: { value: 'gold', base: 'personal' } } },
                { key: 'services', set: { default: { value: ['mobile'], base: null } } },
              ],
            }),
          ],
        }),
      );
      expect(codesAndPaths(effective.problems)).toEqual([
        { code: 'layer.bad-default', path: 'layers[group].entities[customer].fields[credit_limit].set[default]' },
        { code: 'layer.bad-default', path: 'layers[group].entities[customer].fields[segment].set[default]' },
      ]);
      expect(fieldOf(effective.set, 'customer', 'credit_limit')['default']).toBe('0');
      expect(fieldOf(effective.set, 'customer', 'services')['default']).toEqual(['mobile']);
    });

    it('removes a default with null', () => {
      const effective = fold(layer({ key: 'group', entities: [onField('credit_limit', { set: { default: { value: null, base: '0' } } })] }));
      expect(effective.problems).toEqual([]);
      expect('default' in fieldOf(effective.set, 'customer', 'credit_limit')).toBe(false);
    });
  });

  describe('option subsets', () => {
    it('keeps the options left out as deprecated, so stored values stay valid', () => {
      const effective = fold(
        layer({ key: 'sichuan', entities: [onField('segment', { set: { options: { value: ['business', 'personal'], base: ['business', 'personal', 'vip'] } } })] }),
      );
      expect(effective.problems).toEqual([]);
      expect(fieldOf(effective.set, 'customer', 'segment')['options']).toEqual([{ value: 'business' }, { value: 'personal' }, { value: 'vip', deprecated: true }]);
      expect(compileModel(effective.set, registry).ok).toBe(true);
    });

    it('refuses values the layers above do not offer, options on a field without any, and a subset that leaves the default out', () => {
      const group = layer({ key: 'group', entities: [onField('segment', { set: { options: { value: ['business', 'personal'], base: ['business', 'personal', 'vip'] } } })] });
      const effective = fold(
        group,
        layer({
          key: 'sichuan',
          entities: [
            customer({
              fields: [
                { key: 'segment', set: { options: { value: ['vip'], base: ['business', 'personal'] } } },
                { key: 'full_name', set: { options: { value: ['a'], base: null } } },
              ],
            }),
            { key: 'sales_order', fields: [{ key: 'channel', set: { options: { value: ['web'], base: ['counter', 'hotline', 'web'] } } }] },
          ],
        }),
      );
      expect(codesAndPaths(effective.problems)).toEqual([
        { code: 'layer.not-a-subset', path: 'layers[sichuan].entities[customer].fields[segment].set[options]' },
        { code: 'layer.bad-value', path: 'layers[sichuan].entities[customer].fields[full_name].set[options]' },
        { code: 'layer.bad-default', path: 'layers[sichuan].entities[sales_order].fields[channel].set[options]' },
      ]);
      expect(effective.problems[0]!.hint).toBe('Choose among: business, personal');
    });

    it('accepts a subset with a new default among it in the same layer', () => {
      const effective = fold(
        layer({ key: 'sichuan', entities: [{ key: 'sales_order', fields: [{ key: 'channel', set: { default: { value: 'web', base: 'counter' }, options: { value: ['web'], base: ['counter', 'hotline', 'web'] } } }] }] }),
      );
      expect(effective.problems).toEqual([]);
      expect(fieldOf(effective.set, 'sales_order', 'channel')['default']).toBe('web');
    });
  });

  describe('hiding', () => {
    it('lists hidden fields apart, keeping them in the set (still stored, still indexed)', () => {
      const group = layer({ key: 'group', entities: [onField('id_number', { set: { hidden: { value: true, base: false } } })] });
      const effective = fold(group);
      expect(effective.problems).toEqual([]);
      expect(effective.hiddenFields).toEqual({ customer: ['id_number'] });
      expect(fieldOf(effective.set, 'customer', 'id_number')).toBeDefined();
      const shownAgain = fold(group, layer({ key: 'sichuan', entities: [onField('id_number', { set: { hidden: { value: false, base: true } } })] }));
      expect(shownAgain.hiddenFields).toEqual({});
      expect(shownAgain.provenance['entities[customer].fields[id_number]']?.['hidden']).toBe('sichuan');
    });

    it('refuses to hide a required field without a default', () => {
      const effective = fold(layer({ key: 'group', entities: [onField('full_name', { set: { hidden: { value: true, base: false } } })] }));
      expect(codesAndPaths(effective.problems)).toEqual([{ code: 'layer.hidden-required', path: 'layers[group].entities[customer].fields[full_name].set[hidden]' }]);
      expect(effective.hiddenFields).toEqual({});
    });
  });

  describe('validations', () => {
    it('adds rules per entity with their layer, keeping the body as it is', () => {
      const rule = { key: 'id_for_vip', when: { segment: 'vip' }, require: ['id_number'] };
      const effective = fold(layer({ key: 'sichuan', entities: [customer({ addValidations: [rule] })] }));
      expect(effective.validations).toEqual({ customer: [{ layer: 'sichuan', rule }] });
      expect(effective.provenance['entities[customer].validations[id_for_vip]']).toEqual({ key: 'sichuan', when: 'sichuan', require: 'sichuan' });
    });

    it('refuses a rule key already used above, and rules on an entity locked for additions', () => {
      const group = layer({ key: 'group', entities: [customer({ addValidations: [{ key: 'credit_cap' }], lock: ['addValidations'] })] });
      const effective = fold(group, layer({ key: 'sichuan', entities: [customer({ addValidations: [{ key: 'other' }] })] }));
      expect(codesAndPaths(effective.problems)).toEqual([{ code: 'layer.locked', path: 'layers[sichuan].entities[customer].addValidations[other]' }]);
      const twice = fold(layer({ key: 'group', entities: [customer({ addValidations: [{ key: 'credit_cap' }] })] }), layer({ key: 'sichuan', entities: [customer({ addValidations: [{ key: 'credit_cap' }] })] }));
      expect(codesAndPaths(twice.problems)).toEqual([{ code: 'layer.duplicate-validation', path: 'layers[sichuan].entities[customer].addValidations[credit_cap]' }]);
    });
  });

  describe('what may be overridden', () => {
    const minLength = (value: number, base: number) => onField('id_number', { set: { minLength: { value, base } } });

    it('refuses a property that is neither free nor marked overridable', () => {
      const effective = fold(layer({ key: 'sichuan', entities: [minLength(18, 15)] }));
      expect(codesAndPaths(effective.problems)).toEqual([{ code: 'layer.not-overridable', path: 'layers[sichuan].entities[customer].fields[id_number].set[minLength]' }]);
    });

    it('applies it where a layer above marked it overridable, down the path until a layer locks it', () => {
      const group = layer({ key: 'group', entities: [onField('id_number', { overridable: ['minLength'] })] });
      const sichuan = layer({ key: 'sichuan', entities: [onField('id_number', { set: { minLength: { value: 18, base: 15 } }, lock: ['minLength'] })] });
      const effective = fold(group, sichuan);
      expect(effective.problems).toEqual([]);
      expect(fieldOf(effective.set, 'customer', 'id_number')['minLength']).toBe(18);
      expect(effective.overridable['entities[customer].fields[id_number]']).toEqual({ minLength: 'group' });
      const city = fold(group, sichuan, layer({ key: 'chengdu', entities: [minLength(16, 18)] }));
      expect(codesAndPaths(city.problems)).toEqual([{ code: 'layer.locked', path: 'layers[chengdu].entities[customer].fields[id_number].set[minLength]' }]);
    });

    it('refuses invalid settings and settings that change the shared column', () => {
      const group = layer({ key: 'group', entities: [onField('id_number', { overridable: ['minLength', 'maxLength'] })] });
      const effective = fold(group, layer({ key: 'sichuan', entities: [onField('id_number', { set: { minLength: { value: 30, base: 15 }, maxLength: { value: 20, base: 18 } } })] }));
      expect(effective.problems.map((p) => p.code)).toEqual(['field.invalid-range', 'layer.storage-change']);
    });

    it('never lets a layer set or open what names the element or shapes the table', () => {
      const effective = fold(
        layer({
          key: 'group',
          entities: [customer({ set: { name: { value: 'Client', base: 'Customer' } }, fields: [{ key: 'segment', set: { type: { value: 'text', base: 'picklist' } }, overridable: ['required'] }] })],
        }),
      );
      expect(codesAndPaths(effective.problems)).toEqual([
        { code: 'layer.fixed-property', path: 'layers[group].entities[customer].set[name]' },
        { code: 'layer.fixed-property', path: 'layers[group].entities[customer].fields[segment].set[type]' },
        { code: 'layer.fixed-property', path: 'layers[group].entities[customer].fields[segment].overridable[required]' },
      ]);
    });

    it('locks a whole entity: its properties, its fields and additions to it', () => {
      const group = layer({ key: 'group', entities: [customer({ lock: ['*'] })] });
      const effective = fold(
        group,
        layer({
          key: 'sichuan',
          entities: [
            customer({
              set: { 'label.zh-CN': { value: '四川客户', base: '客户' } },
              addFields: [{ key: 'local_code', name: 'localCode', type: 'text' }],
              fields: [{ key: 'segment', set: { hidden: { value: true, base: false } } }],
            }),
          ],
        }),
      );
      expect(effective.problems.map((p) => [p.code, p.path])).toEqual([
        ['layer.locked', 'layers[sichuan].entities[customer].addFields[local_code]'],
        ['layer.locked', 'layers[sichuan].entities[customer].set[label.zh-CN]'],
        ['layer.locked', 'layers[sichuan].entities[customer].fields[segment].set[hidden]'],
      ]);
    });
  });

  describe('added fields', () => {
    it('adds a nullable field in the layer, with its provenance, and the set still compiles', () => {
      const sichuan = layer({ key: 'sichuan', entities: [customer({ addFields: [{ key: 'sc_grid', name: 'scGrid', type: 'text', maxLength: 20, label: { 'zh-CN': '网格' } }], fields: [{ key: 'sc_grid', set: { default: { value: 'G1', base: null } } }] })] });
      const effective = fold(sichuan);
      expect(effective.problems).toEqual([]);
      expect(fieldOf(effective.set, 'customer', 'sc_grid')).toEqual({ key: 'sc_grid', name: 'scGrid', type: 'text', maxLength: 20, label: { 'zh-CN': '网格' }, default: 'G1' });
      expect(effective.provenance['entities[customer].fields[sc_grid]']).toEqual({ key: 'sichuan', name: 'sichuan', type: 'sichuan', maxLength: 'sichuan', 'label.zh-CN': 'sichuan', default: 'sichuan' });
      const compiled = compileModel(effective.set, registry);
      expect(compiled.ok && compiled.value.entityByKey('customer')?.fieldByKey('sc_grid')?.required).toBe(false);
    });

    it('refuses a key, name or column already taken, a required field, and a bad type or default', () => {
      const effective = fold(
        layer({ key: 'group', entities: [{ key: 'sales_order', addFields: [{ key: 'referrer', name: 'referrer', type: 'reference', target: 'customer' }] }] }),
        layer({
          key: 'sichuan',
          entities: [
            customer({
              addFields: [
                { key: 'segment', name: 'segmentTwo', type: 'text' },
                { key: 'full_name_2', name: 'FullName', type: 'text' },
                { key: 'org_unit', name: 'orgUnitId', type: 'uuid' },
                { key: 'grid', name: 'grid', type: 'text', required: true },
                { key: 'grade', name: 'grade', type: 'stars' },
                { key: 'quota', name: 'quota', type: 'integer', default: 'ten' },
              ],
            }),
            { key: 'sales_order', addFields: [{ key: 'referrer_ref', name: 'referrerId', type: 'text' }] },
          ],
        }),
      );
      expect(effective.problems.map((p) => [p.code, p.path])).toEqual([
        ['layer.field-taken', 'layers[sichuan].entities[customer].addFields[segment]'],
        ['layer.field-taken', 'layers[sichuan].entities[customer].addFields[full_name_2]'],
        ['layer.field-taken', 'layers[sichuan].entities[customer].addFields[org_unit]'],
        ['layer.added-field-required', 'layers[sichuan].entities[customer].addFields[grid].required'],
        ['field.unknown-type', 'layers[sichuan].entities[customer].addFields[grade].type'],
        ['layer.bad-default', 'layers[sichuan].entities[customer].addFields[quota].default'],
        ['layer.field-taken', 'layers[sichuan].entities[sales_order].addFields[referrer_ref]'],
      ]);
      expect(effective.problems.at(-1)!.message).toBe('The column "referrer_id" is already used by a field of layer "group"');
    });
  });

  it('reports unknown entities, fields and properties, an element listed twice in a layer, and a layer twice on the path', () => {
    const effective = fold(
      layer({
        key: 'group',
        entities: [
          { key: 'invoice' },
          customer({ fields: [{ key: 'nickname', set: { hidden: { value: true, base: false } } }, { key: 'segment', set: { 'pluralLabel.en': { value: 'Segments', base: null } } }] }),
          { key: 'sales_order', fields: [{ key: 'channel' }, { key: 'channel' }] },
          { key: 'sales_order' },
        ],
      }),
      layer({ key: 'group', entities: [] }),
    );
    expect(codesAndPaths(effective.problems)).toEqual([
      { code: 'layer.unknown-entity', path: 'layers[group].entities[invoice]' },
      { code: 'layer.unknown-field', path: 'layers[group].entities[customer].fields[nickname]' },
      { code: 'layer.unknown-property', path: 'layers[group].entities[customer].fields[segment].set[pluralLabel.en]' },
      { code: 'layer.duplicate-overlay', path: 'layers[group].entities[sales_order].fields[channel]' },
      { code: 'layer.duplicate-overlay', path: 'layers[group].entities[sales_order]' },
      { code: 'layer.duplicate-layer', path: 'layers[group]' },
    ]);
    expect(effective.layers).toEqual(['group']);
  });

  describe('conflicts (3-way: the base a layer saw, what the layers above give now, its value)', () => {
    const sichuanSubset = layer({ key: 'sichuan', entities: [onField('segment', { set: { options: { value: ['business', 'personal'], base: ['business', 'personal', 'vip'] } } })] });

    it('reports a higher layer changing what a lower one overrode', () => {
      const sichuan = layer({ key: 'sichuan', entities: [onField('segment', { set: { options: { value: ['personal'], base: ['business', 'personal', 'vip'] } } })] });
      expect(fold(sichuan).problems).toEqual([]);
      const group = layer({ key: 'group', entities: [onField('segment', { set: { options: { value: ['business', 'personal'], base: ['business', 'personal', 'vip'] } } })] });
      const effective = fold(group, sichuan);
      expect(effective.conflicts).toEqual([
        { element: 'entities[customer].fields[segment]', entity: 'customer', field: 'segment', property: 'options', layer: 'sichuan', changedBy: 'group', base: ['business', 'personal', 'vip'], current: ['business', 'personal'], value: ['personal'] },
      ]);
      expect(codesAndPaths(effective.problems)).toEqual([{ code: 'layer.conflict', path: 'layers[sichuan].entities[customer].fields[segment].set[options]' }]);
      // A subset that is no longer a subset is refused before any conflict is looked for.
      const narrowed = layer({ key: 'group', entities: [onField('segment', { set: { options: { value: ['business', 'vip'], base: ['business', 'personal', 'vip'] }, default: { value: 'business', base: 'personal' } } })] });
      expect(fold(narrowed, sichuan).problems.map((p) => p.code)).toEqual(['layer.not-a-subset']);
    });

    it('is no conflict when the higher layer made the same change', () => {
      const group = layer({ key: 'group', entities: [onField('segment', { set: { options: { value: ['business', 'personal'], base: ['business', 'personal', 'vip'] } } })] });
      expect(fold(group, sichuanSubset).conflicts).toEqual([]);
    });

    it('compares hidden and unset values too', () => {
      const group = layer({ key: 'group', entities: [onField('id_number', { set: { hidden: { value: true, base: false } } })] });
      const sichuan = layer({ key: 'sichuan', entities: [onField('id_number', { set: { hidden: { value: false, base: false }, 'label.zh-CN': { value: '证件号', base: null } } })] });
      const effective = fold(group, sichuan);
      expect(effective.conflicts.map(({ property, base, current, value, changedBy }) => ({ property, base, current, value, changedBy }))).toEqual([
        { property: 'hidden', base: false, current: true, value: false, changedBy: 'group' },
      ]);
      expect(effective.hiddenFields).toEqual({});
    });
  });
});
