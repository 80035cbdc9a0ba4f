import { describe, expect, it } from 'vitest';
import { formatDuration, formatExact, formatRelative } from './format-time';

describe('formatRelative', () => {
  const now = 1_000_000_000;
  it.each([
    [now - 1_000, 'just now'],
    [now - 12_000, '12 s ago'],
    [now - 2 * 60_000 - 5_000, '2 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 4 * 86_400_000, '4 d ago'],
    [now + 30_000, 'in 30 s'],
  ])('%d → %s', (then, text) => expect(formatRelative(then, now)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_000, '12s'],
    [102_000, '1m 42s'],
    [120_000, '2m'],
    [2 * 3_600_000 + 5 * 60_000 + 7_000, '2h 5m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
    [-5, '0 ms'],
  ])('%d → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatExact', () => {
  it('formats local time as YYYY-MM-DD HH:MM:SS', () => {
    const ms = new Date(2025, 10, 25, 9, 8, 7).getTime();
    expect(formatExact(ms)).toBe('2025-11-25 09:08:07');
  });
});
