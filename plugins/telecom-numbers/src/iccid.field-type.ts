import { z } from 'zod';
import type { FieldTypeDefinition } from '@lattice/plugin-api';
import { readIccid } from './iccid.js';

const iccidSettings = z.strictObject({});

export type IccidSettings = z.output<typeof iccidSettings>;

/** The longest ICCID E.118 allows with its check digit. */
const MAX_LENGTH = 20;

/**
 * `iccid`: a SIM card's number (ICCID). Stored canonical (digits only) in a
 * short string column, so that search and uniqueness ignore how it was
 * typed; a wrong check digit is refused with the digit it should be.
 */
export const iccidFieldType: FieldTypeDefinition<IccidSettings> = {
  name: 'iccid',
  settings: iccidSettings,
  storage: () => ({ kind: 'string', length: MAX_LENGTH }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'notIn', 'startsWith', 'isNull'],
  sortable: true,
  widget: 'text',
  formulaType: 'text',
  decode(input) {
    if (typeof input !== 'string') {
      return { ok: false, message: `expected an ICCID like "8986 0012 3456 7890 1238", got ${input === null ? 'null' : typeof input}`, hint: 'send ICCIDs as text: they are longer than a JSON number keeps exactly' };
    }
    const reading = readIccid(input);
    return reading.ok ? { ok: true, value: reading.iccid } : reading;
  },
  validate(value) {
    if (typeof value !== 'string') return { message: `expected an ICCID, got ${typeof value}` };
    const reading = readIccid(value);
    return reading.ok ? null : reading;
  },
};
