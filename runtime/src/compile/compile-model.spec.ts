import { describe, expect, it } from 'vitest';
import { problemsOfSet } from '../check/testing/compile-problems.js';
import { createBuiltinRegistry } from '../field-types/builtin-field-types.js';
import type { Problem } from '../problems/problem.js';
import { compileModel } from './compile-model.js';
import type { CompiledEntity, CompiledModel } from './compiled-model.js';

const registry = createBuiltinRegistry();

type EntityInput = { kind: string; key: string; name: string; fields: Array<Record<string, unknown>>; [property: string]: unknown };

/** A small telecom CRM: customers, their orders and order lines, regions an order ships to. */
function crmSet(): { entities: EntityInput[] } {
  return {
    entities: [
      {
        kind: 'entity',
        key: 'customer',
        name: 'Customer',
        label: { en: 'Customer', 'zh-CN': '客户' },
        titleField: 'full_name',
        fields: [
          { key: 'full_name', name: 'fullName', type: 'text', required: true, maxLength: 100 },
          { key: 'phone', name: 'phone', type: 'phone', unique: true },
          { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'business' }, { value: 'personal' }], default: 'personal' },
          { key: 'services', name: 'services', type: 'multiPicklist', options: [{ value: 'broadband' }, { value: 'mobile' }] },
          { key: 'credit_limit', name: 'creditLimit', type: 'money', default: '0' },
          { key: 'orders', name: 'orders', type: 'oneToMany', target: 'sales_order', inverseOf: 'customer' },
          { key: 'referrals', name: 'referredCustomers', type: 'manyToMany', target: 'customer' },
        ],
        indexes: [{ key: 'by_segment', fields: ['segment', 'full_name'] }],
      },
      {
        kind: 'entity',
        key: 'sales_order',
        name: 'SalesOrder',
        fields: [
          { key: 'number', name: 'number', type: 'autonumber', pattern: 'ORD-{YYYYMMDD}-{seq:6}', timeZone: 'Asia/Shanghai' },
          { key: 'customer', name: 'customer', type: 'reference', target: 'customer', required: true },
          { key: 'unit_price', name: 'unitPrice', type: 'money' },
          { key: 'quantity', name: 'quantity', type: 'integer', default: 1 },
          { key: 'amount', name: 'amount', type: 'formula', expression: 'unitPrice * quantity' },
          { key: 'regions', name: 'regions', type: 'manyToMany', target: 'region' },
        ],
      },
      {
        kind: 'entity',
        key: 'order_item',
        name: 'OrderItem',
        fields: [
          { key: 'sales_order', name: 'salesOrder', type: 'reference', target: 'sales_order', required: true, onDelete: 'cascade' },
          { key: 'sku', name: 'skuCode', type: 'text', maxLength: 32 },
        ],
      },
      { kind: 'entity', key: 'region', name: 'Region', fields: [{ key: 'population', name: 'population', type: 'integer' }] },
      { kind: 'entity', key: 'company', name: 'Company', fields: [] },
    ],
  };
}

function compileOrThrow(input: unknown): CompiledModel {
  const result = compileModel(input, registry);
  if (!result.ok) throw new Error(`expected a model, got ${JSON.stringify(result.problems, null, 2)}`);
  return result.value;
}

function entityOf(model: CompiledModel, key: string): CompiledEntity {
  const entity = model.entityByKey(key);
  if (!entity) throw new Error(`no entity ${key}`);
  return entity;
}

const problemsOf = (input: unknown): Problem[] => problemsOfSet(input);

