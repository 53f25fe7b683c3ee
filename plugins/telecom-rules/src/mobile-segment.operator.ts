import type { RuleOperator, ValueShape } from '@lattice/plugin-api';

/** A mainland mobile number, with or without the country code: 11 digits starting with 1. */
const MOBILE = /^(?:\+?86)?(1[3-9][0-9]{9})$/;
const SEGMENT = /^1[3-9][0-9]$/;

/** The number's segment (号段, its first three digits), or undefined when it is not a mainland mobile number. */
export function mobileSegmentOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return MOBILE.exec(value.replace(/[\s-]/g, ''))?.[1]?.slice(0, 3);
}

/**
 * `mobileSegmentIn`: the fact is a mobile number whose segment is one of
 * the listed ones (`["191", "193", "199"]`), e.g. a promotion for the
 * operator's new 5G segments. Not a mobile number (a landline, nothing):
 * false, like json-rules-engine's own operators on a fact they cannot read.
 */
export const mobileSegmentIn: RuleOperator = {
  name: 'mobileSegmentIn',
  validateFact: (fact) => typeof fact === 'string',
  evaluate: (fact: string, value: unknown) => {
    const segment = mobileSegmentOf(fact);
    return segment !== undefined && Array.isArray(value) && value.includes(segment);
  },
  checkTypes: (fact: ValueShape, value: ValueShape) => {
    if (fact.kind !== 'text' && fact.kind !== 'unknown') return `mobileSegmentIn reads a mobile number (text), not ${fact.kind}`;
    if (value.kind !== 'list') return 'mobileSegmentIn needs a list of segments, such as ["191", "193"]';
    const bad = value.of.find((item) => item.kind !== 'text' || typeof item.literal !== 'string' || !SEGMENT.test(item.literal));
    return bad ? `a segment is three digits starting 13–19 (got ${JSON.stringify(bad.kind === 'text' ? bad.literal : bad.kind)})` : null;
  },
};
