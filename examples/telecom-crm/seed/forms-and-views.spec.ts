import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkRecordWrite, compileModel, createBuiltinRegistry, matchesFilter, type CompiledModel } from '@lattice/runtime';
import { ENTITIES_DIR, metadataDocuments } from './testing/entity-documents.js';
import { entityViews, formsOf, viewsOf } from '@lattice/runtime';

/**
 * The example's forms, views and facts (metadata/forms, views, facts; Chengdu's
 * form layout in its layer) compile with its entities and layers, and
 * the customer form holds a telecom operator's rules on real writes.
 */
const METADATA = join(ENTITIES_DIR, '..');
const documents = metadataDocuments;

function exampleSet(): Record<string, unknown> {
  return { entities: documents('entities'), layers: documents('layers'), tariffs: parse(readFileSync(join(METADATA, 'tariffs.yaml'), 'utf8')), facts: documents('facts'), forms: documents('forms'), views: documents('views'), workflows: documents('workflows') };
}

const compiled = compileModel(exampleSet(), createBuiltinRegistry(), { today: () => '2026-12-03' });
const model = (compiled.ok ? compiled.value : undefined) as CompiledModel;
const customer = model?.entityByKey('customer');
const unit = { orgUnitId: null, unitKeys: () => [] };
const hall = { user: { roles: ['counter_operator'], unitPath: ['group', 'sc', 'sc_cd', 'sc_cd_wh', 'sc_cd_wh_h1'], channel: 'hall' } };
const app = { user: { ...hall.user, channel: 'app' } };
const individual = { customerType: 'individual', customerClass: 'public', name: '张伟', idType: 'resident_id', idNumber: '510104199005010011' };
const problemsOf = (result: ReturnType<typeof checkRecordWrite>) => (result.ok ? [] : result.problems.map((p) => `${p.code} @ ${p.path}`));

describe('metadata/forms, views and facts', () => {
  it('compile with the entities, layers and tariffs', () => {
    expect(compiled.ok ? [] : compiled.problems).toEqual([]);
    expect(formsOf(model).all.map((f) => f.key).sort()).toEqual(['customer_main', 'order_main', 'subscription_main']);
    expect(viewsOf(model).map((v) => v.key).sort()).toEqual(['lines_in_arrears', 'my_hall_enterprises']);
  });

  it('the customer form: individual fields for individuals only, enterprise fields and the group for enterprises only', () => {
    expect(problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, { ...individual, gender: 'male', birthDate: '1990-05-01' }, hall))).toEqual([]);
    expect(problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, { ...individual, industry: 'finance' }, hall))).toEqual(['form.hidden-field @ industry']);
    const enterprise = { customerType: 'enterprise', customerClass: 'business', name: '成都地铁运营有限公司', idType: 'business_licence', idNumber: '91510100MA61R0XXXX' };
    expect(problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, { ...enterprise, industry: 'logistics', gender: 'male' }, hall))).toEqual(['form.hidden-field @ gender']);
    expect(problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, enterprise, hall))).toEqual(['record.required @ industry']);
    expect(problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, { ...enterprise, industry: 'logistics', customerClass: 'public', idType: 'resident_id' }, hall))).toEqual([
      'form.option-not-allowed @ customerClass',
      'form.option-not-allowed @ idType',
    ]);
  });

  it('the customer form: a member enterprise\'s group must be a group customer, read from the referenced record', () => {
    expect(formsOf(model).ofEntity('customer')[0]!.referencesRead).toEqual(['parentGroup']);
    const member = { customerType: 'enterprise', customerClass: 'business', name: '成都地铁一分公司', idType: 'business_licence', idNumber: '91510100MA61R0YYYY', industry: 'logistics', parentGroup: '0b7e2d4c-1a2b-4c3d-8e9f-0a1b2c3d4e5f' };
    const withParent = (customerClass: string) => checkRecordWrite(model, unit, { entity: customer!, mode: 'create' }, member, { ...hall, references: { parentGroup: { id: member.parentGroup, customerClass } } });
    expect(problemsOf(withParent('business'))).toEqual(['form.invalid @ parentGroup']);
    expect(problemsOf(withParent('group'))).toEqual([]);
  });

  it('the customer form: the ID number is read-only after real-name registration, which only a hall may record', () => {
    const stored = { id: 'c1', ...individual, realNameVerified: false, orgUnitId: null };
    const update = (base: Record<string, unknown>, patch: Record<string, unknown>, facts = hall) => problemsOf(checkRecordWrite(model, unit, { entity: customer!, mode: 'update', stored: base }, patch, facts));
    expect(update(stored, { idNumber: '510104199005010012' })).toEqual([]);
    expect(update({ ...stored, realNameVerified: true }, { idNumber: '510104199005010012' })).toEqual(['form.read-only @ idNumber']);
    expect(update(stored, { realNameVerified: true }, app)).toEqual(['form.read-only @ realNameVerified']);
    expect(update(stored, { realNameVerified: true })).toEqual([]);
  });

  it('Chengdu sees its district section after the customer section, locked for the units below', () => {
    const [chengdu] = formsOf(model).ofEntity('customer', ['group', 'sc', 'sc_cd']);
    const sections = chengdu!.document.tabs[0]!.sections;
    expect(sections.map((s) => s.key)).toEqual(['identity', 'cd_district', 'individual', 'enterprise', 'real_name', 'contact']);
    expect(sections[1]!.fields.map((f) => f.field)).toEqual(['district', 'address']);
    expect(formsOf(model).ofEntity('customer', ['group', 'sc', 'sc_my'])[0]!.document.tabs[0]!.sections.map((s) => s.key)).not.toContain('cd_district');
  });

  it('the views filter as a hall operator expects', () => {
    const [enterprises] = entityViews(model, 'customer');
    const user = { id: 'u1', unitId: 'hall-1', unitPath: hall.user.unitPath, roles: hall.user.roles };
    expect(matchesFilter(model, customer!, enterprises!.filter, { customerType: 'enterprise', orgUnitId: 'hall-1' }, { user })).toBe(true);
    expect(matchesFilter(model, customer!, enterprises!.filter, { customerType: 'enterprise', orgUnitId: 'hall-2' }, { user })).toBe(false);
    const subscription = model.entityByKey('subscription')!;
    expect(matchesFilter(model, subscription, entityViews(model, 'subscription')[0]!.filter, { status: 'arrears_suspended' })).toBe(true);
  });
});
