import { describe, expect, it } from 'vitest';
import { compileModel, createBuiltinRegistry } from '@lattice/runtime';
import { loadEntityDocuments } from './testing/entity-documents.js';

/**
 * The example's metadata passes the runtime's own checks (the ones publish
 * runs), and holds to the example's conventions: both languages everywhere,
 * autonumbers counted in Beijing time.
 */
const entries = loadEntityDocuments();

describe('metadata/entities', () => {
  it('holds the seven core entities, monthly usage, work orders, complaints and group tariffs, one per file named after its key', () => {
    expect(entries.map(({ document }) => document.key).sort()).toEqual(['account', 'complaint', 'contact', 'customer', 'group_tariff', 'order', 'order_item', 'product', 'subscription', 'usage_summary', 'work_order']);
    for (const { file, document } of entries) expect(file).toBe(`${document.key}.yaml`);
  });

  it('compiles with no problems', () => {
    const result = compileModel({ entities: entries.map(({ document }) => document) }, createBuiltinRegistry());
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('labels every entity, field and option in English and Chinese', () => {
    for (const { document: entity } of entries) {
      expect(labelled(entity.label) && labelled(entity.pluralLabel), entity.key).toBe(true);
      for (const field of entity.fields) {
        expect(labelled(field.label), `${entity.key}.${field.key}`).toBe(true);
        for (const option of field.options ?? []) expect(labelled(option.label), `${entity.key}.${field.key}: ${option.value}`).toBe(true);
      }
    }
  });

  it('declares unique autonumbers in Beijing time', () => {
    const autonumbers = entries.flatMap(({ document }) => document.fields.filter((f) => f.type === 'autonumber'));
    expect(autonumbers.length).toBeGreaterThanOrEqual(3);
    for (const field of autonumbers) expect([field.timeZone, field.unique]).toEqual(['Asia/Shanghai', true]);
  });
});

/** `{ en, zh-CN }`, every text a non-empty string (an unquoted comma in YAML flow style would split a text into keys). */
function labelled(label: unknown): boolean {
  if (typeof label !== 'object' || label === null) return false;
  const texts = Object.entries(label);
  return texts.every(([, text]) => typeof text === 'string' && text !== '') && 'en' in label && 'zh-CN' in label;
}
