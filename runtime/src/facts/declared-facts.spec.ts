import { describe, expect, it } from 'vitest';
import { definePlugin, compileOptionsWith } from '../plugins/lattice-plugin.js';
import { PLUGIN_API_VERSION } from '../plugins/plugin-api-version.js';
import { checkRecordWrite } from '../records/check-record-write.js';
import { compileLines, customerFacts } from '../views/testing/lines-model.js';
import { elapsed } from './declared-facts.js';

const user = { roles: ['hall_clerk'], unitPath: ['group'], channel: 'hall' };
const unit = { orgUnitId: null, unitKeys: () => [] };

const seniorForm = {
  kind: 'form',
  key: 'customer_main',
  entity: 'customer',
  default: true,
  tabs: [
    {
      key: 'main',
      sections: [
        {
          key: 'all',
          fields: [
            { field: 'name' },
            { field: 'birthDate' },
            { field: 'tags', options: [{ when: { all: [{ fact: 'age', operator: 'lessThan', value: 60 }] }, values: ['vip'] }] },
            { field: 'city', readOnly: { all: [{ fact: 'liveLines', operator: 'greaterThan', value: 0 }] } },
          ],
        },
      ],
    },
  ],
};

describe('facts declared in metadata', () => {
  it('computes tenure and age in whole months and years to today', () => {
    expect(elapsed('2024-12-04', '2026-12-03', 'months')).toBe(23);
    expect(elapsed('2024-12-03', '2026-12-03', 'months')).toBe(24);
    expect(elapsed('1966-12-04', '2026-12-03', 'years')).toBe(59);
    expect(elapsed(null, '2026-12-03', 'years')).toBeNull();
  });

  it('are read by form conditions: the age narrows the tags, the platform-supplied count of live lines locks the city', () => {
    const compiled = compileLines({ facts: [customerFacts], forms: [seniorForm] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const model = compiled.value;
    const entity = model.entityByKey('customer')!;
    const young = checkRecordWrite(model, unit, { entity, mode: 'create' }, { name: 'Li', birthDate: '1990-01-01', tags: ['senior'] }, { user });
    expect(young.ok ? [] : young.problems.map((p) => p.code)).toEqual(['form.option-not-allowed']);
    const old = checkRecordWrite(model, unit, { entity, mode: 'create' }, { name: 'Li', birthDate: '1950-01-01', tags: ['senior'] }, { user });
    expect(old.ok).toBe(true);
    const stored = { id: 'x', name: 'Li', birthDate: '1950-01-01', city: 'Chengdu', tags: [], since: null, customerType: null };
    const moved = (lines: number) => checkRecordWrite(model, unit, { entity, mode: 'update', stored }, { city: 'Mianyang' }, { user, supplied: { liveLines: lines } });
    expect(moved(2).ok ? [] : (moved(2) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['form.read-only']);
    expect(moved(0).ok).toBe(true);
  });

  it('have their types checked at plan time where they are used, and their sources checked where they are declared', () => {
    const mismatch = compileLines({ facts: [customerFacts], forms: [{ ...seniorForm, tabs: [{ key: 'main', sections: [{ key: 'all', fields: [{ field: 'city', visible: { all: [{ fact: 'tenureMonths', operator: 'equal', value: 'long' }] } }] }] }] }] });
    expect(mismatch.ok ? [] : mismatch.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['rule.type-mismatch @ forms[customer_main].tabs[main].sections[all].fields[city].visible.all[0].value']);
    const bad = compileLines({ facts: [{ ...customerFacts, facts: [{ name: 'tenureMonths', monthsSince: 'city' }, { name: 'name', yearsSince: 'birthDate' }, { name: 'lineCount', count: { list: 'city' } }, { name: 'liveLines', count: { list: 'lines', where: { state: { eq: 'active' } } } }] }] });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual([
      'fact.bad-source @ facts[customer_facts].facts[tenureMonths].monthsSince',
      'fact.duplicate @ facts[customer_facts].facts[name].name',
      'fact.not-a-list @ facts[customer_facts].facts[lineCount].count.list',
      'filter.unknown-field @ facts[customer_facts].facts[liveLines].count.where.state',
    ]);
  });

  it('come from plugins too, and a name taken twice stops the start', () => {
    const arpu = definePlugin({ key: 'arpu', apiVersion: PLUGIN_API_VERSION, facts: [{ name: 'arpuBand', type: { kind: 'text' }, entities: ['customer'], compute: () => 'high' }] });
    const options = compileOptionsWith([arpu]);
    const form = { ...seniorForm, tabs: [{ key: 'main', sections: [{ key: 'all', fields: [{ field: 'name' }, { field: 'city', visible: { all: [{ fact: 'arpuBand', operator: 'equal', value: 'high' }] } }] }] }] };
    const compiled = compileLines({ forms: [form] }, options);
    expect(compiled.ok).toBe(true);
    expect(() => compileOptionsWith([arpu, { ...arpu, key: 'arpu-two' }])).toThrow('Plugin "arpu-two" registers the fact "arpuBand", which plugin "arpu" already has');
  });
});
