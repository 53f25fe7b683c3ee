import { z } from 'zod';
import { parseAutonumberPattern } from '../autonumber/parse-autonumber-pattern.js';
import { problem, type Problem } from '../problems/problem.js';
import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';

const autonumberSettingsSchema = z.strictObject({
  /** e.g. ORD-{YYYYMMDD}-{seq:6}; see autonumber/parse-autonumber-pattern.ts. */
  pattern: z.string().min(1),
  /** IANA zone in which the date parts and the reset period are read. */
  timeZone: z.string().min(1).default('UTC'),
});

export type AutonumberSettings = z.output<typeof autonumberSettingsSchema>;

const MAX_LENGTH = 64;

const DATE_WIDTH = { YYYYMMDD: 8, YYMMDD: 6, YYYYMM: 6, YYMM: 4, YYYY: 4, YY: 2 } as const;

/**
 * Pattern and zone problems come from parseAutonumberPattern unchanged (same
 * code, path and words as wherever else the pattern is parsed), plus the
 * one thing only the field knows: numbers must fit its 64-character column.
 */
function checkAutonumberSettings(settings: AutonumberSettings, path: string): Problem[] {
  const parsed = parseAutonumberPattern(settings.pattern, settings.timeZone, `${path}.pattern`);
  // The parser knows one path; a bad zone belongs to the timeZone setting.
  if (!parsed.ok) return parsed.problems.map((p) => (p.code === 'autonumber.invalid-time-zone' ? { ...p, path: `${path}.timeZone` } : p));
  const width = parsed.value.parts.reduce(
    (sum, part) => sum + (part.kind === 'literal' ? part.text.length : part.kind === 'seq' ? part.width : DATE_WIDTH[part.format]),
    0,
  );
  if (width <= MAX_LENGTH) return [];
  return [
    problem('autonumber.too-long', `${path}.pattern`, `numbers from ${JSON.stringify(settings.pattern)} are ${width} characters long; at most ${MAX_LENGTH} fit`, 'shorten the literal text or the {seq:N} width'),
  ];
}

/**
 * Numbers assigned by the platform when a record is created (order numbers).
 * Users never type them; decode accepts text only so that numbers issued by
 * a previous system can be imported as they are.
 */
export const autonumberFieldType = defineFieldType<AutonumberSettings>({
  name: 'autonumber',
  settings: autonumberSettingsSchema,
  storage: () => ({ kind: 'string', length: MAX_LENGTH }),
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'in', 'contains', 'startsWith', 'isNull'],
  sortable: true,
  readOnly: true,
  widget: 'autonumber',
  formulaType: 'text',
  decode(input) {
    if (typeof input === 'string' && input !== '' && input.length <= MAX_LENGTH) return { ok: true, value: input };
    return { ok: false, message: `expected a number as text of 1 to ${MAX_LENGTH} characters, got ${describeValue(input)}` };
  },
  validate: (value) => (typeof value === 'string' ? null : { message: `expected text, got ${describeValue(value)}` }),
  checkSettings: (settings, context) => checkAutonumberSettings(settings, context.path),
});
