import { z } from 'zod';
import { defineFieldType } from './field-type.js';
import { decodeUuid } from './uuid-codec.js';

const uuidSettingsSchema = z.strictObject({});

export type UuidSettings = z.output<typeof uuidSettingsSchema>;

/** Bare identifiers: platform system columns (owner, org unit, created by) and ids from other systems. */
export const uuidFieldType = defineFieldType<UuidSettings>({
  name: 'uuid',
  settings: uuidSettingsSchema,
  storage: () => ({ kind: 'uuid' }),
  scalar: 'ID',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'isNull'],
  sortable: true,
  widget: 'input',
  formulaType: null,
  decode: (input) => decodeUuid(input),
  validate: (value) => {
    const decoded = decodeUuid(value);
    return decoded.ok ? null : { message: decoded.message };
  },
});
