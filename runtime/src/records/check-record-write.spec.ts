import { describe, expect, it } from 'vitest';
import { formsModel } from '../forms/testing/forms-model.js';
import type { FormUser } from '../forms/evaluate-form.js';
import { checkRecordWrite, type WriteFacts } from './check-record-write.js';
import { validateRecordInput } from './validate-record-input.js';

const model = formsModel();
const customer = model.entityByKey('customer')!;
const unit = { orgUnitId: null, unitKeys: () => [] };
const clerk: FormUser = { roles: ['hall_clerk'], unitPath: ['group', 'sc', 'sc_cd'], channel: 'hall' };
const verifier: FormUser = { ...clerk, roles: ['hall_clerk', 'verifier'] };
const facts = (user: FormUser = clerk, more: Partial<WriteFacts> = {}): WriteFacts => ({ user, ...more });

const stored = { id: '7d0c1e8a-4a5b-4c6d-8e7f-901234567890', customerType: 'individual', name: 'Zhang Wei', birthDate: '1990-05-01', industry: null, parentGroup: null, idNumber: '510104199005010011', verified: true, creditLevel: 'A', monthlySpend: '88.00', discountNote: null, since: null, orgUnitId: null };

const create = (patch: Record<string, unknown>, f: WriteFacts = facts()) => checkRecordWrite(model, unit, { entity: customer, mode: 'create' }, patch, f);
const update = (patch: Record<string, unknown>, f: WriteFacts = facts(), base: Record<string, unknown> = stored) => checkRecordWrite(model, unit, { entity: customer, mode: 'update', stored: base }, patch, f);
const codes = (result: ReturnType<typeof create>) => (result.ok ? [] : result.problems.map((p) => `${p.code} @ ${p.path}`));

describe('checkRecordWrite: form logic', () => {
  it('clears a field that becomes hidden and stores the clearing; the record as it will be shows it empty', () => {
    const result = update({ customerType: 'enterprise', industry: 'finance' });
    expect(result.ok && result.value.values).toEqual({ customerType: 'enterprise', industry: 'finance', birthDate: null });
    expect(result.ok && result.value.record['birthDate']).toBeNull();
  });

  it('refuses a value written to a hidden field, on create and update alike, even a value its type would refuse', () => {
    expect(codes(create({ customerType: 'individual', name: 'Li', industry: 'finance' }))).toEqual(['form.hidden-field @ industry']);
    expect(codes(update({ industry: 'finance' }))).toEqual(['form.hidden-field @ industry']);
    expect(codes(update({ industry: 'no-such-industry' }))).toEqual(['form.hidden-field @ industry']);
    // Clearing a hidden field is always allowed.
    expect(update({ industry: null }).ok).toBe(true);
  });

  it('never requires a hidden field: industry is required for enterprises only', () => {
    expect(create({ customerType: 'individual', name: 'Li' }).ok).toBe(true);
    expect(codes(create({ customerType: 'enterprise', name: 'Chengdu Metro' }))).toEqual(['record.required @ industry']);
  });

  it('requires by condition on the record as it will be and the form mode', () => {
    expect(create({ customerType: 'individual', name: 'Li' }).ok).toBe(true);
    expect(codes(update({ idNumber: null }, facts(clerk), { ...stored, verified: false }))).toEqual(['record.required @ idNumber']);
  });

  it('enforces read-only fields: by role, and after creation once verified', () => {
    expect(codes(update({ verified: false }))).toEqual(['form.read-only @ verified']);
    expect(update({ verified: false }, facts(verifier)).ok).toBe(true);
    expect(codes(update({ idNumber: '510104199005010012' }))).toEqual(['form.read-only @ idNumber']);
    // The same value is no change; before verification and on create the number may be written.
    expect(update({ idNumber: stored.idNumber }).ok).toBe(true);
    expect(update({ idNumber: '510104199005010012' }, facts(clerk), { ...stored, verified: false }).ok).toBe(true);
    expect(create({ customerType: 'individual', name: 'Li', idNumber: '510104199005010012', verified: false }).ok).toBe(true);
  });

  it('refuses a record an invalid check holds for, with its message at the field', () => {
    const result = update({ discountNote: 'staff rate', monthlySpend: '20' });
    expect(result.ok ? [] : result.problems).toEqual([{ code: 'form.invalid', path: 'discountNote', message: 'a discount needs a monthly spend of 50 or more' }]);
    expect(update({ discountNote: 'staff rate', monthlySpend: '50' }).ok).toBe(true);
  });

  it('narrows options by condition: in the app, credit level B or C only', () => {
    expect(codes(create({ customerType: 'individual', name: 'Li', creditLevel: 'A' }, facts({ ...clerk, channel: 'app' })))).toEqual(['form.option-not-allowed @ creditLevel']);
    expect(create({ customerType: 'individual', name: 'Li', creditLevel: 'A' }).ok).toBe(true);
  });

  it('reports each field state for the browser to draw', () => {
    const result = create({ customerType: 'enterprise', name: 'Chengdu Metro', industry: 'government' });
    expect(result.ok && Object.fromEntries(result.value.fields!)).toMatchObject({
      birthDate: { visible: false, required: false },
      industry: { visible: true, required: true, readOnly: false },
      verified: { visible: true, readOnly: true },
    });
  });
});

