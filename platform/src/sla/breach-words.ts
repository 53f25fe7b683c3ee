import { textIn, type CompiledModel, type LocalizedText } from '@lattice/runtime';
import type { SlaTimerPayload } from './sla-timer-payload.js';

/** What people read of a breach: the history's comment and the notification the new assignees get. */
export interface BreachWords {
  readonly comment: string;
  readonly message: { readonly en: string; readonly 'zh-CN': string };
}

/**
 * A breach in the words of the workflow's admin: the state by its label, the
 * limit as hours or minutes. Never the rule that chose the target: its
 * condition may read fields the history's readers may not (the choice is
 * kept in the history's details, which the API does not show).
 */
export function breachWords(model: CompiledModel | undefined, payload: SlaTimerPayload): BreachWords {
  const label = stateLabel(model, payload.entity, payload.step);
  const en = textIn(label, 'en') ?? payload.step;
  const zh = textIn(label, 'zh-CN') ?? en;
  const level = payload.level + 1;
  const limit = payload.limitHours;
  const within = limit === undefined ? { en: 'its time limit', zh: '时限' } : spell(limit, payload.businessHours);
  const comment = `Not done within ${within.en} in "${en}" (escalation ${level})`;
  return { comment, message: { en: `Escalated to you: ${comment}`, 'zh-CN': `已升级给您：“${zh}”超过${within.zh}未完成（第 ${level} 次升级）` } };
}

function spell(hours: number, business: boolean): { en: string; zh: string } {
  const [amount, unit, zhUnit] = hours >= 1 ? [hours, 'hour', '小时'] : [Math.max(1, Math.round(hours * 60)), 'minute', '分钟'];
  const en = `${amount} ${business ? 'business ' : ''}${unit}${amount === 1 ? '' : 's'}`;
  return { en, zh: `${amount}${business ? '个工作' : ''}${zhUnit}` };
}

function stateLabel(model: CompiledModel | undefined, entity: string, state: string): LocalizedText | undefined {
  const workflows = (model?.source as { workflows?: { entity: string; states: { key: string; label?: LocalizedText }[] }[] } | undefined)?.workflows;
  const workflow = workflows?.find((w) => w.entity === entity);
  return workflow?.states.find((s) => s.key === state)?.label;
}
