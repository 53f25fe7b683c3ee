import { describe, expect, it } from 'vitest';
import type { MetadataEntity } from '../shell/console-metadata.js';
import { searchQuery } from './search-query.js';

const customer: MetadataEntity = {
  key: 'customer', name: 'Customer', pluralName: 'customers', titleField: 'cust_name',
  fields: [
    { key: 'cust_name', name: 'name', type: 'text' },
    { key: 'customer_code', name: 'customerCode', type: 'autonumber', unique: true, pattern: 'CUS{YYYYMMDD}{seq:6}' } as MetadataEntity['fields'][number],
    { key: 'id_type', name: 'idType', type: 'picklist', options: [{ value: 'resident_id' }] },
    { key: 'id_number', name: 'idNumber', type: 'text', personalData: true, pattern: '^[0-9A-Z]{6,32}$' } as MetadataEntity['fields'][number],
    { key: 'phone', name: 'phone', type: 'phone', personalData: true },
  ],
  indexes: [{ key: 'id_document', fields: ['id_type', 'id_number'], unique: true }],
};
const product: MetadataEntity = { key: 'product', name: 'Product', pluralName: 'products', titleField: 'product_name', fields: [{ key: 'product_name', name: 'name', type: 'text' }] };

describe('global search', () => {
  it('matches a phone number against names, codes, ID numbers and phone numbers, in one query over the record API', () => {
    const search = searchQuery([customer, product], ' 189 9148 0993 ');
    expect(search?.parts.map((p) => p.entity.name)).toEqual(['Customer']);
    expect(search?.variables['e0']).toEqual({ or: [{ name: { contains: '189 9148 0993' } }, { customerCode: { eq: '189 9148 0993' } }, { phone: { eq: '189 9148 0993' } }] });
    expect(search?.query).toContain('e0: customers(filter: $e0, first: 10)');
  });

  it('matches an ID number exactly, and never sends a value a field type refuses (letters to a phone number, a broken pattern)', () => {
    const id = searchQuery([customer], '510107194807202032');
    expect(id?.variables['e0']).toEqual({ or: [{ name: { contains: '510107194807202032' } }, { customerCode: { eq: '510107194807202032' } }, { idNumber: { eq: '510107194807202032' } }, { phone: { eq: '510107194807202032' } }] });
    const name = searchQuery([customer], '王勇');
    expect(name?.variables['e0']).toEqual({ or: [{ name: { contains: '王勇' } }, { customerCode: { eq: '王勇' } }] });
  });

  it('searches nothing for an empty term', () => {
    expect(searchQuery([customer], '  ')).toBeNull();
  });
});
