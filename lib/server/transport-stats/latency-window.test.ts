import { describe, expect, it } from 'vitest';
import { LatencyWindow, nearestRank } from './latency-window';

describe('LatencyWindow', () => {
  it('has no percentiles before any sample', () => {
    expect(new LatencyWindow().percentiles(1_000, 60_000)).toBeNull();
  });

  it('gives nearest-rank p50 and p99 of the samples in the window', () => {
    const w = new LatencyWindow();
    for (let ms = 1; ms <= 100; ms++) w.record(ms, 10_000);
    expect(w.percentiles(10_000, 60_000)).toEqual({ p50: 50, p99: 99, samples: 100 });
  });

  it('leaves out samples older than the window', () => {
    const w = new LatencyWindow();
    w.record(500, 0);
    w.record(2, 59_000);
    w.record(4, 60_000);
    expect(w.percentiles(61_000, 10_000)).toEqual({ p50: 2, p99: 4, samples: 2 });
    expect(w.percentiles(200_000, 10_000)).toBeNull();
  });

  it('keeps only the newest samples past its capacity, and ignores impossible values', () => {
    const w = new LatencyWindow(4);
    for (const ms of [1_000, 1_000, 1, 2, 3, 4]) w.record(ms, 5);
    w.record(-1, 5);
    w.record(Number.NaN, 5);
    w.record(Number.POSITIVE_INFINITY, 5);
    expect(w.percentiles(5, 1_000)).toEqual({ p50: 2, p99: 4, samples: 4 });
    expect(w.total).toBe(6);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LatencyWindow(0)).toThrow(RangeError);
  });
});

describe('nearestRank', () => {
  it('picks the value at or above the fraction', () => {
    expect(nearestRank([5], 0.99)).toBe(5);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 0.51)).toBe(3);
  });
});
