import { describe, expect, it } from 'vitest';
import { byUrgency, durationText, timeLeft } from './time-left.js';

describe('time left', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');

  it('counts down to the due moment and says how late once past it', () => {
    expect(durationText(timeLeft('2026-12-07T11:05:09Z', now)!)).toBe('1h 05m 09s');
    expect(durationText(timeLeft('2026-12-08T12:30:00Z', now)!)).toBe('1d 2h 30m');
    const late = timeLeft('2026-12-07T09:55:30Z', now)!;
    expect(late.overdue).toBe(true);
    expect(durationText(late)).toBe('4m 30s');
    expect(durationText(late, { d: '天', h: '小时', m: '分', s: '秒' })).toBe('4分 30秒');
    expect(timeLeft(null, now)).toBeNull();
  });

  it('puts the overdue first, then the nearest due, then work without a limit', () => {
    const tasks = [{ id: 'none', dueAt: null }, { id: 'later', dueAt: '2026-12-07T12:00:00Z' }, { id: 'late', dueAt: '2026-12-07T09:00:00Z' }, { id: 'soon', dueAt: '2026-12-07T10:30:00Z' }];
    expect(byUrgency(tasks).map((t) => t.id)).toEqual(['late', 'soon', 'later', 'none']);
  });
});
