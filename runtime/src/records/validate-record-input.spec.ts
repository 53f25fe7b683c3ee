import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import type { CompiledEntity } from '../compile/compiled-model.js';
import { createBuiltinRegistry } from '../field-types/builtin-field-types.js';
import type { Problem } from '../problems/problem.js';
import { validateRecordInput, type WriteMode } from './validate-record-input.js';

const CUSTOMER_ID = '0b7e6a52-3c1f-4d2e-9a8b-1f2e3d4c5b6a';

function compileEntities(entities: unknown[]): Map<string, CompiledEntity> {
  const result = compileModel({ entities }, createBuiltinRegistry());
  if (!result.ok) throw new Error(`fixture does not compile: ${JSON.stringify(result.problems, null, 2)}`);
  return new Map(result.value.entities.map((e) => [e.key, e]));
}

const entities = compileEntities([
  {
    kind: 'entity',
    key: 'customer',
    name: 'Customer',
    fields: [
      { key: 'full_name', name: 'fullName', type: 'text', required: true, maxLength: 50 },
      { key: 'phone', name: 'phone', type: 'phone' },
      { key: 'email', name: 'email', type: 'email' },
      { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }, { value: 'personal' }], default: 'personal', required: true },
      { key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'broadband' }, { value: 'mobile' }, { value: 'iptv' }], default: ['mobile'] },
      { key: 'credit_limit', name: 'creditLimit', type: 'money' },
      { key: 'vip', name: 'vip', type: 'boolean', default: false },
      { key: 'number', name: 'number', type: 'autonumber', pattern: 'C{seq:8}' },
      { key: 'double_credit', name: 'doubleCredit', type: 'formula', expression: 'creditLimit * 2' },
      { key: 'orders', name: 'orders', type: 'oneToMany', target: 'sales_order', inverseOf: 'customer' },
    ],
  },
  {
    kind: 'entity',
    key: 'sales_order',
    name: 'SalesOrder',
    fields: [
      { key: 'customer', name: 'customer', type: 'reference', target: 'customer', required: true },
      { key: 'amount', name: 'amount', type: 'money', required: true },
      { key: 'note', name: 'note', type: 'longText' },
    ],
  },
]);

const customer = entities.get('customer')!;
const salesOrder = entities.get('sales_order')!;

function valuesOf(entity: CompiledEntity, input: Record<string, unknown>, mode: WriteMode): Record<string, unknown> {
  const result = validateRecordInput(entity, input, mode);
  if (!result.ok) throw new Error(`expected values, got ${JSON.stringify(result.problems, null, 2)}`);
  return result.value;
}