/** Recursively reverses the key order of every object (arrays keep their order: it means something). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
}

const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'orgUnitId', 'version', 'deletedAt'];

describe('compileModel: a valid model', () => {
  const model = compileOrThrow(crmSet());

  it('compiles every entity, in document order, found by key and by name', () => {
    expect(model.entities.map((e) => e.key)).toEqual(['customer', 'sales_order', 'order_item', 'region', 'company']);
    expect(model.entityByName('OrderItem')).toBe(entityOf(model, 'order_item'));
    expect(model.entityByKey('nobody')).toBeUndefined();
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.entities)).toBe(true);
  });

  it('puts the system fields first, in a fixed order, read-only and with snake_case columns', () => {
    for (const entity of model.entities) {
      expect(entity.fields.slice(0, SYSTEM_FIELDS.length).map((f) => f.name)).toEqual(SYSTEM_FIELDS);
      expect(entity.fields.filter((f) => f.system).map((f) => f.name)).toEqual(SYSTEM_FIELDS);
    }
    const customer = entityOf(model, 'customer');
    expect(customer.fields.slice(0, SYSTEM_FIELDS.length).map((f) => f.column)).toEqual([
      'id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'owner_id', 'org_unit_id', 'version', 'deleted_at',
    ]);
    expect(customer.fields.filter((f) => f.system).every((f) => f.readOnly)).toBe(true);
    expect(customer.fieldByName('id')).toMatchObject({ key: 'id', typeName: 'uuid', storage: { kind: 'uuid' }, required: true });
    expect(customer.fieldByName('version')).toMatchObject({ typeName: 'integer', required: true });
    expect(customer.fieldByName('ownerId')).toMatchObject({ indexed: true, required: false });
    expect(customer.fields.slice(SYSTEM_FIELDS.length).map((f) => f.name)).toEqual([
      'fullName', 'phone', 'segment', 'services', 'creditLimit', 'orders', 'referredCustomers',
    ]);
  });

  it('derives table names and plural query names from entity names', () => {
    expect(model.entities.map((e) => [e.table, e.pluralName])).toEqual([
      ['customer', 'customers'],
      ['sales_order', 'salesOrders'],
      ['order_item', 'orderItems'],
      ['region', 'regions'],
      ['company', 'companies'],
    ]);
  });

  it('derives columns from field names, and reference columns as <name>_id', () => {
    const customer = entityOf(model, 'customer');
    expect(customer.fieldByKey('full_name')).toMatchObject({ name: 'fullName', column: 'full_name', storage: { kind: 'string', length: 100 } });
    expect(customer.fieldByName('creditLimit')?.column).toBe('credit_limit');
    const order = entityOf(model, 'sales_order');
    expect(order.fieldByName('customer')).toMatchObject({ column: 'customer_id', storage: { kind: 'uuid' } });
    expect(order.fieldByName('unitPrice')?.column).toBe('unit_price');
    expect(entityOf(model, 'order_item').fieldByName('salesOrder')?.column).toBe('sales_order_id');
    expect(entityOf(model, 'order_item').fieldByName('skuCode')?.column).toBe('sku_code');
  });

  it('indexes every reference, and keeps the other constraints as declared', () => {
    const order = entityOf(model, 'sales_order');
    expect(order.fieldByName('customer')).toMatchObject({ indexed: true, required: true, unique: false });
    expect(entityOf(model, 'order_item').fieldByName('salesOrder')?.indexed).toBe(true);
    expect(order.fieldByName('unitPrice')?.indexed).toBe(false);
    expect(entityOf(model, 'customer').fieldByName('phone')).toMatchObject({ unique: true, indexed: false });
  });

  it('describes relations: references with onDelete, inverse lists without a column, join tables', () => {
    const customer = entityOf(model, 'customer');
    const order = entityOf(model, 'sales_order');
    expect(order.fieldByName('customer')?.relation).toEqual({ kind: 'reference', target: 'customer', onDelete: 'restrict' });
    expect(entityOf(model, 'order_item').fieldByName('salesOrder')?.relation).toEqual({ kind: 'reference', target: 'sales_order', onDelete: 'cascade' });
    expect(customer.fieldByName('orders')).toMatchObject({
      column: null,
      storage: null,
      readOnly: true,
      relation: { kind: 'oneToMany', target: 'sales_order', inverseOf: 'customer' },
    });
    expect(order.fieldByName('regions')).toMatchObject({
      column: null,
      storage: null,
      readOnly: false,
      relation: { kind: 'manyToMany', target: 'region', joinTable: 'sales_order__regions', joinColumn: 'sales_order_id', inverseJoinColumn: 'region_id' },
    });
  });

  it('names the target column of a self-referencing join table apart from the owner column', () => {
    expect(entityOf(model, 'customer').fieldByName('referredCustomers')?.relation).toEqual({
      kind: 'manyToMany',
      target: 'customer',
      joinTable: 'customer__referred_customers',
      joinColumn: 'customer_id',
      inverseJoinColumn: 'related_customer_id',
    });
  });

  it('names declared indexes <table>__<key> and maps field keys to columns', () => {
    expect(entityOf(model, 'customer').indexes).toEqual([
      { key: 'by_segment', name: 'customer__by_segment', fieldKeys: ['segment', 'full_name'], columns: ['segment', 'full_name'], unique: false },
    ]);
    expect(entityOf(model, 'sales_order').indexes).toEqual([]);
  });

  it('indexes system fields (org unit, owner, created at) alone and in composites with declared ones', () => {
    const set = crmSet();
    const customer = set.entities[0] as EntityInput;
    customer['indexes'] = [
      { key: 'by_unit_name', fields: ['org_unit_id', 'full_name'] },
      { key: 'by_owner', fields: ['owner_id'] },
      { key: 'by_segment_newest', fields: ['segment', 'created_at'] },
    ];
    const compiled = compileModel(set, registry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(entityOf(compiled.value, 'customer').indexes.map((i) => [i.name, i.columns])).toEqual([
      ['customer__by_unit_name', ['org_unit_id', 'full_name']],
      ['customer__by_owner', ['owner_id']],
      ['customer__by_segment_newest', ['segment', 'created_at']],
    ]);
  });

  it('keeps formulas and autonumbers checked and parsed, and read-only', () => {
    const order = entityOf(model, 'sales_order');
    expect(order.fieldByName('amount')).toMatchObject({
      column: 'amount',
      readOnly: true,
      storage: { kind: 'decimal', precision: 18, scale: 2 },
      formula: { expression: 'unitPrice * quantity', resultType: 'money' },
    });
    expect(order.fieldByName('number')).toMatchObject({
      column: 'number',
      readOnly: true,
      storage: { kind: 'string', length: 64 },
      autonumber: { source: 'ORD-{YYYYMMDD}-{seq:6}', resetPeriod: 'day', timeZone: 'Asia/Shanghai' },
    });
  });

  it('decodes defaults to canonical values', () => {
    const customer = entityOf(model, 'customer');
    expect(customer.fieldByName('segment')?.default).toBe('personal');
    expect(customer.fieldByName('creditLimit')?.default).toBe('0.00');
    expect(entityOf(model, 'sales_order').fieldByName('quantity')?.default).toBe(1);
    expect(customer.fieldByName('phone')).not.toHaveProperty('default');
  });

  it('chooses labels and title fields', () => {
    const customer = entityOf(model, 'customer');
    expect(customer).toMatchObject({ label: { en: 'Customer', 'zh-CN': '客户' }, pluralLabel: { en: 'Customer', 'zh-CN': '客户' }, titleField: 'fullName' });
    expect(customer.fieldByName('creditLimit')?.label).toBe('CreditLimit');
    expect(entityOf(model, 'sales_order')).toMatchObject({ label: 'SalesOrder', titleField: 'number' });
    // No string field of its own: records are shown by id.
    expect(entityOf(model, 'region').titleField).toBe('id');
  });

  it('keeps the source it was compiled from', () => {
    expect(model.source.entities.map((e) => e.key)).toEqual(['customer', 'sales_order', 'order_item', 'region', 'company']);
    expect(entityOf(model, 'sales_order').document.key).toBe('sales_order');
  });
});

describe('compileModel: hash', () => {
  const hash = compileOrThrow(crmSet()).hash;

  it('is a sha-256 hex digest', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when object keys are written in another order', () => {
    expect(compileOrThrow(reverseKeys(crmSet())).hash).toBe(hash);
  });

  it('changes when the content changes', () => {
    const relabelled = crmSet();
    relabelled.entities[0]!.label = { en: 'Client', 'zh-CN': '客户' };
    expect(compileOrThrow(relabelled).hash).not.toBe(hash);

    const reordered = crmSet();
    reordered.entities.reverse();
    expect(compileOrThrow(reordered).hash).not.toBe(hash);

    const widened = crmSet();
    widened.entities[3]!.fields.push({ key: 'code', name: 'code', type: 'text' });
    expect(compileOrThrow(widened).hash).not.toBe(hash);
  });
});

describe('compileModel: stages', () => {
  const entity = (key: string, name: string, fields: unknown[]) => ({ kind: 'entity', key, name, fields });

  it('reports every problem of a stage at once', () => {
    const problems = problemsOf({
      entities: [entity('customer', 'Customer', [{ key: 'a', name: 'a', type: 'txt' }, { key: 'b', name: 'b', type: 'nummber' }])],
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['field.unknown-type', 'entities[customer].fields[a].type'],
      ['field.unknown-type', 'entities[customer].fields[b].type'],
    ]);
  });

  it('reports names, relations and constraints together, as one stage', () => {
    const problems = problemsOf({
      entities: [
        entity('customer', 'Customer', [
          { key: 'select', name: 'select', type: 'text' },
          { key: 'region', name: 'region', type: 'reference', target: 'region' },
          { key: 'orders', name: 'orders', type: 'oneToMany', target: 'customer', inverseOf: 'region', indexed: true },
        ]),
      ],
    });
    expect(problems.map((p) => p.code)).toEqual(['field.reserved-name', 'relation.dangling', 'relation.inverse-mismatch', 'field.constraint-without-column']);
  });

  it('skips later stages while an earlier one has problems, so one mistake is not reported as a cascade', () => {
    // Shape problems stop everything: the dangling target is not reported yet.
    expect(problemsOf({ entities: [entity('customer', 'Customer', [{ key: 'region', name: 'region', type: 'reference', target: 'region' }]), { kind: 'entity' }] }).every((p) => p.code.startsWith('document.'))).toBe(true);
    // A type problem stops names: "select" is not reported yet.
    expect(problemsOf({ entities: [entity('customer', 'Customer', [{ key: 'select', name: 'select', type: 'text' }, { key: 'b', name: 'b', type: 'nope' }])] }).map((p) => p.code)).toEqual(['field.unknown-type']);
    // A name problem stops formulas.
    expect(problemsOf({ entities: [entity('customer', 'Customer', [{ key: 'select', name: 'select', type: 'text' }, { key: 'f', name: 'f', type: 'formula', expression: 'nope + 1' }])] }).map((p) => p.code)).toEqual(['field.reserved-name']);
  });

  it('gives every problem a code, a path and a message', () => {
    const problems = problemsOf({ entities: [entity('customer', 'customer', [{ key: 'Bad', name: '', type: 1 }])] });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.code).toMatch(/^[a-z]+\.[a-z_-]+$/);
      expect(typeof p.path).toBe('string');
      expect(p.message).not.toBe('');
    }
  });
});

describe('compileModel: never throws', () => {
  it('returns problems for inputs that are not metadata sets at all', () => {
    const inputs: unknown[] = [
      null, undefined, 0, 42, NaN, '', 'entities', true, [], [{}], {}, { entities: null }, { entities: {} }, { entities: [null] },
      { entities: [42, 'x', []] }, { entities: [{ kind: 'entity', key: 'a', name: 'A', fields: [null, 1, 'x', [], {}] }] },
      { entities: [{ kind: 'entity', key: 'a', name: 'A', fields: [{ key: 'b', name: 'b', type: 'reference', target: { deep: [{ deeper: null }] } }] }] },
      { entities: [{ kind: 'entity', key: 'a', name: 'A', fields: [], indexes: [{ key: 'i', fields: [] }] }] },
      Object.create(null), new Date(0), () => 1, Symbol('x'),
    ];
    for (const input of inputs) {
      const result = compileModel(input, registry);
      expect(result.ok, String(typeof input === 'symbol' ? 'symbol' : JSON.stringify(input))).toBe(false);
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('survives random damage to a valid model (seeded fuzz)', () => {
    const random = mulberry32(20261125);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const words = ['entities', 'fields', 'key', 'name', 'type', 'target', 'inverseOf', 'options', 'value', 'expression', 'pattern', 'indexes', 'titleField', 'default', 'customer', 'order', 'Customer', 'reference', 'oneToMany', 'formula', 'autonumber', 'picklist', '__proto__', 'constructor', 'owner_id'];
    const junk = (depth: number): unknown => {
      switch (Math.floor(random() * 9)) {
        case 0: return null;
        case 1: return pick([0, -1, 1.5, NaN, Infinity, 2 ** 31]);
        case 2: return pick(words);
        case 3: return pick(['', '{', '{seq:99}', '\u0000', '\ud800', 'unitPrice *', 'if(', 'Asia/Nowhere', 'x'.repeat(300)]);
        case 4: return random() < 0.5;
        case 5: return depth > 3 ? [] : [junk(depth + 1), junk(depth + 1)];
        default: return depth > 3 ? {} : { [pick(words)]: junk(depth + 1), [pick(words)]: junk(depth + 1) };
      }
    };
    const damage = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length === 0) return;
      const key = pick(keys);
      if (random() < 0.3) record[key] = junk(0);
      else damage(record[key]);
    };
    let compiled = 0;
    for (let run = 0; run < 1000; run++) {
      const input = crmSet();
      for (let hits = 1 + Math.floor(random() * 3); hits > 0; hits--) damage(input);
      const result = compileModel(input, registry);
      if (result.ok) compiled++;
      else expect(result.problems.length).toBeGreaterThan(0);
    }
    // Some damage is harmless (a label changed to another word): those still compile.
    expect(compiled).toBeGreaterThan(0);
  });

  it('does not throw on a BigInt default that the integer type accepts', () => {
    const input = { entities: [{ kind: 'entity', key: 'tariff', name: 'Tariff', fields: [{ key: 'months', name: 'months', type: 'integer', default: 12n }] }] };
    expect(compileModel({ entities: [{ ...input.entities[0]!, fields: [{ key: 'months', name: 'months', type: 'integer', default: 12 }] }] }, registry).ok).toBe(true);
    expect(() => compileModel(input, registry)).not.toThrow();
  });
});

/** Small seeded PRNG (mulberry32), so a failing fuzz run can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
