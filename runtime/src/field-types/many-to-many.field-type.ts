import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { defineFieldType } from './field-type.js';
import { decodeUuidList } from './uuid-codec.js';

const manyToManySettingsSchema = z.strictObject({
  /** Key of the entity on the other side; the platform owns the join table. */
  target: keySchema,
});

export type ManyToManySettings = z.output<typeof manyToManySettingsSchema>;

/** Links to any number of `target` records (a package's eligible regions). Canonical value: ids, each once, in input order. */
export const manyToManyFieldType = defineFieldType<ManyToManySettings>({
  name: 'manyToMany',
  settings: manyToManySettingsSchema,
  relation: 'manyToMany',
  storage: () => null,
  scalar: 'ID',
  list: true,
  filterOperators: [],
  sortable: false,
  widget: 'multi-lookup',
  formulaType: null,
  decode: (input) => decodeUuidList(input),
  validate: (value) => {
    const decoded = decodeUuidList(value);
    return decoded.ok ? null : { message: decoded.message };
  },
});
