import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import { baseSet, registry } from '../layers/testing/org-tree-fixture.js';
import { broadband } from '../tariffs/testing/tariff-fixture.js';
import { quote } from '../tariffs/quote.js';
import { entityRuleSets } from '../rules/rule-sets-section.js';
import { tariffsOf } from '../tariffs/tariffs-section.js';

/** HQ's catalog marks the broadband fee overridable within a band; figures are illustrative. */
const catalog = { customerEntity: 'customer', offerings: [broadband] };
const chengdu = (amount: string, key = 'broadband_fee') => ({ kind: 'layer', key: 'sc_cd', tariffOverrides: [{ key, offering: 'broadband_300m', component: 'monthly_fee', amount }] });

function compiled(input: Record<string, unknown>) {
  return compileModel({ ...baseSet(), ...input }, registry);
}

describe('tariff prices set in a branch layer', () => {
  it('prices quotes in the branch and below at the layer\'s price, elsewhere at HQ\'s', () => {
    const model = compiled({ tariffs: catalog, layers: [chengdu('89.00')] });
    if (!model.ok) throw new Error(JSON.stringify(model.problems));
    const price = (orgUnitPath: string[]) => {
      const result = quote(tariffsOf(model.value)!.catalog, { customer: {}, orgUnitPath, date: '2026-12-01', lines: [{ offering: 'broadband_300m' }] });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.value.lines[0]?.components[0];
    };
    expect(price(['group', 'sc', 'sc_cd', 'sc_cd_wh'])).toMatchObject({ listPrice: '99.00', price: '89.00', priceSource: 'branch sc_cd' });
    expect(price(['group', 'fj'])).toMatchObject({ price: '99.00', priceSource: 'list' });
  });

  it('refuses a price outside HQ\'s band at the layer\'s path', () => {
    const model = compiled({ tariffs: catalog, layers: [chengdu('120.00')] });
    expect(model.ok ? [] : model.problems).toMatchObject([{ code: 'override.out-of-band', path: 'layers[sc_cd].tariffOverrides[broadband_fee].amount', message: expect.stringContaining('79.00–109.00') }]);
  });

  it('refuses a parameter HQ did not mark overridable, and the same price set twice for one unit', () => {
    const install = { kind: 'layer', key: 'sc_cd', tariffOverrides: [{ key: 'install', offering: 'broadband_300m', component: 'install', amount: '50.00' }] };
    const notOverridable = compiled({ tariffs: catalog, layers: [install] });
    expect(notOverridable.ok ? [] : notOverridable.problems).toMatchObject([{ code: 'override.not-overridable', path: 'layers[sc_cd].tariffOverrides[install].component' }]);
    const inCatalog = { ...catalog, overrides: [{ kind: 'tariffOverride', key: 'cd', orgUnit: 'sc_cd', offering: 'broadband_300m', component: 'monthly_fee', amount: '90.00' }] };
    const twice = compiled({ tariffs: inCatalog, layers: [chengdu('89.00')] });
    expect(twice.ok ? [] : twice.problems).toMatchObject([{ code: 'override.duplicate', path: 'layers[sc_cd].tariffOverrides[broadband_fee]' }]);
  });

  it('refuses a layer price when there is no catalog to override', () => {
    const model = compiled({ layers: [chengdu('89.00')] });
    expect(model.ok ? [] : model.problems).toMatchObject([{ code: 'tariff.no-catalog', path: 'layers[sc_cd].tariffOverrides[broadband_fee]' }]);
  });
});

describe('the simulation source of a tariff catalog', () => {
  const sales = (simulation: unknown) => compiled({ tariffs: { ...catalog, simulation } });

  it('names the subscriptions, the customer, the offering through a reference and which subscriptions bill, checked against the model', () => {
    const model = sales({ subscriptions: { entity: 'sales_order', customer: 'customer', offering: 'customer.full_name', quantity: 'quantity', billable: { field: 'channel', values: ['counter'] } } });
    if (!model.ok) throw new Error(JSON.stringify(model.problems));
    expect(tariffsOf(model.value)?.simulation).toEqual({ subscriptions: { entity: 'SalesOrder', customer: 'customer', offering: ['customer', 'fullName'], offeringEntity: 'Customer', quantity: 'quantity', billable: { field: 'channel', values: ['counter'] } } });
  });

  it('reports an unknown entity, a field of the wrong kind and an option the picklist lacks at the catalog\'s path', () => {
    const unknown = sales({ subscriptions: { entity: 'subscripton', customer: 'customer', offering: 'x' } });
    expect(unknown.ok ? [] : unknown.problems).toMatchObject([{ code: 'simulation.unknown-entity', path: 'tariffs.simulation.subscriptions.entity' }]);
    const wrong = sales({ subscriptions: { entity: 'sales_order', customer: 'channel', offering: 'customer.full_name', billable: { field: 'channel', values: ['gone'] } } });
    expect(wrong.ok ? [] : wrong.problems.map((p) => [p.code, p.path])).toEqual([
      ['simulation.field-type', 'tariffs.simulation.subscriptions.customer'],
      ['simulation.unknown-option', 'tariffs.simulation.subscriptions.billable.values[0]'],
    ]);
  });
});

describe('validations a layer adds', () => {
  const district = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
    kind: 'layer',
    key: 'sc_cd',
    entities: [{ key: 'customer', addValidations: [{ key: 'id_needed', conditions, event: { type: 'invalid', params: { fields: ['idNumber'], message: 'Chengdu records a VIP\'s ID number' } }, ...extra }] }],
  });
  const vipWithoutId = { all: [{ fact: 'segment', operator: 'equal', value: 'vip' }, { fact: 'idNumber', operator: 'equal', value: null }] };

  it('compile into a rule set scoped to the layer\'s unit', () => {
    const model = compiled({ layers: [district(vipWithoutId)] });
    if (!model.ok) throw new Error(JSON.stringify(model.problems));
    expect(entityRuleSets(model.value, 'customer').map((r) => [r.layer, [...r.kinds.values()]])).toEqual([['sc_cd', ['validation']]]);
  });

  it('are checked like rules, with problems at the layer\'s path, and may only validate', () => {
    const unknownFact = compiled({ layers: [district({ all: [{ fact: 'segmnt', operator: 'equal', value: 'vip' }] })] });
    expect(unknownFact.ok ? [] : unknownFact.problems.map((p) => p.path)).toEqual(['layers[sc_cd].entities[customer].addValidations[id_needed].conditions.all[0].fact']);
    const routing = compiled({ layers: [district(vipWithoutId, { kind: 'assignment' })] });
    expect(routing.ok ? [] : routing.problems.map((p) => p.code)).toContain('layer.validation-kind');
  });
});