function problemsOf(entity: CompiledEntity, input: Record<string, unknown>, mode: WriteMode): Problem[] {
  const result = validateRecordInput(entity, input, mode);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('validateRecordInput: values', () => {
  it('returns canonical values and applies defaults on create', () => {
    expect(
      valuesOf(customer, { fullName: '张三', phone: '138 0013 8000', email: 'Zhang.San@EXAMPLE.com', creditLimit: '88.5', services: ['iptv', 'mobile', 'iptv'] }, 'create'),
    ).toEqual({
      fullName: '张三',
      phone: '13800138000',
      email: 'Zhang.San@example.com',
      creditLimit: '88.50',
      services: ['iptv', 'mobile'],
      segment: 'personal',
      vip: false,
    });
  });

  it('reads money from a number without float noise', () => {
    expect(valuesOf(customer, { fullName: 'Li', creditLimit: 88.5 }, 'create')['creditLimit']).toBe('88.50');
    expect(valuesOf(customer, { fullName: 'Li', creditLimit: 0.1 }, 'create')['creditLimit']).toBe('0.10');
  });

  it('keeps given values over defaults, null included for optional fields', () => {
    expect(valuesOf(customer, { fullName: 'Li', segment: 'business', services: null, vip: true }, 'create')).toEqual({
      fullName: 'Li',
      segment: 'business',
      services: null,
      vip: true,
    });
  });

  it('treats undefined as absent', () => {
    expect(valuesOf(customer, { fullName: 'Li', phone: undefined }, 'create')).toEqual({ fullName: 'Li', segment: 'personal', services: ['mobile'], vip: false });
    expect(valuesOf(customer, { phone: undefined }, 'update')).toEqual({});
  });

  it('returns only the given fields on update: no defaults, nothing required', () => {
    expect(valuesOf(customer, {}, 'update')).toEqual({});
    expect(valuesOf(customer, { phone: '+86 (10) 1234-5678', creditLimit: null }, 'update')).toEqual({ phone: '+861012345678', creditLimit: null });
  });

  it('lowercases reference ids', () => {
    expect(valuesOf(salesOrder, { customer: CUSTOMER_ID.toUpperCase(), amount: '199' }, 'create')).toEqual({ customer: CUSTOMER_ID, amount: '199.00' });
  });
});

describe('validateRecordInput: problems', () => {
  it('refuses an unknown field, suggesting names that contain it or that it contains', () => {
    expect(problemsOf(customer, { fullName: 'Li', Phone: '13800138000' }, 'create')).toEqual([
      { code: 'record.unknown-field', path: 'Phone', message: 'Customer has no field "Phone"', hint: 'Did you mean "phone"?' },
    ]);
    expect(problemsOf(customer, { name: 'Li' }, 'update')).toMatchObject([{ code: 'record.unknown-field', path: 'name', hint: 'Did you mean "fullName"?' }]);
    expect(problemsOf(customer, { mobilePhone: '13800138000' }, 'update')).toMatchObject([{ hint: 'Did you mean "phone"?' }]);
  });

  it('lists the writable fields when nothing is close', () => {
    expect(problemsOf(customer, { tariff: 'gold' }, 'update')).toEqual([
      {
        code: 'record.unknown-field',
        path: 'tariff',
        message: 'Customer has no field "tariff"',
        hint: 'Writable fields: fullName, phone, email, segment, services, creditLimit, vip',
      },
    ]);
  });

  it('suggests the field a misspelt name meant', () => {
    expect(problemsOf(customer, { emial: 'li@example.com' }, 'update')).toMatchObject([{ path: 'emial', hint: 'Did you mean "email"?' }]);
  });

  it('refuses read-only fields: system, autonumber, formula, inverse lists', () => {
    const problems = problemsOf(customer, { id: CUSTOMER_ID, version: 3, number: 'C00000001', doubleCredit: '2.00', orders: [] }, 'update');
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['record.read-only', 'id'],
      ['record.read-only', 'version'],
      ['record.read-only', 'number'],
      ['record.read-only', 'doubleCredit'],
      ['record.read-only', 'orders'],
    ]);
    expect(problems[0]).toMatchObject({ message: 'Field "id" is managed by the platform and cannot be written', hint: 'Leave it out of the input' });
    expect(problems[2]?.message).toBe('Field "number" is computed (autonumber) and cannot be written');
    expect(problems[3]?.message).toBe('Field "doubleCredit" is computed (formula) and cannot be written');
  });

  it('requires required fields on create only, those with a default excepted', () => {
    expect(problemsOf(customer, {}, 'create')).toEqual([
      { code: 'record.required', path: 'fullName', message: 'Field "fullName" is required', hint: 'Give a value for "fullName"' },
    ]);
    expect(problemsOf(salesOrder, { note: 'x' }, 'create').map((p) => [p.code, p.path])).toEqual([
      ['record.required', 'customer'],
      ['record.required', 'amount'],
    ]);
    expect(validateRecordInput(salesOrder, { note: 'x' }, 'update').ok).toBe(true);
  });

  it('refuses null on a required field, on update and on create, once', () => {
    expect(problemsOf(customer, { fullName: null }, 'update')).toEqual([
      { code: 'record.required', path: 'fullName', message: 'Field "fullName" is required', hint: 'Give a value for "fullName"' },
    ]);
    expect(problemsOf(customer, { fullName: null }, 'create').map((p) => [p.code, p.path])).toEqual([['record.required', 'fullName']]);
    // A required field with a default still refuses an explicit null.
    expect(problemsOf(customer, { fullName: 'Li', segment: null }, 'create').map((p) => [p.code, p.path])).toEqual([['record.required', 'segment']]);
  });

  it('reports an invalid value once, not also as required', () => {
    const problems = problemsOf(customer, { fullName: 42 }, 'create');
    expect(problems).toEqual([{ code: 'record.invalid-value', path: 'fullName', message: 'Field "fullName": expected text, got the number 42', hint: 'send it as text: "42"' }]);
    expect(problemsOf(customer, { fullName: 'x'.repeat(51) }, 'create').map((p) => [p.code, p.path])).toEqual([['record.invalid-value', 'fullName']]);
  });

  it('names the value and the reason, with a hint where one helps', () => {
    const [option] = problemsOf(customer, { segment: 'Business' }, 'update');
    expect(option).toEqual({
      code: 'record.invalid-value',
      path: 'segment',
      message: 'Field "segment": "Business" is not an option; allowed: business, personal',
      hint: 'did you mean "business"?',
    });
    const [money] = problemsOf(customer, { creditLimit: '1,000.00' }, 'update');
    expect(money).toMatchObject({ code: 'record.invalid-value', path: 'creditLimit', hint: 'remove the thousands separators' });
    const [fen] = problemsOf(customer, { creditLimit: '0.125' }, 'update');
    expect(fen?.message).toBe('Field "creditLimit": "0.125" has 3 decimal places; at most 2 allowed');
  });

  it('reports every problem at once, each at its field name', () => {
    const problems = problemsOf(customer, { fullName: 7, phone: 'call me', services: 'mobile', id: CUSTOMER_ID, nickname: 'Li' }, 'create');
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['record.invalid-value', 'fullName'],
      ['record.invalid-value', 'phone'],
      ['record.invalid-value', 'services'],
      ['record.read-only', 'id'],
      ['record.unknown-field', 'nickname'],
    ]);
    expect(problems.every((p) => p.message !== '')).toBe(true);
    expect(problems[2]?.hint).toBe('send a list, e.g. ["mobile"]');
  });

  it('refuses a malformed reference id', () => {
    expect(problemsOf(salesOrder, { customer: '42', amount: '1' }, 'create')).toMatchObject([{ code: 'record.invalid-value', path: 'customer' }]);
  });
});

describe('validateRecordInput: known gaps', () => {
  it('gives each record its own copy of a list default', () => {
    const first = valuesOf(customer, { fullName: 'Li' }, 'create');
    try {
      (first['services'] as string[]).push('iptv');
    } catch {
      // A frozen default is fine too: what matters is that the next record is unaffected.
    }
    expect(valuesOf(customer, { fullName: 'Wang' }, 'create')['services']).toEqual(['mobile']);
    expect(customer.fieldByName('services')?.default).toEqual(['mobile']);
  });

  it('requires a field whose name is also an Object.prototype member', () => {
    const odd = compileEntities([{ kind: 'entity', key: 'odd', name: 'Odd', fields: [{ key: 'is_prototype_of', name: 'isPrototypeOf', type: 'text', required: true }] }]).get('odd')!;
    expect(problemsOf(odd, {}, 'create')).toMatchObject([{ code: 'record.required', path: 'isPrototypeOf' }]);
  });

  it('does not accept an empty text for a required field', () => {
    expect(problemsOf(customer, { fullName: '' }, 'create')).toMatchObject([{ code: 'record.required', path: 'fullName' }]);
  });
});
