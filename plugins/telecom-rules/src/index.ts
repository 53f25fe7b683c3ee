import { definePlugin } from '@lattice/runtime';
import { mobileSegmentIn } from './mobile-segment.operator.js';

export { mobileSegmentIn, mobileSegmentOf } from './mobile-segment.operator.js';

/** Rule operators for telecom tariffs and checks; add it to `startPlatform`'s plugins. */
export const telecomRules = definePlugin({ key: 'telecom-rules', ruleOperators: [mobileSegmentIn] });

export default telecomRules;
