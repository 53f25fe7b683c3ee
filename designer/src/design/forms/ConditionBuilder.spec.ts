// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '../../i18n/language.js';
import ConditionBuilder from './ConditionBuilder.vue';
import { loadDesignWords } from '../design-words.js';

loadDesignWords();
import type { FactChoice } from './condition-facts.js';

const facts: FactChoice[] = [
  { id: 'customerType|', fact: 'customerType', label: 'Customer type', kind: 'text', values: ['individual', 'enterprise'] },
  { id: 'tenureMonths|', fact: 'tenureMonths', label: 'Tenure', kind: 'number' },
];
const mountBuilder = (modelValue: unknown, fallback: 'always' | 'never') => mount(ConditionBuilder, { props: { modelValue: modelValue as never, fallback, facts, label: 'Visible', name: 'visible' }, global: { plugins: [i18n] } });

describe('the condition builder', () => {
  it('starts a condition on the first fact when "When…" is chosen', async () => {
    const builder = mountBuilder(undefined, 'always');
    await builder.find('[data-test=logic-visible-when] input').setValue(true);
    expect(builder.emitted('update:modelValue')?.[0]).toEqual([{ all: [{ fact: 'customerType', operator: 'equal', value: null }] }]);
  });

  it('writes nothing for the default, and true/false otherwise', async () => {
    const visible = mountBuilder({ all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }] }, 'always');
    await visible.find('[data-test=logic-visible-always] input').setValue(true);
    expect(visible.emitted('update:modelValue')?.[0]).toEqual([undefined]);
    const required = mountBuilder(undefined, 'never');
    await required.find('[data-test=logic-visible-always] input').setValue(true);
    expect(required.emitted('update:modelValue')?.[0]).toEqual([true]);
  });

  it('reads a typed number as a number for a numeric fact, and removes the last row back to the default', async () => {
    const builder = mountBuilder({ all: [{ fact: 'tenureMonths', operator: 'greaterThan', value: 1 }] }, 'always');
    await builder.find('input[data-test=condition-value]').setValue('24');
    expect(builder.emitted('update:modelValue')?.at(-1)).toEqual([{ all: [{ fact: 'tenureMonths', operator: 'greaterThan', value: 24 }] }]);
    await builder.find('[aria-label=Remove]').trigger('click');
    expect(builder.emitted('update:modelValue')?.at(-1)).toEqual([undefined]);
  });
});
