import { describe, expect, it } from 'vitest';
import { compileWith, customerForm, formsModel } from './testing/forms-model.js';
import { formsOf } from './forms-section.js';

type Form = ReturnType<typeof customerForm> & { tabs: { sections: { key: string; visible?: unknown; fields: Record<string, unknown>[]; relatedList?: unknown }[] }[] };

function form(change: (f: Form) => void): Form {
  const f = customerForm() as Form;
  change(f);
  return f;
}

function problemsOf(...forms: unknown[]) {
  const result = compileWith({ forms });
  return result.ok ? [] : result.problems.map((p) => ({ code: p.code, path: p.path }));
}

const documents = (f: Form) => f.tabs[0]!.sections.find((s) => s.key === 'documents')!;

describe('checkForm, at plan time', () => {
  it('compiles the customer form into the model, found by entity', () => {
    const model = formsModel();
    expect(formsOf(model).ofEntity('customer').map((f) => f.key)).toEqual(['customer_main']);
    expect(model.section<{ all: unknown }>('forms')?.all).toEqual(formsOf(model).all);
    expect(formsOf(model).ofEntity('customer')[0]!.visibilityOrder.map((f) => f.field)).toEqual(['birthDate', 'industry', 'parentGroup']);
  });

  it('refuses a form naming a missing field, with its path and a close name, and compiles nothing', () => {
    const result = compileWith({ forms: [form((f) => documents(f).fields.push({ field: 'idNumbr' }))] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ code: 'form.unknown-field', path: 'forms[customer_main].tabs[main].sections[documents].fields[idNumbr].field', hint: 'did you mean "idNumber"?' }),
    ]);
  });

  it('refuses a condition on an unknown fact, and a user property that does not exist', () => {
    const bad = form((f) => {
      documents(f).fields.push({ field: 'since', visible: { all: [{ fact: 'tenure', operator: 'greaterThan', value: 3 }] } });
      documents(f).fields.push({ field: 'birthDate', required: { all: [{ fact: '$user', path: '$.salary', operator: 'greaterThan', value: 3 }] } });
      f.tabs[0]!.sections.find((s) => s.key === 'person')!.fields = [];
    });
    expect(problemsOf(bad)).toEqual([
      { code: 'rule.unknown-fact', path: 'forms[customer_main].tabs[main].sections[documents].fields[since].visible.all[0].fact' },
      { code: 'rule.unknown-path', path: 'forms[customer_main].tabs[main].sections[documents].fields[birthDate].required.all[0].path' },
    ]);
  });

  it('refuses visibility conditions that depend on each other in a cycle, naming it', () => {
    const bad = form((f) => {
      const fields = documents(f).fields;
      fields[0]!['visible'] = { all: [{ fact: 'discountNote', operator: 'notEqual', value: null }] };
      fields.find((x) => x['field'] === 'discountNote')!['visible'] = { all: [{ fact: 'idNumber', operator: 'notEqual', value: null }] };
    });
    const result = compileWith({ forms: [bad] });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ code: 'form.condition-cycle', path: 'forms[customer_main].tabs[main].sections[documents].fields[idNumber].visible', message: expect.stringContaining('idNumber → discountNote → idNumber') }),
    ]);
  });

  it('refuses hiding a field its entity requires (a hidden field is cleared), a narrowed option that does not exist, a duplicate field', () => {
    const bad = form((f) => {
      f.tabs[0]!.sections[0]!.fields[1]!['visible'] = { all: [{ fact: '$mode', operator: 'equal', value: 'update' }] };
      documents(f).fields.find((x) => x['field'] === 'creditLevel')!['options'] = [{ when: true, values: ['AAA'] }];
      documents(f).fields.push({ field: 'verified' });
    });
    const found = problemsOf(bad);
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { code: 'form.hidden-required', path: 'forms[customer_main].tabs[main].sections[identity].fields[name].visible' },
        { code: 'form.duplicate-field', path: 'forms[customer_main].tabs[main].sections[documents].fields[verified].field' },
        { code: 'form.unknown-option', path: 'forms[customer_main].tabs[main].sections[documents].fields[creditLevel].options[0].values' },
      ]),
    );
  });

  it('refuses a related list on a field that is not a list, a second default and an entity without a default', () => {
    const list = form((f) => f.tabs[0]!.sections.push({ key: 'group', fields: [], relatedList: { field: 'parentGroup', columns: ['name'] } }));
    expect(problemsOf(list)).toEqual([{ code: 'form.not-a-list', path: 'forms[customer_main].tabs[main].sections[group].relatedList.field' }]);
    const second = { ...customerForm(), key: 'customer_app' };
    expect(problemsOf(customerForm(), second)).toEqual([{ code: 'form.multiple-defaults', path: 'forms[customer_app].default' }]);
    expect(problemsOf({ ...customerForm(), default: false })).toEqual([{ code: 'form.no-default', path: 'forms[customer_main].default' }]);
  });

  it('refuses a form of an unknown shape or entity at the document path', () => {
    expect(problemsOf({ ...customerForm(), entity: 'client' })).toEqual([{ code: 'form.unknown-entity', path: 'forms[customer_main].entity' }]);
    expect(problemsOf({ ...customerForm(), colour: 'red' })).toEqual([{ code: 'document.unrecognized_keys', path: 'forms[customer_main]' }]);
  });
});
