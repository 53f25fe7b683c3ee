import { describe, expect, it } from 'vitest';
import { createBuiltinOperators } from './builtin-operators.js';
import { compileRules, type RuleSource } from './compile-rules.js';

const rules: RuleSource[] = [
  { key: 'vip', priority: 2, conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'vip' }] }, event: { type: 'vip' } },
  { key: 'chengdu', conditions: { any: [{ fact: 'city', operator: 'in', value: 'Chengdu, Mianyang' }] }, event: { type: 'local' } },
  { key: 'always', conditions: { any: [] }, event: { type: 'always' } },
];

describe('compileRules', () => {
  it('keeps json-rules-engine\'s quirks: `in` on text is a substring test, an empty `any` holds', () => {
    const run = compileRules(rules, { operators: createBuiltinOperators() }).run({ tags: [], city: 'Chengdu' });
    expect(run.ok && run.events.map((event) => event.type)).toEqual(['local', 'always']);
  });

  it('runs rules by priority and says which fact was missing', () => {
    const compiled = compileRules(rules, { operators: createBuiltinOperators() });
    expect(compiled.keys).toEqual(['vip', 'chengdu', 'always']);
    expect(compiled.run({ city: 'Chengdu' })).toEqual({ ok: false, error: { code: 'rule.undefined-fact', rule: 'vip', path: 'rules[vip].conditions.all[0]', message: 'Undefined fact: tags' } });
  });

  it('falls back to closures where generated code is forbidden (a strict Content-Security-Policy)', () => {
    const original = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    } as unknown as FunctionConstructor;
    let compiled;
    try {
      compiled = compileRules(rules, { operators: createBuiltinOperators(), generate: true });
    } finally {
      globalThis.Function = original;
    }
    const fired = [0, 0, 0];
    expect(compiled.fire({ tags: ['vip'], city: 'Yibin' }, fired)).toBeUndefined();
    expect(fired).toEqual([1, 0, 1]);
  });
});
