import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import type { AutonumberPart, AutonumberPattern } from './autonumber-pattern.js';
import { isTimeZone } from './time-zone.js';

type DateFormat = Extract<AutonumberPart, { kind: 'date' }>['format'];

const DATE_FORMATS: Record<DateFormat, AutonumberPattern['resetPeriod']> = {
  YYYYMMDD: 'day',
  YYMMDD: 'day',
  YYYYMM: 'month',
  YYMM: 'month',
  YYYY: 'year',
  YY: 'year',
};

const PERIOD_RANK: Record<AutonumberPattern['resetPeriod'], number> = { never: 0, year: 1, month: 2, day: 3 };

const EXAMPLE = 'ORD-{YYYYMMDD}-{seq:6}';
const TOKENS = `{YYYYMMDD}, {YYMMDD}, {YYYYMM}, {YYMM}, {YYYY}, {YY} and {seq:N}`;
const LITERAL = /^[A-Za-z0-9\-_/.]$/;

/**
 * Reads a pattern such as `ORD-{YYYYMMDD}-{seq:6}`. Literal text is limited
 * to ASCII letters, digits and - _ / . because numbers are read aloud on the
 * phone, printed on receipts and sent to billing systems. Reports every
 * problem found, not only the first.
 */
export function parseAutonumberPattern(pattern: string, timeZone: string, path: string): Checked<AutonumberPattern> {
  const problems: Problem[] = [];
  const report = (code: string, message: string, hint = `e.g. ${EXAMPLE}`) => problems.push(problem(code, path, message, hint));
  const parts: AutonumberPart[] = [];
  let literal = '';
  let seqCount = 0;
  let resetPeriod: AutonumberPattern['resetPeriod'] = 'never';
  const invalidChars = new Set<string>();

  const flushLiteral = () => {
    if (literal !== '') parts.push({ kind: 'literal', text: literal });
    literal = '';
  };

  let index = 0;
  while (index < pattern.length) {
    const char = String.fromCodePoint(pattern.codePointAt(index) ?? 0);
    if (char === '}') {
      report('autonumber.unbalanced-braces', `pattern ${JSON.stringify(pattern)} has a } without a { before it (at character ${index + 1})`);
      index++;
      continue;
    }
    if (char !== '{') {
      if (!LITERAL.test(char)) invalidChars.add(char);
      literal += char;
      index += char.length;
      continue;
    }
    const close = pattern.indexOf('}', index);
    const nextOpen = pattern.indexOf('{', index + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      report('autonumber.unbalanced-braces', `pattern ${JSON.stringify(pattern)} has a { without a closing } (at character ${index + 1})`);
      index++;
      continue;
    }
    const token = pattern.slice(index + 1, close);
    index = close + 1;
    const seq = /^seq(?::(\d+))?$/.exec(token);
    if (seq !== null) {
      seqCount++;
      const width = Number(seq[1] ?? 0);
      if (width < 1 || width > 12) {
        report('autonumber.seq-width', `{${token}} needs a width from 1 to 12, written {seq:N}`, 'e.g. {seq:6} for 000001');
        continue;
      }
      flushLiteral();
      parts.push({ kind: 'seq', width });
      continue;
    }
    if (isDateFormat(token)) {
      const format = token;
      flushLiteral();
      parts.push({ kind: 'date', format });
      if (PERIOD_RANK[DATE_FORMATS[format]] > PERIOD_RANK[resetPeriod]) resetPeriod = DATE_FORMATS[format];
      continue;
    }
    report('autonumber.unknown-token', `{${token}} is not an autonumber token`, unknownTokenHint(token));
    if (/^seq/i.test(token)) seqCount++; // a misspelt {SEQ:6} is still the one sequence part
  }
  flushLiteral();

  if (invalidChars.size > 0) {
    const listed = [...invalidChars].map((char) => JSON.stringify(char)).join(', ');
    report('autonumber.invalid-character', `pattern ${JSON.stringify(pattern)} contains ${listed}; text outside braces may only be letters, digits and - _ / .`);
  }
  if (seqCount === 0) report('autonumber.missing-seq', `pattern ${JSON.stringify(pattern)} has no {seq:N}; every number needs one sequence part`);
  if (seqCount > 1) report('autonumber.multiple-seq', `pattern ${JSON.stringify(pattern)} has ${seqCount} sequence parts; exactly one is allowed`);
  if (!isTimeZone(timeZone)) {
    report('autonumber.invalid-time-zone', `${JSON.stringify(timeZone)} is not a time zone`, 'use an IANA name such as Asia/Shanghai or UTC');
  }
  if (problems.length > 0) return failed(problems);
  return ok({ source: pattern, parts, resetPeriod, timeZone });
}

function isDateFormat(token: string): token is DateFormat {
  return Object.hasOwn(DATE_FORMATS, token);
}

function unknownTokenHint(token: string): string {
  const upper = token.toUpperCase();
  if (isDateFormat(upper)) return `date tokens are upper-case: {${upper}}`;
  if (/^seq:\d+$/i.test(token)) return `write it in lower case: {${token.toLowerCase()}}`;
  return `the tokens are ${TOKENS}; e.g. ${EXAMPLE}`;
}
