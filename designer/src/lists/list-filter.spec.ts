import { describe, expect, it } from 'vitest';
import { buildListFilter } from './list-filter.js';
import type { MetadataField } from '../shell/console-metadata.js';

const fields: MetadataField[] = [
  { key: 'cust_name', name: 'name', type: 'text' },
  { key: 'customer_type', name: 'customerType', type: 'picklist', options: [{ value: 'individual' }, { value: 'enterprise' }] },
  { key: 'registered_on', name: 'registeredOn', type: 'date' },
  { key: 'created', name: 'openedAt', type: 'datetime' },
  { key: 'verified', name: 'realNameVerified', type: 'boolean' },
];

describe('the filter bar as a record filter', () => {
  it('leaves out what is empty, and is null when nothing is asked', () => {
    expect(buildListFilter(fields, { name: '  ', customerType: [], registeredOn: null })).toBeNull();
  });

  it('builds text contains, picklist in and a date range, together with the view\'s filter', () => {
    const view = { customerType: { eq: 'enterprise' } };
    expect(buildListFilter(fields, { name: ' 王 ', customerType: ['individual', 'enterprise'], registeredOn: ['2024-01-01', '2024-12-31'] }, view)).toEqual({
      and: [view, { name: { contains: '王' } }, { customerType: { in: ['individual', 'enterprise'] } }, { registeredOn: { gte: '2024-01-01', lte: '2024-12-31' } }],
    });
  });

  it('keeps a datetime range\'s whole last day, and an open end open', () => {
    expect(buildListFilter(fields, { openedAt: ['', '2024-02-29'] })).toEqual({ openedAt: { lt: '2024-03-01T00:00:00.000Z' } });
  });

  it('offers no filter for a field type without these operators (a boolean)', () => {
    expect(buildListFilter(fields, { realNameVerified: 'true' })).toBeNull();
  });
});
