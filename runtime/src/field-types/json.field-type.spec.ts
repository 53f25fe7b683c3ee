import { describe, expect, it } from 'vitest';
import { jsonFieldType } from './json.field-type.js';

describe('json', () => {
  it('accepts JSON values and returns a detached copy', () => {
    const input = { plan: '5G畅享', fees: [128, 0.5], flags: { roaming: true, note: null } };
    const decoded = jsonFieldType.decode(input, {});
    expect(decoded).toEqual({ ok: true, value: input });
    input.fees.push(1);
    expect((decoded as { value: { fees: number[] } }).value.fees).toEqual([128, 0.5]);
  });

  it('keeps a "__proto__" key as data', () => {
    const decoded = jsonFieldType.decode(JSON.parse('{"__proto__": {"polluted": true}}'), {});
    expect(decoded.ok).toBe(true);
    const value = (decoded as { value: object }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true}}');
  });

  it('says where a value is not JSON', () => {
    expect(jsonFieldType.decode({ a: [1, Number.NaN] }, {})).toEqual({ ok: false, message: 'value.a[1] is NaN; JSON has no NaN or Infinity' });
    expect(jsonFieldType.decode({ a: undefined }, {})).toEqual({ ok: false, message: 'value.a is undefined, which JSON cannot hold' });
    expect(jsonFieldType.decode({ f: () => 1 }, {})).toEqual({ ok: false, message: 'value.f is a function, which JSON cannot hold' });
    expect(jsonFieldType.decode({ at: new Date(0) }, {})).toMatchObject({ ok: false, message: 'value.at is a Date, not a plain object', hint: expect.stringContaining('ISO text') });
    expect(jsonFieldType.decode({ m: new Map() }, {})).toMatchObject({ ok: false, message: 'value.m is a Map, not a plain object' });
    // eslint-disable-next-line no-sparse-arrays -- a sparse array is exactly the input under test
    expect(jsonFieldType.decode([1, , 3], {})).toEqual({ ok: false, message: 'value[1] is an empty slot' });
    expect(jsonFieldType.decode({ s: 'a\u0000' }, {})).toMatchObject({ ok: false, message: expect.stringContaining('value.s contains a NUL') });
  });

  it('refuses cycles but accepts the same object twice', () => {
    const shared = { x: 1 };
    expect(jsonFieldType.decode({ a: shared, b: shared }, {})).toEqual({ ok: true, value: { a: { x: 1 }, b: { x: 1 } } });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(jsonFieldType.decode(cyclic, {})).toEqual({ ok: false, message: 'value.self contains itself (a cycle)' });
  });

  it('is jsonb storage, filterable by isNull only', () => {
    expect(jsonFieldType.storage({})).toEqual({ kind: 'json' });
    expect(jsonFieldType.filterOperators).toEqual(['isNull']);
    expect(jsonFieldType.settings.safeParse({ schema: {} }).success).toBe(false);
  });
});
