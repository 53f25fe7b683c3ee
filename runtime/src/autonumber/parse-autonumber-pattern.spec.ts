import { describe, expect, it } from 'vitest';
import { parseAutonumberPattern } from './parse-autonumber-pattern.js';

const PATH = 'entities[order].fields[number].pattern';

function problemsOf(pattern: string, timeZone = 'UTC') {
  const result = parseAutonumberPattern(pattern, timeZone, PATH);
  return result.ok ? [] : result.problems;
}

describe('parseAutonumberPattern', () => {
  it('splits literals, date parts and the sequence', () => {
    expect(parseAutonumberPattern('ORD-{YYYYMMDD}-{seq:6}', 'Asia/Shanghai', PATH)).toEqual({
      ok: true,
      value: {
        source: 'ORD-{YYYYMMDD}-{seq:6}',
        parts: [
          { kind: 'literal', text: 'ORD-' },
          { kind: 'date', format: 'YYYYMMDD' },
          { kind: 'literal', text: '-' },
          { kind: 'seq', width: 6 },
        ],
        resetPeriod: 'day',
        timeZone: 'Asia/Shanghai',
      },
    });
  });

  it('resets by the finest date part, or never without one', () => {
    const period = (pattern: string) => {
      const result = parseAutonumberPattern(pattern, 'UTC', PATH);
      return result.ok ? result.value.resetPeriod : result.problems;
    };
    expect(period('{YY}/{YYMM}-{seq:4}')).toBe('month');
    expect(period('WO{YYYY}{seq:5}')).toBe('year');
    expect(period('{YYMMDD}.{seq:3}')).toBe('day');
    expect(period('C{seq:8}')).toBe('never');
  });

  it('requires exactly one sequence with a width from 1 to 12', () => {
    expect(problemsOf('ORD-{YYYYMMDD}')).toEqual([
      expect.objectContaining({ code: 'autonumber.missing-seq', path: PATH, hint: 'e.g. ORD-{YYYYMMDD}-{seq:6}' }),
    ]);
    expect(problemsOf('{seq:4}-{seq:4}').map((p) => p.code)).toEqual(['autonumber.multiple-seq']);
    expect(problemsOf('A{seq:0}').map((p) => p.code)).toEqual(['autonumber.seq-width']);
    expect(problemsOf('A{seq:13}').map((p) => p.code)).toEqual(['autonumber.seq-width']);
    expect(problemsOf('A{seq}')).toEqual([expect.objectContaining({ code: 'autonumber.seq-width', message: '{seq} needs a width from 1 to 12, written {seq:N}' })]);
  });

  it('names unknown tokens, with a hint for the wrong case', () => {
    expect(problemsOf('{yyyymmdd}-{seq:4}')).toEqual([
      expect.objectContaining({ code: 'autonumber.unknown-token', message: '{yyyymmdd} is not an autonumber token', hint: 'date tokens are upper-case: {YYYYMMDD}' }),
    ]);
    expect(problemsOf('{SEQ:4}')).toEqual([expect.objectContaining({ code: 'autonumber.unknown-token', hint: 'write it in lower case: {seq:4}' })]);
    expect(problemsOf('{MM}{seq:4}')[0]?.hint).toContain('{YYYYMMDD}, {YYMMDD}');
    expect(problemsOf('{constructor}{seq:4}').map((p) => p.code)).toEqual(['autonumber.unknown-token']);
  });

  it('reports unbalanced braces and characters that numbers may not contain', () => {
    expect(problemsOf('ORD-{YYYYMMDD-{seq:6}')).toEqual([
      expect.objectContaining({ code: 'autonumber.unbalanced-braces', message: 'pattern "ORD-{YYYYMMDD-{seq:6}" has a { without a closing } (at character 5)' }),
    ]);
    expect(problemsOf('ORD}{seq:6}')).toEqual([expect.objectContaining({ code: 'autonumber.unbalanced-braces', message: expect.stringContaining('} without a {') })]);
    expect(problemsOf('ORD {seq:6}#')).toEqual([
      expect.objectContaining({ code: 'autonumber.invalid-character', message: expect.stringContaining('contains " ", "#"') }),
    ]);
    expect(problemsOf('订单{seq:6}').map((p) => p.code)).toEqual(['autonumber.invalid-character']);
  });

  it('checks the time zone', () => {
    expect(problemsOf('{seq:6}', 'Beijing')).toEqual([
      expect.objectContaining({ code: 'autonumber.invalid-time-zone', message: '"Beijing" is not a time zone', hint: 'use an IANA name such as Asia/Shanghai or UTC' }),
    ]);
  });
});
