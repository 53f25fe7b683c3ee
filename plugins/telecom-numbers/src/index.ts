import type { LatticePlugin } from '@lattice/plugin-api';
import { iccidFieldType } from './iccid.field-type.js';
import { simIssuerFact } from './sim-issuer.fact.js';
import { iccidFixedHook } from './iccid-fixed.hook.js';
import { replaceSimCardGraphql } from './replace-sim-card.graphql.js';

export { iccidFieldType } from './iccid.field-type.js';
export { iccidFixedHook } from './iccid-fixed.hook.js';
export { readIccid } from './iccid.js';
export { LINE_ENTITY, LINE_ICCID_FIELD, replaceSimCardGraphql } from './replace-sim-card.graphql.js';
export { simIssuerFact } from './sim-issuer.fact.js';

/** Telecom numbers: the `iccid` field type, the `simIssuer` fact, the `iccid-fixed` record hook and the `replaceSimCard` mutation; add it with `lattice serve --plugin @lattice/plugin-telecom-numbers`. */
export const telecomNumbers: LatticePlugin = {
  key: 'telecom-numbers',
  apiVersion: '1.1.0',
  fieldTypes: [iccidFieldType],
  facts: [simIssuerFact],
  hooks: [iccidFixedHook],
  graphql: replaceSimCardGraphql,
};

export default telecomNumbers;
