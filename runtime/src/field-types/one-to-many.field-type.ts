import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { defineFieldType } from './field-type.js';

const oneToManySettingsSchema = z.strictObject({
  /** Key of the entity whose records are listed. */
  target: keySchema,
  /** Key of the reference field on `target` that points back at this entity. */
  inverseOf: keySchema,
});

export type OneToManySettings = z.output<typeof oneToManySettingsSchema>;

/**
 * The inverse side of a reference (a customer's orders). No column: the
 * list is the target records whose `inverseOf` field holds this record's id,
 * so it is changed by editing those records, never written here.
 */
export const oneToManyFieldType = defineFieldType<OneToManySettings>({
  name: 'oneToMany',
  settings: oneToManySettingsSchema,
  relation: 'oneToMany',
  storage: () => null,
  scalar: 'ID',
  list: true,
  filterOperators: [],
  sortable: false,
  readOnly: true,
  widget: 'related-list',
  formulaType: null,
  decode: (_input, settings) => ({
    ok: false,
    message: 'this list of related records cannot be written',
    hint: `set the field "${settings.inverseOf}" on each ${settings.target} record instead`,
  }),
  validate: () => null,
});
