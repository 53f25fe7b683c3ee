import { describe, expect, it } from 'vitest';
import { raw } from '@mikro-orm/core';
import { toPositional } from './positional-sql.js';

describe('toPositional', () => {
  it('numbers placeholders in text order, writes raw fragments in place, and leaves quoted text alone', () => {
    const sharing = raw(`select id from customer where city = 'Ch?ngdu' and owner_id = ?`, ['u1']);
    expect(toPositional(`select '?', "a?b" from t where a = ? and id in (?) and b = ? and c \\? 'x' and d = 'it''s ?'`, [1, sharing, 'three'])).toEqual({
      text: `select '?', "a?b" from t where a = $1 and id in (select id from customer where city = 'Ch?ngdu' and owner_id = $2) and b = $3 and c ? 'x' and d = 'it''s ?'`,
      values: [1, 'u1', 'three'],
    });
  });

  it('refuses placeholders and parameters that do not pair up', () => {
    expect(() => toPositional('a = ? and b = ?', [1])).toThrow(/more placeholders/);
    expect(() => toPositional('a = ?', [1, 2])).toThrow(/fewer placeholders/);
  });
});
