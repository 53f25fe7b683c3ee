import { describe, expect, it } from 'vitest';
import { manyToManyFieldType } from './many-to-many.field-type.js';
import { oneToManyFieldType } from './one-to-many.field-type.js';
import { referenceFieldType } from './reference.field-type.js';
import { uuidFieldType } from './uuid.field-type.js';

const ID = '0b7e6a52-3c1f-4d2e-9a8b-1f2e3d4c5b6a';

describe('reference', () => {
  const settings = referenceFieldType.settings.parse({ target: 'customer' });

  it('needs a target entity key and defaults onDelete to restrict', () => {
    expect(settings).toEqual({ target: 'customer', onDelete: 'restrict' });
    expect(referenceFieldType.settings.safeParse({}).success).toBe(false);
    expect(referenceFieldType.settings.safeParse({ target: 'customer', onDelete: 'ignore' }).success).toBe(false);
    expect(referenceFieldType.storage(settings)).toEqual({ kind: 'uuid' });
    expect(referenceFieldType.relation).toBe('reference');
  });

  it('accepts any UUID version in any case, stored lower-case', () => {
    expect(referenceFieldType.decode(ID.toUpperCase(), settings)).toEqual({ ok: true, value: ID });
    expect(referenceFieldType.decode('01890a5d-ac96-774b-bcce-b302099a8057', settings)).toEqual({ ok: true, value: '01890a5d-ac96-774b-bcce-b302099a8057' });
  });

  it('refuses other ids, with a hint for the undashed form', () => {
    expect(referenceFieldType.decode('42', settings)).toEqual({ ok: false, message: 'expected a UUID like 0b7e6a52-3c1f-4d2e-9a8b-1f2e3d4c5b6a, got "42"' });
    expect(referenceFieldType.decode(ID.replace(/-/g, ''), settings)).toMatchObject({ ok: false, hint: 'add the dashes: 8-4-4-4-12 hex digits' });
  });
});

describe('oneToMany', () => {
  const settings = oneToManyFieldType.settings.parse({ target: 'order', inverseOf: 'customer' });

  it('has no column, is a read-only list and cannot be written', () => {
    expect(oneToManyFieldType.storage(settings)).toBeNull();
    expect(oneToManyFieldType).toMatchObject({ list: true, readOnly: true, relation: 'oneToMany', filterOperators: [], sortable: false, widget: 'related-list' });
    expect(oneToManyFieldType.decode([ID], settings)).toMatchObject({ ok: false, hint: 'set the field "customer" on each order record instead' });
  });

  it('needs both target and inverseOf', () => {
    expect(oneToManyFieldType.settings.safeParse({ target: 'order' }).success).toBe(false);
  });
});

describe('manyToMany', () => {
  const settings = manyToManyFieldType.settings.parse({ target: 'region' });

  it('decodes a list of ids, each once, in input order', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect(manyToManyFieldType.decode([other, ID.toUpperCase(), ID], settings)).toEqual({ ok: true, value: [other, ID] });
    expect(manyToManyFieldType.storage(settings)).toBeNull();
  });

  it('names the bad item', () => {
    expect(manyToManyFieldType.decode([ID, 'gd'], settings)).toMatchObject({ ok: false, message: expect.stringContaining('item 2: expected a UUID') });
    expect(manyToManyFieldType.decode(ID, settings)).toMatchObject({ ok: false, message: expect.stringContaining('expected a list of record ids') });
  });
});

describe('uuid', () => {
  it('is an ID column for system and external identifiers', () => {
    expect(uuidFieldType.storage({})).toEqual({ kind: 'uuid' });
    expect(uuidFieldType.scalar).toBe('ID');
    expect(uuidFieldType.decode(ID.toUpperCase(), {})).toEqual({ ok: true, value: ID });
    expect(uuidFieldType.validate('not-a-uuid', {})).toMatchObject({ message: expect.stringContaining('"not-a-uuid"') });
  });
});
