import { describe, expect, it } from 'vitest';
import { backoffDelay, backoffWindow } from './backoff';

const options = { baseMs: 1_000, capMs: 60_000 };

describe('backoffWindow', () => {
  it('doubles from the base', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffWindow(a, options))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('stops at the cap, even for huge attempt numbers', () => {
    expect(backoffWindow(6, options)).toBe(60_000);
    expect(backoffWindow(1_000, options)).toBe(60_000);
    expect(Number.isFinite(backoffWindow(Number.MAX_SAFE_INTEGER, options))).toBe(true);
  });

  it('treats negative and fractional attempts as the nearest sane value', () => {
    expect(backoffWindow(-3, options)).toBe(1_000);
    expect(backoffWindow(1.9, options)).toBe(2_000);
  });
});

describe('backoffDelay (full jitter)', () => {
  it('spans the whole window from 0 to just under its bound', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.5)).toBe(4_000);
    expect(backoffDelay(3, options, () => 0.999_999)).toBe(7_999);
  });

  it('never exceeds the cap', () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const delay = backoffDelay(attempt, options, Math.random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(60_000);
    }
  });

  it('clamps a misbehaving random source', () => {
    expect(backoffDelay(0, options, () => 7)).toBe(1_000);
    expect(backoffDelay(0, options, () => -1)).toBe(0);
  });
});
