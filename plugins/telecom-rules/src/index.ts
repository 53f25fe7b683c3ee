import type { LatticePlugin } from '@lattice/plugin-api';
import { mobileSegmentIn } from './mobile-segment.operator.js';

export { mobileSegmentIn, mobileSegmentOf } from './mobile-segment.operator.js';

/** Rule operators for telecom tariffs and checks; add it to `startPlatform`'s plugins. */
export const telecomRules: LatticePlugin = { key: 'telecom-rules', apiVersion: '1.0.0', ruleOperators: [mobileSegmentIn] };

export default telecomRules;
