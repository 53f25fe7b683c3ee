import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { defineFieldType } from './field-type.js';
import { decodeUuid } from './uuid-codec.js';

const referenceSettingsSchema = z.strictObject({
  /** Key of the entity pointed at. */
  target: keySchema,
  /** What deleting the target record does to records pointing at it. */
  onDelete: z.enum(['restrict', 'setNull', 'cascade']).default('restrict'),
});

export type ReferenceSettings = z.output<typeof referenceSettingsSchema>;

/** Many-to-one: the id of one record of `target` (an order's customer). */
export const referenceFieldType = defineFieldType<ReferenceSettings>({
  name: 'reference',
  settings: referenceSettingsSchema,
  relation: 'reference',
  storage: () => ({ kind: 'uuid' }),
  scalar: 'ID',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'isNull'],
  // Ordering by an id means nothing to a person; lists sort by the target's title instead.
  sortable: false,
  widget: 'lookup',
  formulaType: null,
  decode: (input) => decodeUuid(input),
  validate: (value) => {
    const decoded = decodeUuid(value);
    return decoded.ok ? null : { message: decoded.message };
  },
});
