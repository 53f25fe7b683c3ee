import { describe, expect, it } from 'vitest';
import { read } from './testing/read-value.js';
import { multiPicklistFieldType } from './multi-picklist.field-type.js';
import { picklistFieldType } from './picklist.field-type.js';

const segments = {
  options: [
    { value: 'public', label: { en: 'Public', 'zh-CN': '公众客户' } },
    { value: 'business', label: '政企客户' },
    { value: 'big' },
    { value: 'group' },
    { value: 'legacy_vip', deprecated: true },
  ],
};

describe('picklist', () => {
  it('accepts option values, deprecated ones included (stored records stay valid)', () => {
    expect(read(picklistFieldType, 'business', segments)).toEqual({ ok: true, value: 'business' });
    expect(read(picklistFieldType, 'legacy_vip', segments)).toEqual({ ok: true, value: 'legacy_vip' });
  });

  it('names the value and lists the options still offered', () => {
    expect(read(picklistFieldType, 'vip', segments)).toEqual({ ok: false, message: '"vip" is not an option; allowed: public, business, big, group' });
  });

  it('hints at the value when a label or another case was sent', () => {
    expect(read(picklistFieldType, '政企客户', segments)).toMatchObject({ ok: false, hint: 'did you mean "business"?' });
    expect(read(picklistFieldType, 'Public', segments)).toMatchObject({ ok: false, hint: 'did you mean "public"?' });
    expect(read(picklistFieldType, 3, segments)).toMatchObject({ ok: false, message: 'expected an option value (text), got the number 3' });
  });

  it('checks option settings: values, at least one, no duplicates', () => {
    expect(picklistFieldType.settings.safeParse({ options: [] }).success).toBe(false);
    expect(picklistFieldType.settings.safeParse({ options: [{ value: 'has space' }] }).success).toBe(false);
    expect(picklistFieldType.settings.safeParse({ options: [{ value: 'a', colour: 'red' }] }).success).toBe(false);
    const settings = picklistFieldType.settings.parse({ options: [{ value: 'a' }, { value: 'b' }, { value: 'a' }, { value: 'a' }] });
    expect(picklistFieldType.checkSettings?.(settings, { path: 'entities[customer].fields[segment]' })).toEqual([
      expect.objectContaining({ code: 'field.duplicate-option', path: 'entities[customer].fields[segment].options[a]' }),
    ]);
  });
});

describe('multiPicklist', () => {
  it('keeps input order and drops repeats', () => {
    expect(read(multiPicklistFieldType, ['group', 'public', 'group'], segments)).toEqual({ ok: true, value: ['group', 'public'] });
    expect(read(multiPicklistFieldType, [], segments)).toEqual({ ok: true, value: [] });
  });

  it('refuses a bare string, non-string items and unknown values', () => {
    expect(read(multiPicklistFieldType, 'public', segments)).toMatchObject({ ok: false, hint: 'send a list, e.g. ["public"]' });
    expect(read(multiPicklistFieldType, ['public', 2], segments)).toMatchObject({ ok: false, message: 'item 2 is the number 2; expected an option value (text)' });
    expect(read(multiPicklistFieldType, ['public', 'vip'], segments)).toMatchObject({ ok: false, message: '"vip" is not an option; allowed: public, business, big, group' });
  });

  it('is a list stored as a string array and offers list operators only', () => {
    expect(multiPicklistFieldType.list).toBe(true);
    expect(multiPicklistFieldType.storage(multiPicklistFieldType.settings.parse(segments))).toEqual({ kind: 'string-array', length: 64 });
    expect(multiPicklistFieldType.filterOperators).toEqual(['hasAny', 'hasAll', 'isNull']);
  });
});
