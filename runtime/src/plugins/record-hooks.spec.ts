import { describe, expect, it } from 'vitest';
import { recordHookProblems, type RecordHook } from './record-hooks.js';

const hook = (overrides: Partial<RecordHook> = {}): RecordHook => ({ key: 'check', entity: 'order', step: 'beforePersist', run: () => [], ...overrides });

describe('record hooks', () => {
  it('register when well formed', () => {
    expect(recordHookProblems('audit-extra', [hook(), hook({ key: 'other', entity: '*', verbs: ['create', 'restore'], step: 'afterPersist', timeoutMs: 200 })])).toEqual([]);
  });

  it('are refused with the plugin and the hook\'s path when malformed', () => {
    const bad = [hook({ key: 'Bad Key' }), hook({ key: 'check' }), hook({ key: 'check' }), hook({ key: 'late', step: 'whenever' as never, verbs: ['archive' as never], timeoutMs: 0, entity: '' })];
    expect(recordHookProblems('audit-extra', bad).map((p) => [p.code, p.path])).toEqual([
      ['hook.bad-key', 'plugins[audit-extra].hooks[0].key'],
      ['hook.duplicate-key', 'plugins[audit-extra].hooks[2].key'],
      ['hook.no-entity', 'plugins[audit-extra].hooks[3].entity'],
      ['hook.unknown-step', 'plugins[audit-extra].hooks[3].step'],
      ['hook.unknown-verb', 'plugins[audit-extra].hooks[3].verbs'],
      ['hook.bad-timeout', 'plugins[audit-extra].hooks[3].timeoutMs'],
    ]);
  });
});
