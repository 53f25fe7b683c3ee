import { describe, expect, it } from 'vitest';
import { autonumberFieldType } from './autonumber.field-type.js';
import { formulaFieldType } from './formula.field-type.js';

const context = { path: 'entities[order].fields[number]' };

describe('autonumber', () => {
  it('defaults the zone to UTC and stores varchar(64), read-only', () => {
    const settings = autonumberFieldType.settings.parse({ pattern: 'ORD-{YYYYMMDD}-{seq:6}' });
    expect(settings).toEqual({ pattern: 'ORD-{YYYYMMDD}-{seq:6}', timeZone: 'UTC' });
    expect(autonumberFieldType.storage(settings)).toEqual({ kind: 'string', length: 64 });
    expect(autonumberFieldType.readOnly).toBe(true);
    expect(autonumberFieldType.checkSettings?.(settings, context)).toEqual([]);
  });

  it('reports pattern problems at the pattern and zone problems at the time zone', () => {
    const settings = autonumberFieldType.settings.parse({ pattern: 'ORD-{YYYYMMDD}', timeZone: 'Asia/Beijing' });
    const problems = autonumberFieldType.checkSettings?.(settings, context) ?? [];
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['autonumber.missing-seq', 'entities[order].fields[number].pattern'],
      ['autonumber.invalid-time-zone', 'entities[order].fields[number].timeZone'],
    ]);
  });

  it('refuses patterns whose numbers would not fit the column', () => {
    const settings = autonumberFieldType.settings.parse({ pattern: `${'A'.repeat(50)}-{YYYYMMDD}-{seq:6}` });
    expect(autonumberFieldType.checkSettings?.(settings, context)).toEqual([
      expect.objectContaining({ code: 'autonumber.too-long', message: expect.stringContaining('are 66 characters long; at most 64 fit') }),
    ]);
  });

  it('imports numbers issued elsewhere as text', () => {
    const settings = autonumberFieldType.settings.parse({ pattern: '{seq:6}' });
    expect(autonumberFieldType.decode('GD-2019-000123', settings)).toEqual({ ok: true, value: 'GD-2019-000123' });
    expect(autonumberFieldType.decode(123, settings)).toMatchObject({ ok: false, message: expect.stringContaining('got the number 123') });
  });
});

describe('formula', () => {
  it('has no storage of its own and cannot be written', () => {
    const settings = formulaFieldType.settings.parse({ expression: 'unitPrice * quantity' });
    expect(formulaFieldType.storage(settings)).toBeNull();
    expect(formulaFieldType.readOnly).toBe(true);
    expect(formulaFieldType.formulaType).toBeNull();
    expect(formulaFieldType.decode('1', settings)).toMatchObject({ ok: false, message: expect.stringContaining('computed from its expression') });
    expect(formulaFieldType.settings.safeParse({ expression: '' }).success).toBe(false);
  });
});
