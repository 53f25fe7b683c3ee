import { describe, expect, it } from 'vitest';
import { read } from './testing/read-value.js';
import { longTextFieldType } from './long-text.field-type.js';
import { textFieldType } from './text.field-type.js';

describe('text', () => {
  it('keeps strings exactly as given, spaces included', () => {
    expect(read(textFieldType, '  张三 ')).toEqual({ ok: true, value: '  张三 ' });
  });

  it('refuses non-strings and says what it got', () => {
    const result = read(textFieldType, 42);
    expect(result).toMatchObject({ ok: false, message: 'expected text, got the number 42', hint: 'send it as text: "42"' });
    expect(read(textFieldType, true)).toMatchObject({ ok: false, message: 'expected text, got the boolean true' });
  });

  it('counts characters, not UTF-16 units: Chinese and emoji are one each', () => {
    const settings = { maxLength: 4 };
    expect(read(textFieldType, '中国移动', settings)).toEqual({ ok: true, value: '中国移动' });
    expect(read(textFieldType, '𠀀𠀀𠀀𠀀', settings)).toMatchObject({ ok: true });
    expect(read(textFieldType, '中国移动公司', settings)).toMatchObject({
      ok: false,
      message: '"中国移动公司" is 6 characters long; at most 4 allowed',
    });
  });

  it('defaults to 255 characters and stores varchar of maxLength', () => {
    const settings = textFieldType.settings.parse({});
    expect(settings.maxLength).toBe(255);
    expect(textFieldType.storage(settings)).toEqual({ kind: 'string', length: 255 });
    expect(read(textFieldType, 'x'.repeat(256))).toMatchObject({ ok: false, message: expect.stringContaining('256 characters long; at most 255') });
  });

  it('applies minLength and an unanchored pattern', () => {
    expect(read(textFieldType, 'ab', { minLength: 3 })).toMatchObject({ ok: false, message: '"ab" is 2 characters long; at least 3 required' });
    const pattern = { pattern: '^[A-Z]{2}\\d{4}$' };
    expect(read(textFieldType, 'GD1234', pattern)).toEqual({ ok: true, value: 'GD1234' });
    expect(read(textFieldType, 'gd1234', pattern)).toMatchObject({ ok: false, message: '"gd1234" does not match the pattern ^[A-Z]{2}\\d{4}$' });
  });

  it('refuses characters Postgres cannot store', () => {
    expect(read(textFieldType, 'a\u0000b')).toMatchObject({ ok: false, message: expect.stringContaining('NUL character') });
    expect(read(textFieldType, 'a\uD800b')).toMatchObject({ ok: false, message: expect.stringContaining('unpaired UTF-16 surrogate') });
  });

  it('reports unknown settings, bad lengths and a pattern that does not compile', () => {
    expect(textFieldType.settings.safeParse({ maxLenght: 10 }).success).toBe(false);
    expect(textFieldType.settings.safeParse({ maxLength: 10001 }).success).toBe(false);
    const context = { path: 'entities[customer].fields[code]' };
    expect(textFieldType.checkSettings?.(textFieldType.settings.parse({ pattern: '[A-Z' }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-pattern', path: 'entities[customer].fields[code].pattern' }),
    ]);
    expect(textFieldType.checkSettings?.(textFieldType.settings.parse({ minLength: 20, maxLength: 10 }), context)).toEqual([
      expect.objectContaining({ code: 'field.invalid-range', path: 'entities[customer].fields[code].minLength' }),
    ]);
    expect(textFieldType.checkSettings?.(textFieldType.settings.parse({ pattern: '^\\d+$' }), context)).toEqual([]);
  });
});

describe('longText', () => {
  it('is unbounded text unless maxLength is set, and not sortable', () => {
    const settings = longTextFieldType.settings.parse({});
    expect(longTextFieldType.storage(settings)).toEqual({ kind: 'text' });
    expect(longTextFieldType.sortable).toBe(false);
    expect(read(longTextFieldType, '备注'.repeat(10_000))).toMatchObject({ ok: true });
    expect(read(longTextFieldType, '备注备注', { maxLength: 3 })).toMatchObject({ ok: false, message: '"备注备注" is 4 characters long; at most 3 allowed' });
  });
});
