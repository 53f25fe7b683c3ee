import { describe, expect, it } from 'vitest';
import { fenText, shareOfFen, toFen } from './money-fen.js';

describe('money in fen', () => {
  it('reads and writes amounts exactly', () => {
    expect(['0.00', '0.05', '199.00', '8999999.99'].map((text) => fenText(toFen(text)))).toEqual(['0.00', '0.05', '199.00', '8999999.99']);
    expect(fenText(-1205)).toBe('-12.05');
    expect(toFen('0.29')).toBe(29);
  });

  it('takes a share rounded half up, exactly at the largest amounts', () => {
    expect(shareOfFen(19_900, 150_000)).toBe(2_985);
    expect(shareOfFen(1, 500_000)).toBe(1);
    expect(shareOfFen(1, 499_999)).toBe(0);
    expect(shareOfFen(899_999_999, 999_999)).toBe(899_999_099);
  });
});
