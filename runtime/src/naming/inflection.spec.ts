import { describe, expect, it } from 'vitest';
import { ENTITY_NAME_PATTERN, FIELD_NAME_PATTERN, inflection, lowerFirst, pluralize, snakeCase, upperFirst } from './inflection.js';
import { isReservedEntityName, isReservedFieldName } from './reserved-words.js';

describe('snakeCase', () => {
  it('splits camelCase and PascalCase words, keeping acronyms and digits together', () => {
    expect(snakeCase('orderItem')).toBe('order_item');
    expect(snakeCase('OrderItem')).toBe('order_item');
    expect(snakeCase('idNumber2')).toBe('id_number2');
    expect(snakeCase('IPAddress')).toBe('ip_address');
    expect(snakeCase('simICCID')).toBe('sim_iccid');
    expect(snakeCase('plan5GFee')).toBe('plan5_g_fee');
    expect(snakeCase('id')).toBe('id');
  });
});

describe('pluralize', () => {
  it('follows the common English endings', () => {
    expect(pluralize('customer')).toBe('customers');
    expect(pluralize('company')).toBe('companies');
    expect(pluralize('day')).toBe('days');
    expect(pluralize('address')).toBe('addresses');
    expect(pluralize('box')).toBe('boxes');
    expect(pluralize('branch')).toBe('branches');
  });
});

describe('inflection', () => {
  it('derives tables, columns and query names', () => {
    expect(inflection.tableName('OrderItem')).toBe('order_item');
    expect(inflection.columnName('unitPrice')).toBe('unit_price');
    expect(inflection.referenceColumnName('salesOrder')).toBe('sales_order_id');
    expect(inflection.pluralQueryName('OrderItem')).toBe('orderItems');
    expect(inflection.pluralQueryName('Company')).toBe('companies');
  });

  it('derives join tables and their columns, apart for a self-relation', () => {
    expect(inflection.joinTableName('SalesOrder', 'eligibleRegions')).toBe('sales_order__eligible_regions');
    expect(inflection.joinOwnerColumn('SalesOrder')).toBe('sales_order_id');
    expect(inflection.joinTargetColumn('Region', 'SalesOrder')).toBe('region_id');
    expect(inflection.joinTargetColumn('Customer', 'Customer')).toBe('related_customer_id');
  });

  it('derives index names within the 63-character limit of Postgres identifiers', () => {
    expect(inflection.indexName('customer', 'by_segment')).toBe('customer__by_segment');
    expect(inflection.fieldIndexName('customer', 'phone')).toBe('customer__phone__idx');
    expect(inflection.uniqueFieldIndexName('customer', 'phone')).toBe('customer__phone__unique');
    expect(inflection.indexName('t'.repeat(50), 'k'.repeat(40))).toHaveLength(63);
  });

  it('changes the first letter only', () => {
    expect(lowerFirst('OrderItem')).toBe('orderItem');
    expect(upperFirst('creditLimit')).toBe('CreditLimit');
    expect(upperFirst('')).toBe('');
  });
});

describe('name patterns', () => {
  it('are PascalCase for entities and camelCase for fields, 48 characters at most', () => {
    expect(ENTITY_NAME_PATTERN.test('OrderItem')).toBe(true);
    expect(ENTITY_NAME_PATTERN.test('orderItem')).toBe(false);
    expect(ENTITY_NAME_PATTERN.test('Order_Item')).toBe(false);
    expect(ENTITY_NAME_PATTERN.test(`A${'a'.repeat(47)}`)).toBe(true);
    expect(ENTITY_NAME_PATTERN.test(`A${'a'.repeat(48)}`)).toBe(false);
    expect(FIELD_NAME_PATTERN.test('idNumber2')).toBe(true);
    expect(FIELD_NAME_PATTERN.test('IdNumber')).toBe(false);
    expect(FIELD_NAME_PATTERN.test('id_number')).toBe(false);
  });
});

describe('reserved words', () => {
  it('reserves SQL and API words as field names, in any case', () => {
    for (const name of ['select', 'SELECT', 'order', 'group', 'user', 'constructor', 'pageInfo', 'pageinfo', '__proto__']) {
      expect(isReservedFieldName(name), name).toBe(true);
    }
    for (const name of ['customer', 'phone', 'orderGroup']) expect(isReservedFieldName(name), name).toBe(false);
  });

  it('reserves SQL words, API type names and the Lattice prefix as entity names', () => {
    for (const name of ['Select', 'Order', 'User', 'Query', 'PageInfo', 'Lattice', 'LatticeAnything', 'Plan']) {
      expect(isReservedEntityName(name), name).toBe(true);
    }
    for (const name of ['Customer', 'SalesOrder', 'Lattic']) expect(isReservedEntityName(name), name).toBe(false);
  });
});
