import { describe, expect, it } from 'vitest';
import type { MetadataEntity } from '../shell/console-metadata.js';
import { overviewParts, overviewQuery } from './overview-query.js';

const entity = (key: string, name: string, pluralName: string, fields: MetadataEntity['fields']): MetadataEntity => ({ key, name, pluralName, titleField: fields[0]?.key, fields });
const customer = entity('customer', 'Customer', 'customers', [
  { key: 'cust_name', name: 'name', type: 'text' },
  { key: 'subscriptions', name: 'subscriptions', type: 'oneToMany', target: 'subscription', inverseOf: 'customer' },
]);
const subscription = entity('subscription', 'Subscription', 'subscriptions', [
  { key: 'msisdn', name: 'msisdn', type: 'phone' },
  { key: 'status', name: 'status', type: 'picklist', options: [{ value: 'active' }] },
  { key: 'customer', name: 'customer', type: 'reference', target: 'customer' },
]);
const complaint = entity('complaint', 'Complaint', 'complaints', [
  { key: 'subject', name: 'subject', type: 'text' },
  { key: 'customer', name: 'customer', type: 'reference', target: 'customer' },
]);

describe('the overview of a record, from the metadata', () => {
  it('lists the related lists, then the entities pointing at the record that no related list shows', () => {
    const parts = overviewParts(customer, [customer, subscription, complaint]);
    expect(parts.map((p) => [p.kind, p.alias, p.columns.map((c) => c.name)])).toEqual([
      ['related', 'subscriptions', ['msisdn', 'status']],
      ['referencing', 'complaintsByCustomer', ['subject']],
    ]);
  });

  it('leaves out what the user’s metadata does not have: an entity they may not read is not listed', () => {
    expect(overviewParts(customer, [customer, subscription]).map((p) => p.alias)).toEqual(['subscriptions']);
    expect(overviewParts({ ...customer, fields: customer.fields.slice(0, 1) }, [customer, complaint]).map((p) => p.alias)).toEqual(['complaintsByCustomer']);
  });

  it('asks for the record, its related lists and the referencing records in one query', () => {
    const entities = [customer, subscription, complaint];
    const query = overviewQuery(customer, entities, overviewParts(customer, entities));
    expect(query).toContain('record: customer(id: $id) { id version createdAt updatedAt name subscriptions: subscriptions { id msisdn status } }');
    expect(query).toContain('complaintsByCustomer: complaints(filter: { customer: { eq: $id } }, first: 10');
    expect(query.match(/^query /gm)).toHaveLength(1);
  });
});
