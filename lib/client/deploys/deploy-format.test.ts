import { describe, expect, it } from 'vitest';
import {
  deployDurationMs,
  formatDeployDuration,
  formatElapsed,
  formatPercent,
  shortCommit,
  statusWord,
} from './deploy-format';

describe('formatElapsed', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42_400, '42s'],
    [102_000, '1m 42s'],
    [2 * 3_600_000 + 5 * 60_000 + 9_000, '2h 5m'],
    [-3_000, '0s'],
  ])('%d ms → %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe('deployDurationMs', () => {
  it('measures to the end, or to now while running, never below zero', () => {
    expect(deployDurationMs({ startedAt: 1_000, finishedAt: 4_000 }, 9_000)).toBe(3_000);
    expect(deployDurationMs({ startedAt: 1_000, finishedAt: null }, 9_000)).toBe(8_000);
    expect(deployDurationMs({ startedAt: 10_000, finishedAt: null }, 9_000)).toBe(0);
  });
});

describe('formatDeployDuration', () => {
  it('ticks in seconds while running and is exact once ended', () => {
    expect(formatDeployDuration({ startedAt: 0, finishedAt: null }, 1_500)).toBe('1s');
    expect(formatDeployDuration({ startedAt: 0, finishedAt: 850 }, 99_000)).toBe('850 ms');
    expect(formatDeployDuration({ startedAt: 0, finishedAt: 102_000 }, 0)).toBe('1m 42s');
  });
});

describe('words', () => {
  it('shortens hex SHAs only', () => {
    expect(shortCommit('4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39')).toBe('4f2a9c1');
    expect(shortCommit('v1.2.3')).toBe('v1.2.3');
  });

  it('formats percentages and names statuses', () => {
    expect(formatPercent(33.333)).toBe('33.3%');
    expect(formatPercent(120)).toBe('100%');
    expect(statusWord('failure')).toBe('Failed');
    expect(statusWord('weird')).toBe('weird');
  });
});
