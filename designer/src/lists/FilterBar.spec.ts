// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '../i18n/language.js';
import FilterBar from './FilterBar.vue';
import type { MetadataField } from '../shell/console-metadata.js';

const fields: MetadataField[] = [
  { key: 'cust_name', name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '客户名称' } },
  { key: 'customer_type', name: 'customerType', type: 'picklist', label: { en: 'Customer type' }, options: [{ value: 'individual', label: { en: 'Individual' } }] },
  { key: 'registered_on', name: 'registeredOn', type: 'date', label: { en: 'Registered on' } },
  { key: 'verified', name: 'realNameVerified', type: 'boolean', label: { en: 'Verified' } },
];

describe('the filter bar', () => {
  it('offers a filter per field type, each with a label, and none for a boolean', () => {
    const bar = mount(FilterBar, { props: { fields }, global: { plugins: [i18n] } });
    expect(bar.find('[data-test=filter-name] input').attributes('aria-label')).toBe('Name contains');
    expect(bar.find('[data-test=filter-customerType]').text()).toContain('Customer type');
    expect(bar.find('[data-test=filter-registeredOn]').exists()).toBe(true);
    expect(bar.find('[data-test=filter-realNameVerified]').exists()).toBe(false);
  });

  it('hands over what was typed when applied (Enter submits), and nothing after Clear', async () => {
    const bar = mount(FilterBar, { props: { fields }, global: { plugins: [i18n] } });
    await bar.find('[data-test=filter-name] input').setValue('王');
    await bar.find('form').trigger('submit');
    expect(bar.emitted('apply')?.[0]).toEqual([{ name: '王' }]);
    await bar.find('[data-test=filter-clear]').trigger('click');
    expect(bar.emitted('apply')?.[1]).toEqual([{}]);
  });
});
