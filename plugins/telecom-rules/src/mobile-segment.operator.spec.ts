import { describe, expect, it } from 'vitest';
import { Engine } from 'json-rules-engine';
import { compileOptionsWith, compileRules, type TopCondition } from '@lattice/runtime';
import { telecomRules, mobileSegmentIn, mobileSegmentOf } from './index.js';

const NEW_5G_SEGMENTS = ['191', '193', '199'];

describe('mobileSegmentIn', () => {
  it('reads the segment of a mainland mobile number, with or without +86 and separators', () => {
    expect(mobileSegmentOf('19123456789')).toBe('191');
    expect(mobileSegmentOf('+86 199-2345-6789')).toBe('199');
    expect(mobileSegmentOf('028-85123456')).toBeUndefined();
    expect(mobileSegmentOf(19123456789)).toBeUndefined();
  });

  it('gives the same answers compiled as in json-rules-engine with the operator added there', async () => {
    const conditions = { all: [{ fact: 'phone', operator: 'mobileSegmentIn', value: NEW_5G_SEGMENTS }] } as unknown as TopCondition;
    const { operators } = compileOptionsWith([telecomRules]);
    const compiled = compileRules([{ key: 'new_5g', conditions, event: { type: 'eligible' } }], { operators: operators!, allowUndefinedFacts: true });
    const engine = new Engine([], { allowUndefinedFacts: true });
    // json-rules-engine's own three-argument form (name, callback, fact validator); its types list only two.
    (engine.addOperator as (...args: unknown[]) => void)(mobileSegmentIn.name, mobileSegmentIn.evaluate, mobileSegmentIn.validateFact);
    engine.addRule({ conditions: conditions as never, event: { type: 'eligible' } });
    for (const phone of ['19123456789', '+8619312345678', '18912345678', '02885123456', '', null, 42, undefined]) {
      const facts = phone === undefined ? {} : { phone };
      const theirs = (await engine.run(facts)).events.length > 0;
      const run = compiled.run(facts);
      expect(run.ok && run.events.length > 0, `phone ${JSON.stringify(phone)}`).toBe(theirs);
    }
  });

  it('says at plan time what is wrong with a condition using it', () => {
    const check = mobileSegmentIn.checkTypes!;
    expect(check({ kind: 'text' }, { kind: 'list', of: [{ kind: 'text', literal: '191' }] })).toBeNull();
    expect(check({ kind: 'number' }, { kind: 'list', of: [] })).toContain('not number');
    expect(check({ kind: 'text' }, { kind: 'text', literal: '191' })).toContain('needs a list of segments');
    expect(check({ kind: 'text' }, { kind: 'list', of: [{ kind: 'text', literal: '91' }] })).toContain('three digits');
  });
});
