import type { LatticePlugin } from '@lattice/plugin-api';
import { iccidFieldType } from './iccid.field-type.js';
import { simIssuerFact } from './sim-issuer.fact.js';
import { iccidFixedHook } from './iccid-fixed.hook.js';

export { iccidFieldType } from './iccid.field-type.js';
export { iccidFixedHook } from './iccid-fixed.hook.js';
export { readIccid } from './iccid.js';
export { simIssuerFact } from './sim-issuer.fact.js';

/** Telecom numbers: the `iccid` field type, the `simIssuer` fact and the `iccid-fixed` record hook; add it with `lattice serve --plugin @lattice/plugin-telecom-numbers`. */
export const telecomNumbers: LatticePlugin = {
  key: 'telecom-numbers',
  apiVersion: '1.0.0',
  fieldTypes: [iccidFieldType],
  facts: [simIssuerFact],
  hooks: [iccidFixedHook],
};

export default telecomNumbers;
