import { describe, expect, it } from 'vitest';
import { compileModel, createBuiltinRegistry } from '@lattice/runtime';
import { breachWords } from './breach-words.js';
import type { SlaTimerPayload } from './sla-timer-payload.js';

const payload = (over: Partial<SlaTimerPayload>): SlaTimerPayload => ({ entity: 'ticket', recordId: 'r1', step: 'open', unitId: null, assigneeId: null, escalate: [], level: 0, businessHours: false, ...over });

describe('the words of a breach', () => {
  const compiled = compileModel(
    {
      entities: [{ kind: 'entity', key: 'ticket', name: 'Ticket', fields: [{ key: 'state', name: 'state', type: 'text', maxLength: 20 }] }],
      workflows: [{ kind: 'workflow', key: 'ticket_flow', entity: 'ticket', stateField: 'state', initial: 'open', states: [{ key: 'open', label: { en: 'Open', 'zh-CN': '待处理' } }, { key: 'done', final: true }], transitions: [{ key: 'finish', from: 'open', to: 'done' }] }],
    } as never,
    createBuiltinRegistry(),
  );
  const model = compiled.ok ? compiled.value : undefined;

  it('names the state by its label and the limit in hours, business hours or minutes, in both languages', () => {
    expect(model).toBeDefined();
    expect(breachWords(model, payload({ limitHours: 24 }))).toEqual({ comment: 'Not done within 24 hours in "Open" (escalation 1)', message: { en: 'Escalated to you: Not done within 24 hours in "Open" (escalation 1)', 'zh-CN': '已升级给您：“待处理”超过24小时未完成（第 1 次升级）' } });
    expect(breachWords(model, payload({ limitHours: 1, businessHours: true, level: 2 })).comment).toBe('Not done within 1 business hour in "Open" (escalation 3)');
    expect(breachWords(model, payload({ limitHours: 0.01 })).message['zh-CN']).toBe('已升级给您：“待处理”超过1分钟未完成（第 1 次升级）');
  });

  it('falls back to the state key when the state has no label or the workflow is gone', () => {
    expect(breachWords(undefined, payload({ step: 'queued', limitHours: 0.5 })).comment).toBe('Not done within 30 minutes in "queued" (escalation 1)');
    expect(breachWords(model, payload({ step: 'done' })).comment).toBe('Not done within its time limit in "done" (escalation 1)');
  });
});
