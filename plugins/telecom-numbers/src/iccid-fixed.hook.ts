import type { RecordHook } from '@lattice/plugin-api';
import { iccidFieldType } from './iccid.field-type.js';

/**
 * `iccid-fixed`: an ICCID is printed on the card, so a record's ICCID never
 * changes once stored; a replacement card (补卡) is a new card with its own
 * number. Refuses an update that changes any ICCID field of any entity, at
 * that field, before anything is stored.
 */
export const iccidFixedHook: RecordHook = {
  key: 'iccid-fixed',
  entity: '*',
  verbs: ['update'],
  step: 'beforePersist',
  run({ entity, stored, record }) {
    return entity.fields
      .filter((field) => field.typeName === iccidFieldType.name)
      .filter((field) => stored?.[field.name] != null && record[field.name] !== stored[field.name])
      .map((field) => ({
        code: 'iccid.fixed',
        path: field.name,
        message: `The ICCID of a SIM card cannot change (it is printed on the card): register the replacement card as a new ${entity.name} instead`,
      }));
  },
};
