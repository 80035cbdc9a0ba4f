import { describe, expect, it } from 'vitest';
import type { ServiceStats } from '@/lib/server/deploys/store';
import { durationPoints, failureRateByDay, failureRateText, startOfDay } from './trends';

const day = (offset: number, hour = 12) => new Date(2025, 10, 20 + offset, hour).getTime();

const stats: ServiceStats = {
  service: 'api',
  total: 4,
  failures: 1,
  medianMs: 60_000,
  // Oldest first, as the store returns them.
  durations: [
    { startedAt: day(-30), durationMs: 10_000, status: 'success' },
    { startedAt: day(0), durationMs: 60_000, status: 'success' },
    { startedAt: day(0, 15), durationMs: 90_000, status: 'failure' },
    { startedAt: day(2), durationMs: 30_000, status: 'success' },
  ],
};

describe('durationPoints', () => {
  it('keeps the last runs, in seconds, with failures marked', () => {
    const points = durationPoints(stats, 2);
    expect(points).toEqual([
      { startedAt: day(0, 15), seconds: 90, failed: true },
      { startedAt: day(2), seconds: 30, failed: false },
    ]);
    expect(durationPoints(stats)).toHaveLength(4);
  });
});

describe('failureRateByDay', () => {
  it('has one bucket per day, a gap on days without deploys', () => {
    const buckets = failureRateByDay(stats, 3, day(2));
    expect(buckets.map((b) => b.day)).toEqual([startOfDay(day(0)), startOfDay(day(1)), startOfDay(day(2))]);
    expect(buckets.map((b) => [b.total, b.failures, b.rate])).toEqual([
      [2, 1, 50],
      [0, 0, null],
      [1, 0, 0],
    ]);
  });
});

describe('failureRateText', () => {
  it('says the rate and the counts', () => {
    expect(failureRateText(stats)).toBe('25% failed (1 of 4)');
    expect(failureRateText({ total: 0, failures: 0 })).toBe('no finished deploys');
  });
});
