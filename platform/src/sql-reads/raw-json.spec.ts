import { describe, expect, it } from 'vitest';
import { loggedKey, RawJson, stringifyResult, takeShown, type Shown } from './raw-json.js';

describe('raw JSON in the response', () => {
  it('writes a record text in place, byte for byte, and parses it for any other serialiser', () => {
    const text = '{"id":"a","name":"Zhāng \\"Wěi\\"","tags":["x","y"],"n":1}';
    const result = { data: { customer: new RawJson(text), other: { nodes: [new RawJson('{"id":"b"}'), null] } } };
    expect(stringifyResult(result as never)).toBe(`{"data":{"customer":${text},"other":{"nodes":[{"id":"b"},null]}}}\n`);
    expect(JSON.stringify(result)).toBe(`{"data":{"customer":${text},"other":{"nodes":[{"id":"b"},null]}}}`);
  });

  it('leaves a value that looks like a marker alone: the marker carries a nonce no client knows', () => {
    const result = { data: { note: '\u0001abc:0\u0001abc:', customer: new RawJson('{"id":"a"}') } };
    expect(JSON.parse(stringifyResult(result as never))).toEqual({ data: { note: '\u0001abc:0\u0001abc:', customer: { id: 'a' } } });
  });

  it('takes the hidden keys of logged records out of a text, in text order, and no look-alike', () => {
    const shown: Shown[] = [];
    const text = `{"id":"c1","note":",\\"${loggedKey(0)}\\":\\"x|y\\"","lines":[{"id":"s1","${loggedKey(1)}":"s1|u2"}],"${loggedKey(0)}":"c1|"}`;
    expect(takeShown(text, shown)).toBe(`{"id":"c1","note":",\\"${loggedKey(0)}\\":\\"x|y\\"","lines":[{"id":"s1"}]}`);
    expect(shown).toEqual([[1, 's1', 'u2'], [0, 'c1', null]]);
    expect(JSON.parse(takeShown(text, []))).toMatchObject({ id: 'c1', lines: [{ id: 's1' }] });
  });
});
