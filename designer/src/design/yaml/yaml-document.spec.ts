import { describe, expect, it } from 'vitest';
import { documentYaml, parseDocumentYaml } from './yaml-document.js';

describe('a document as YAML', () => {
  it('reads back exactly the document it was written from, Chinese labels included', () => {
    const form = { kind: 'form', key: 'customer_main', entity: 'customer', label: { en: 'Customer', 'zh-CN': '客户资料' }, tabs: [{ key: 'profile', sections: [{ key: 'identity', columns: 2, fields: [{ field: 'name', visible: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }] } }] }] }] };
    const text = documentYaml(form);
    expect(text).toContain('zh-CN: 客户资料');
    expect(parseDocumentYaml(text)).toEqual({ ok: true, document: form });
  });

  it('says where text is not YAML', () => {
    const result = parseDocumentYaml('key: a\n  bad: [unclosed');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/line/i);
  });
});

describe('the YAML\'s reading order', () => {
  it('puts kind, key and what the document belongs to first, whatever order the platform stored', () => {
    expect(documentYaml({ columns: ['name'], entity: 'customer', key: 'mine', kind: 'view' }).split('\n').slice(0, 3)).toEqual(['kind: view', 'key: mine', 'entity: customer']);
  });
});
