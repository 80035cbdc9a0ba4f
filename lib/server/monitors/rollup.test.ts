import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, addBuckets, checkIncrement, dailyBars, downsample, emptyBucket, periodStart, roundUptime, uptimePercent } from './rollup';

describe('rollups', () => {
  it('puts checks in UTC hours and days', () => {
    const at = Date.UTC(2026, 10, 25, 13, 47, 12);
    expect(periodStart(at, 'hour')).toBe(Date.UTC(2026, 10, 25, 13));
    expect(periodStart(at, 'day')).toBe(Date.UTC(2026, 10, 25));
  });

  it('sums checks by status, leaving maintenance out of uptime', () => {
    let b = emptyBucket(0);
    b = addBuckets(b, checkIncrement('up', 20));
    b = addBuckets(b, checkIncrement('pending', 30));
    b = addBuckets(b, checkIncrement('down', null));
    b = addBuckets(b, checkIncrement('maintenance', null));
    expect(b).toMatchObject({ checks: 4, up: 2, down: 1, maintenance: 1, latencySum: 50, latencyCount: 2, latencyMax: 30 });
    expect(uptimePercent([b])).toBeCloseTo(66.667, 2);
    expect(uptimePercent([emptyBucket(0)])).toBeNull();
  });

  it('never rounds a bad day up to 100 %', () => {
    expect(roundUptime(99.9999)).toBe(99.99);
    expect(roundUptime(100)).toBe(100);
    expect(roundUptime(97.456)).toBe(97.45);
    expect(roundUptime(null)).toBeNull();
  });

  it('draws 90 daily bars ending today, with states and incident counts', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const today = periodStart(now, 'day');
    const up = { ...emptyBucket(today), checks: 100, up: 100 };
    const degraded = { ...emptyBucket(today - DAY_MS), checks: 1000, up: 998, down: 2 };
    const bad = { ...emptyBucket(today - 2 * DAY_MS), checks: 100, up: 80, down: 20 };
    const maint = { ...emptyBucket(today - 3 * DAY_MS), checks: 10, maintenance: 10 };
    const bars = dailyBars([up, degraded, bad, maint], [today - 4 * DAY_MS + HOUR_MS], 90, now);
    expect(bars).toHaveLength(90);
    expect(bars.at(-1)).toMatchObject({ day: '2026-11-25', state: 'up', uptime: 100 });
    expect(bars.at(-2)).toMatchObject({ state: 'degraded', uptime: 99.8 });
    expect(bars.at(-3)).toMatchObject({ state: 'down', uptime: 80 });
    expect(bars.at(-4)).toMatchObject({ state: 'maintenance', uptime: null });
    // An incident on a day without checks still marks it.
    expect(bars.at(-5)).toMatchObject({ state: 'down', incidents: 1, checks: 0 });
    expect(bars[0]).toMatchObject({ state: 'none', checks: 0 });
  });

  it('downsamples long series by averaging, marking chunks with failures', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ at: i, latencyMs: i === 3 ? null : 10 * i }));
    const out = downsample(points, 5);
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({ at: 0, latencyMs: 5, failed: false });
    expect(out[1]).toEqual({ at: 2, latencyMs: 20, failed: true });
    expect(downsample(points.slice(0, 2), 5)).toHaveLength(2);
  });
});