describe('checkRecordWrite: the same checks as the hand-ordered steps', () => {
  it('gives validateRecordInput\'s problems and values when no form applies', () => {
    const inputs: Record<string, unknown>[] = [
      { customerType: 'individual', name: 'Li', monthlySpend: '88.5' },
      { name: '' },
      { customerType: 'retail', nme: 'x', monthlySpend: 'lots' },
      { customerType: null, id: 'x', verified: 'yes' },
    ];
    for (const mode of ['create', 'update'] as const) {
      for (const input of inputs) {
        const today = validateRecordInput(customer, input, mode);
        const result = checkRecordWrite(model, unit, { entity: customer, mode, ...(mode === 'update' ? { stored } : {}) }, input);
        expect(result.ok ? [] : result.problems, `${mode} ${JSON.stringify(input)}`).toEqual(today.ok ? [] : today.problems);
        if (today.ok && result.ok) expect(result.value.values).toMatchObject(today.value);
      }
    }
  });

  it('runs rules on decoded values on create as on update: the same problem for the same record', () => {
    const withRules = formsModel([], {
      ruleSets: [
        {
          kind: 'ruleSet',
          key: 'spend_rules',
          entity: 'customer',
          rules: [{ key: 'round_spend', kind: 'validation', conditions: { all: [{ fact: 'monthlySpend', operator: 'equal', value: '88.50' }] }, event: { type: 'invalid', params: { message: 'ask for a manager for 88.50', fields: ['monthlySpend'] } } }],
        },
      ],
    });
    const entity = withRules.entityByKey('customer')!;
    const created = checkRecordWrite(withRules, unit, { entity, mode: 'create' }, { customerType: 'individual', name: 'Li', monthlySpend: '88.5' });
    const updated = checkRecordWrite(withRules, unit, { entity, mode: 'update', stored }, { monthlySpend: 88.5 });
    expect(created.ok ? [] : created.problems).toEqual([{ code: 'rule.validation', path: 'monthlySpend', message: 'ask for a manager for 88.50' }]);
    expect(updated.ok ? [] : updated.problems).toEqual(created.ok ? [] : created.problems);
  });

  it('routes a new record by an assignment rule and fills defaulting rules, as the platform did', () => {
    const withRules = formsModel([], {
      ruleSets: [
        {
          kind: 'ruleSet',
          key: 'routing',
          entity: 'customer',
          rules: [
            { key: 'to_vip_desk', kind: 'assignment', conditions: { all: [{ fact: 'customerType', operator: 'equal', value: 'individual' }] }, event: { type: 'route', params: { set: { orgUnitId: '11111111-2222-4333-8444-555555555555' } } } },
            { key: 'default_credit', kind: 'defaulting', conditions: { all: [] }, event: { type: 'default', params: { set: { creditLevel: 'A' } } } },
          ],
        },
      ],
    });
    const entity = withRules.entityByKey('customer')!;
    const result = checkRecordWrite(withRules, unit, { entity, mode: 'create' }, { customerType: 'individual', name: 'Li' });
    expect(result.ok && { orgUnitId: result.value.orgUnitId, credit: result.value.values['creditLevel'], stores: 'orgUnitId' in result.value.values }).toEqual({ orgUnitId: '11111111-2222-4333-8444-555555555555', credit: 'A', stores: false });
  });
});
