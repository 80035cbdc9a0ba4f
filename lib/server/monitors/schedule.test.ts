import { describe, expect, it } from 'vitest';
import { DriftStats, alignedSlot, nextDue, phaseOf, planNext } from './schedule';

describe('scheduler arithmetic', () => {
  it('spreads phases of consecutive ids across the interval', () => {
    const interval = 20_000;
    const buckets = new Array<number>(10).fill(0);
    for (let id = 1; id <= 1000; id++) {
      const phase = phaseOf(id, interval);
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(interval);
      buckets[Math.floor(phase / 2000)]!++;
    }
    // Roughly 100 per 2-second bucket: never a burst of hundreds at once.
    for (const count of buckets) expect(count).toBeGreaterThan(60);
    for (const count of buckets) expect(count).toBeLessThan(140);
  });

  it('finds the first slot of a phase at or after a time', () => {
    expect(alignedSlot(1_000, 10_000, 3_000)).toBe(3_000);
    expect(alignedSlot(3_000, 10_000, 3_000)).toBe(3_000);
    expect(alignedSlot(3_001, 10_000, 3_000)).toBe(13_000);
    expect(alignedSlot(0, 10_000, 0)).toBe(0);
  });

  it('runs at a fixed rate and skips slots it is far behind on', () => {
    expect(nextDue(10_000, 5_000, 11_000)).toEqual({ due: 15_000, skipped: 0 });
    // A check that started late does not push the schedule back.
    expect(nextDue(10_000, 5_000, 14_900)).toEqual({ due: 15_000, skipped: 0 });
    // After a 23 s stall, the missed slots are skipped, not run in a burst.
    expect(nextDue(10_000, 5_000, 33_000)).toEqual({ due: 35_000, skipped: 4 });
  });

  it('retries after the retry interval, then rejoins the aligned slots', () => {
    const base = { monitorId: 7, intervalMs: 60_000, retryIntervalMs: 5_000 };
    expect(planNext({ ...base, due: 1_000, now: 2_000, retrying: true })).toBe(7_000);
    const phase = phaseOf(7, 60_000);
    const back = planNext({ ...base, due: 7_000, now: 8_000, retrying: false });
    expect((back - phase) % 60_000).toBe(0);
    expect(back).toBeGreaterThanOrEqual(8_000 + 30_000);
    // On its slots it simply steps one interval.
    expect(planNext({ ...base, due: phase + 120_000, now: phase + 120_400, retrying: false })).toBe(phase + 180_000);
  });

  it('first checks leave at least half an interval before joining the slot', () => {
    const next = planNext({ monitorId: 3, intervalMs: 20_000, retryIntervalMs: 20_000, due: null, now: 100_000, retrying: false });
    expect(next).toBeGreaterThanOrEqual(110_000);
    expect(next).toBeLessThan(130_000);
  });

  it('keeps drift percentiles over a bounded ring', () => {
    const stats = new DriftStats(100);
    for (let i = 1; i <= 100; i++) stats.record(i);
    expect(stats.percentile(50)).toBe(50);
    expect(stats.percentile(99)).toBe(99);
    expect(stats.summary()).toMatchObject({ samples: 100, max: 100 });
    for (let i = 0; i < 100; i++) stats.record(1);
    expect(stats.percentile(99)).toBe(1);
    expect(stats.summary().samples).toBe(200);
    stats.record(-5);
    expect(stats.percentile(0)).toBe(0);
  });
});
