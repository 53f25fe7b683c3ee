import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { baseSet, registry } from '../layers/testing/org-tree-fixture.js';
import { compileOptionsWith, definePlugin } from './lattice-plugin.js';
import { PLUGIN_API_VERSION } from './plugin-api-version.js';

/** A plugin operator as a third party would write one: does a text start with one of the given prefixes. */
const prefixes = definePlugin({
  key: 'prefixes',
  apiVersion: PLUGIN_API_VERSION,
  ruleOperators: [
    {
      name: 'startsWithAny',
      validateFact: (fact) => typeof fact === 'string',
      evaluate: (fact: string, value: unknown) => Array.isArray(value) && value.some((prefix) => typeof prefix === 'string' && fact.startsWith(prefix)),
      checkTypes: (fact, value) => (fact.kind !== 'text' && fact.kind !== 'unknown' ? 'startsWithAny compares a text' : value.kind !== 'list' ? 'startsWithAny needs a list of prefixes' : null),
    },
  ],
});

const ruleSet = (operator: string, value: unknown) => ({
  kind: 'ruleSet',
  key: 'id_checks',
  entity: 'customer',
  rules: [{ key: 'mainland_id', kind: 'validation', conditions: { all: [{ fact: 'idNumber', operator, value }] }, event: { type: 'invalid', params: { fields: ['idNumber'], message: 'not a Sichuan ID' } } }],
});

describe('plugins', () => {
  it('add rule operators that rule sets use like built-in ones, checked at plan time', () => {
    const options = compileOptionsWith([prefixes]);
    const compiled = compileModel({ ...baseSet(), ruleSets: [ruleSet('startsWithAny', ['51'])] }, registry, options);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const wrongShape = compileModel({ ...baseSet(), ruleSets: [ruleSet('startsWithAny', '51')] }, registry, options);
    expect(wrongShape.ok ? [] : wrongShape.problems.map((p) => p.message)).toEqual([expect.stringContaining('startsWithAny needs a list of prefixes')]);
  });

  it('are needed by the metadata that uses them: without the plugin the operator is unknown', () => {
    const compiled = compileModel({ ...baseSet(), ruleSets: [ruleSet('startsWithAny', ['51'])] }, registry);
    expect(compiled.ok ? [] : compiled.problems.map((p) => p.code)).toEqual(['rule.unknown-operator']);
  });

  it('refuse a name taken twice, naming both owners', () => {
    expect(() => compileOptionsWith([prefixes, { ...prefixes, key: 'copy' }])).toThrow('Plugin "copy" registers the rule operator "startsWithAny", which plugin "prefixes" already have');
    expect(() => compileOptionsWith([{ key: 'mine', apiVersion: PLUGIN_API_VERSION, ruleOperators: [{ name: 'equal', evaluate: () => true }] }])).toThrow('which the built-in operators already have');
    expect(() => compileOptionsWith([prefixes, prefixes])).toThrow('Two plugins have the key "prefixes"');
  });
});
